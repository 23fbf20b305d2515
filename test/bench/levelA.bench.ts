// `npm run bench -- levelA`: the whole of level A (workflows/levelA.yaml: the map's import and masks,
// the model's import and fit check, every level-A check, then the report) through the engine on the
// 220³ EMD-0093 map with its model 6GYN (16,932 atoms). Prints each step's time and peak memory,
// the wall time and the time of level A's own steps (target: under 90 s on the 2-core machine).
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadProtocolRegistry, loadWorkflow, packageModule, packageRoot, resolveWorkflowParams, runWorkflow } from '../../core/index.js';

const repoRoot = resolve(fileURLToPath(new URL('.', import.meta.url)), '../..');
const map = resolve(repoRoot, '../shared/data/levelA/emd_0093_masked_MAP_m4A.mrc.gz');
const model = resolve(repoRoot, '../shared/data/levelA/6gyn.pdb');
const THRESHOLD = 0.7;
const RESOLUTION = 3.5;
/** Steps of the shared preprocessing of the map (not level A's own work). */
const PREPROCESSING = new Set(['importMap', 'hardMask', 'softMask', 'resizeMap', 'resizedHardMask', 'resizedSoftMask']);

const gb = (bytes: number | undefined) => (bytes === undefined ? '–' : (bytes / 2 ** 30).toFixed(2));
const s = (ms: number | undefined) => (ms === undefined ? '–' : (ms / 1000).toFixed(2));

export default async function levelABench(): Promise<void> {
  if (!existsSync(map) || !existsSync(model)) {
    console.log(`levelA bench skipped: ${map} or ${model} is absent`);
    return;
  }
  const dir = mkdtempSync(join(tmpdir(), 'vrs-bench-lA-'));
  try {
    console.log(`level-A bench: ${map} + ${model}; ${cpus().length} cores, load average ${loadavg().map((l) => l.toFixed(1)).join(' ')}`);
    const registry = await loadProtocolRegistry([packageModule('protocols/index')]);
    const workflow = loadWorkflow(join(packageRoot, 'workflows/levelA.yaml'), registry);
    const started = performance.now();
    const cpuStart = process.cpuUsage();
    const summary = await runWorkflow({
      workflow,
      registry,
      params: resolveWorkflowParams(workflow, { map, model, threshold: THRESHOLD, resolution: RESOLUTION }, process.cwd()),
      runDir: join(dir, 'run'),
    });
    const wall = performance.now() - started;
    const cpu = process.cpuUsage(cpuStart);
    const rows = [['step', 'outcome', 'time (s)', 'peak RSS (GB)']];
    for (const step of summary.steps) rows.push([step.step, step.outcome, s(step.durationMs), gb(step.peakRssBytes)]);
    const widths = rows[0]!.map((_, c) => Math.max(...rows.map((r) => r[c]!.length)));
    const own = summary.steps.filter((step) => !PREPROCESSING.has(step.step) && step.step !== 'report');
    const ownTime = own.reduce((t, step) => t + (step.durationMs ?? 0), 0);
    const peak = Math.max(...summary.steps.map((step) => step.peakRssBytes ?? 0));
    console.log(
      `\n220³, 16,932 atoms: whole level-A workflow ${s(wall)} s wall (${summary.status}); main-process CPU ${s((cpu.user + cpu.system) / 1000)} s; ` +
        `level-A steps ${s(ownTime)} s of step time (${own.length} steps); peak RSS ${gb(peak)} GB`,
    );
    console.log(rows.map((r) => r.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]!) : cell.padStart(widths[c]!))).join('  ')).join('\n'));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
