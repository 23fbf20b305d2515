// `npm run bench -- campaign`: a campaign of 20 entries made from the level-0 maps of ../shared/data
// (EMD-1997, 5168 and 5170 at several contour levels around the authors' ones, and EMD-1997 with its
// EMDB header), run locally through runCampaign (one entry at a time, one step at a time, one shared
// store), with entries per minute and the engine's time outside the steps per executed step.
// CAMPAIGN_BENCH_ENTRIES=N runs the first N entries.
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { LocalExecutor, runCampaign } from '../../core/campaign/index.js';
import { planValidation } from '../../core/cli/commands/executeValidation.js';
import { loadProtocolRegistry, packageModule } from '../../core/index.js';

const repoRoot = resolve(fileURLToPath(new URL('.', import.meta.url)), '../..');
const level0 = resolve(repoRoot, '../shared/data/level0');

function entries(): string[] {
  const rows: string[] = [];
  for (const t of [0.8, 0.9, 1.0, 1.1, 1.2, 1.3]) rows.push(`groel-${t},${level0}/emd_1997.map,${t},7,`);
  for (const t of [8, 9, 10, 11, 12, 13]) rows.push(`actin-${t},${level0}/emd_5168.map,${t},6.6,`);
  for (const t of [0.5, 0.55, 0.61, 0.67, 0.75, 0.8]) rows.push(`e5170-${t},${level0}/emd_5170.map,${t},,`);
  rows.push(`groel-public,${level0}/emd_1997.map,,,${level0}/emd_1997_header.xml`);
  rows.push(`groel-again,${level0}/emd_1997.map,1.0,7,`);
  const wanted = Number(process.env['CAMPAIGN_BENCH_ENTRIES'] ?? rows.length);
  return rows.slice(0, wanted);
}

/** How each step of a run folder's latest attempt settled, from its journal. */
function readJournalSteps(runDir: string): { outcome: string; durationMs: number }[] {
  const events = readFileSync(join(runDir, 'journal.jsonl'), 'utf8').split('\n').filter(Boolean).map((line) => JSON.parse(line) as { attempt: number; event: string; step?: string; durationMs?: number });
  const last = Math.max(...events.map((e) => e.attempt));
  return events
    .filter((e) => e.attempt === last && e.step !== undefined && /^step:(success|failed|cached)$/.test(e.event))
    .map((e) => ({ outcome: e.event.slice(5), durationMs: e.durationMs ?? 0 }));
}

export default async function campaignBench(): Promise<void> {
  if (!existsSync(join(level0, 'emd_1997.map'))) {
    console.log(`skipped: no shared data at ${level0}`);
    return;
  }
  const dir = mkdtempSync(join(tmpdir(), 'vrs-bench-campaign-'));
  try {
    const rows = entries();
    const file = join(dir, 'campaign.csv');
    writeFileSync(file, `id,map,threshold,resolution,emdb_header\n${rows.join('\n')}\n`);
    const registry = await loadProtocolRegistry([packageModule('protocols/index')]);
    const out = join(dir, 'out');
    console.log(`${rows.length} entries, 1-minute load average ${loadavg()[0]!.toFixed(2)} at the start`);
    const started = performance.now();
    const result = await runCampaign({
      file,
      out,
      store: join(out, 'store'),
      executor: new LocalExecutor(registry),
      plan: (options) => planValidation(options, dir, registry),
      parallel: 1,
      jobs: 1,
      progress: (line) => console.log(line),
      signal: new AbortController().signal,
    });
    const wallMs = performance.now() - started;
    let executed = 0;
    let cached = 0;
    let stepMs = 0;
    for (const row of result.rows) {
      if (row.runDir === null) continue;
      for (const step of readJournalSteps(row.runDir)) {
        if (step.outcome === 'success' || step.outcome === 'failed') {
          executed++;
          stepMs += step.durationMs;
        } else if (step.outcome === 'cached') cached++;
      }
    }
    const minutes = wallMs / 60_000;
    console.log(`\nentries: ${result.counts.done} done, ${result.counts.failed} failed, ${result.counts.invalid} refused, of ${rows.length}`);
    console.log(`wall ${(wallMs / 1000).toFixed(1)} s: ${(rows.length / minutes).toFixed(2)} entries per minute`);
    console.log(`steps: ${executed} executed (${(stepMs / 1000).toFixed(1)} s of step time), ${cached} taken from the shared store`);
    console.log(
      `engine time outside the steps (planning and input checks, cache look-ups, links, ledger, reports): ${((wallMs - stepMs) / 1000).toFixed(1)} s, ` +
        `${((wallMs - stepMs) / Math.max(1, executed + cached)).toFixed(0)} ms per step (executed or cached), ${((100 * (wallMs - stepMs)) / wallMs).toFixed(1)} % of the wall time`,
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
