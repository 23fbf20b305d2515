// `npm run bench -- level0`: the whole level-0 workflow (workflows/level0.yaml, every step wired in
// it) through the engine on EMD-0093 (220³, 1.34 Å, threshold 0.7, resolution 3.5 Å) and on a 432³
// map made from it by Fourier up-sampling, with the time and peak memory of every step as the
// engine records them, the run's wall and CPU time. Then the engine's overhead: the shared
// preprocessing and whole-map steps (input, 0.a–0.d) run alone through the engine, one at a time
// (so that no other step shares the cores), against the same protocols' `run` called directly in
// this process with their inputs as values (no worker, no store, no file, no hash). The overhead
// is the difference of the sums, as a share of the latter. LEVEL0_BENCH_SIZES=220 (or 432) limits
// the sizes; LEVEL0_BENCH_KERNELS=0 skips the overhead measurement.
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runStepsInProcess } from './runStepsInProcess.js';
import {
  fourierResize,
  loadProtocolRegistry,
  loadWorkflow,
  packageModule,
  packageRoot,
  readMap,
  resolveWorkflowParams,
  runWorkflow,
  writeMap,
  type RunSummary,
} from '../../core/index.js';

const repoRoot = resolve(fileURLToPath(new URL('.', import.meta.url)), '../..');
const source = resolve(repoRoot, '../shared/data/levelA/emd_0093_masked_MAP_m4A.mrc.gz');
const THRESHOLD = 0.7;
const RESOLUTION = 3.5;
/** The shared preprocessing and the whole-map checks (input, 0.a–0.d). */
const SHARED_AND_GLOBAL = new Set(['importMap', 'hardMask', 'maskCoverage', 'softMask', 'resizeMap', 'resizedHardMask', 'resizedSoftMask', 'inputData', 'massAnalysis', 'maskAnalysis', 'backgroundAnalysis', 'globalBFactor']);
/** The whole-map sections (the overhead measurement runs until them). */
const GLOBAL_SECTIONS = ['inputData', 'massAnalysis', 'maskAnalysis', 'backgroundAnalysis', 'globalBFactor'];
/** The local-map checks (0.e–0.h), marked * in the table. */
const LOCAL = new Set(['localResolution', 'locBfactor', 'locOccupancy', 'helixHand']);

const gb = (bytes: number | undefined) => (bytes === undefined ? '–' : (bytes / 2 ** 30).toFixed(2));
const s = (ms: number | undefined) => (ms === undefined ? '–' : (ms / 1000).toFixed(2));

function table(rows: string[][]): string {
  const widths = rows[0]!.map((_, c) => Math.max(...rows.map((r) => r[c]!.length)));
  return rows.map((r) => r.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]!) : cell.padStart(widths[c]!))).join('  ')).join('\n');
}

async function runLevel0(map: string, options: { until?: string[]; jobs?: number } = {}) {
  const registry = await loadProtocolRegistry([packageModule('protocols/index')]);
  const workflow = loadWorkflow(join(packageRoot, 'workflows/level0.yaml'), registry);
  const runDir = mkdtempSync(join(tmpdir(), 'vrs-bench-l0-'));
  try {
    const started = performance.now();
    const cpu = process.cpuUsage();
    const params = resolveWorkflowParams(workflow, { map, threshold: THRESHOLD, resolution: RESOLUTION }, process.cwd());
    const summary = await runWorkflow({ workflow, registry, params, runDir, ...options });
    const used = process.cpuUsage(cpu);
    return { summary, workflow, params, wall: performance.now() - started, cpu: (used.user + used.system) / 1000 };
  } finally {
    rmSync(runDir, { recursive: true, force: true });
  }
}

async function runWholeWorkflow(map: string, label: string): Promise<RunSummary> {
  const { summary, wall, cpu } = await runLevel0(map);
  const rows = [['step', 'outcome', 'time (s)', 'peak RSS (GB)']];
  for (const step of summary.steps) rows.push([`${LOCAL.has(step.step) ? '* ' : ''}${step.step}`, step.outcome, s(step.durationMs), gb(step.peakRssBytes)]);
  const peak = Math.max(...summary.steps.map((step) => step.peakRssBytes ?? 0));
  const sharedSum = summary.steps.filter((step) => SHARED_AND_GLOBAL.has(step.step)).reduce((a, step) => a + (step.durationMs ?? 0), 0);
  console.log(`\n${label}: whole level-0 workflow ${s(wall)} s wall, ${s(cpu)} s CPU (${summary.status}), peak RSS ${gb(peak)} GB, ${summary.steps.length} steps, 2 at a time at most`);
  console.log(table(rows));
  console.log(`(* = a local-map check, 0.e–0.h; sum of the step times of import, masks, resize, input, 0.a–0.d: ${s(sharedSum)} s)`);
    return summary;
}

/**
 * The engine's overhead on the shared and whole-map steps: those steps run through the engine alone,
 * one at a time (no other step shares the cores), against the same protocols' `run` called in this
 * process with their inputs as values (runStepsInProcess).
 */
async function overhead(map: string, label: string): Promise<void> {
  const { summary, workflow, params } = await runLevel0(map, { until: GLOBAL_SECTIONS, jobs: 1 });
  const names = new Set(summary.steps.map((step) => step.step));
  const direct = await runStepsInProcess(workflow, params, names);
  const rows = [['step', 'engine (s)', 'in process (s)', 'difference (s)']];
  let engineSum = 0;
  let directSum = 0;
  for (const step of summary.steps) {
    const inProcess = direct.get(step.step)!;
    engineSum += step.durationMs ?? 0;
    directSum += inProcess;
    rows.push([step.step, s(step.durationMs), s(inProcess), s((step.durationMs ?? 0) - inProcess)]);
  }
  rows.push(['sum', s(engineSum), s(directSum), s(engineSum - directSum)]);
  console.log(`\n${label}: engine overhead on the shared and whole-map steps, one at a time: ${s(engineSum - directSum)} s, ${((100 * (engineSum - directSum)) / directSum).toFixed(0)} % of the computation`);
  console.log(table(rows));
}

/** Writes the 432³ map; its arrays are garbage when it returns, so the runs' peak RSS is theirs. */
async function writeUpsampled(file: string): Promise<void> {
  const started = performance.now();
  const { volume } = await readMap(source);
  const big = await fourierResize(volume, [432, 432, 432]);
  // Fourier up-sampling keeps the box length: 220·1.34 Å = 432·0.6824 Å
  await writeMap(file, big, { labels: ['EMD-0093 masked map Fourier-upsampled 220 -> 432 (cryo-vrs level0 bench)'] });
  console.log(`\n432³ map made by Fourier up-sampling in ${s(performance.now() - started)} s (voxel ${big.voxelSize[0].toFixed(4)} Å)`);
}

export default async function level0Bench(): Promise<void> {
  if (!existsSync(source)) {
    console.log(`level0 bench skipped: ${source} is absent`);
    return;
  }
  const sizes = (process.env['LEVEL0_BENCH_SIZES'] ?? '220,432').split(',').map(Number);
  const kernels = process.env['LEVEL0_BENCH_KERNELS'] !== '0';
  console.log(`level-0 bench on ${source} (threshold ${THRESHOLD}, resolution ${RESOLUTION} Å); load average ${loadavg().map((l) => l.toFixed(1)).join(' ')}`);
  if (sizes.includes(220)) {
    await runWholeWorkflow(source, '220³');
    if (kernels) await overhead(source, '220³');
  }
  if (sizes.includes(432)) {
    const dir = mkdtempSync(join(tmpdir(), 'vrs-bench-432-'));
    try {
      const file = join(dir, 'emd_0093_432.mrc');
      await writeUpsampled(file);
      await runWholeWorkflow(file, '432³');
      if (kernels) await overhead(file, '432³');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
}
