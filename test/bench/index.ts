// Benchmark dispatcher: `npm run bench` runs every test/bench/<group>.bench.ts, `npm run bench --
// <group> …` only the named ones. A bench file's default export is an async function that prints.
import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const dir = fileURLToPath(new URL('.', import.meta.url));
const groups = readdirSync(dir)
  .map((file) => /^(.+)\.bench\.ts$/.exec(file)?.[1])
  .filter((group): group is string => group !== undefined)
  .sort();
const wanted = process.argv.slice(2);
const unknown = wanted.filter((g) => !groups.includes(g));
if (unknown.length > 0) {
  console.error(`unknown bench group(s): ${unknown.join(', ')}; available: ${groups.join(', ')}`);
  process.exit(2);
}
for (const group of wanted.length > 0 ? wanted : groups) {
  console.log(`\n== bench ${group} ==`);
  const module = (await import(`./${group}.bench.ts`)) as { default: () => Promise<void> };
  await module.default();
}
