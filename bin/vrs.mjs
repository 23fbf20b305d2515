#!/usr/bin/env node
// The `vrs` command. Runs the compiled CLI in dist/ when the package is built; otherwise (a fresh
// checkout, or VRS_FROM_SOURCES=1) the TypeScript sources through tsx.
import { existsSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';

const compiled = fileURLToPath(new URL('../dist/core/cli/main.js', import.meta.url));
let entry = compiled;
if (process.env.VRS_FROM_SOURCES === '1' || !existsSync(compiled)) {
  const { register } = await import('tsx/esm/api');
  register();
  entry = fileURLToPath(new URL('../core/cli/main.ts', import.meta.url));
}
const { runCli } = await import(pathToFileURL(entry).href);
process.exitCode = await runCli(process.argv.slice(2));
