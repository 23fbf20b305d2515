// `npm run bench -- level0`: the whole level-0 workflow (workflows/level0.yaml, every step wired in
// it) through the engine on EMD-0093 (220³, 1.34 Å, threshold 0.7, resolution 3.5 Å) and on a 432³
// map made from it by Fourier up-sampling, with the time and peak memory of every step as the
// engine records them; then the level-0 computations of sections input and 0.a–0.d timed alone,
// in this process (no worker start-up, no store), to show where the step time goes.
// LEVEL0_BENCH_SIZES=220 (or 432) limits the sizes; LEVEL0_BENCH_KERNELS=0 skips the breakdown.
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  fourierResize,
  isosurfaceFigure,
  loadProtocolRegistry,
  loadWorkflow,
  packageModule,
  packageRoot,
  readMap,
  resizeToVoxelSize,
  resolveWorkflowParams,
  runWorkflow,
  sliceFigure,
  softMask,
  writeMap,
  type RunSummary,
  type Volume,
} from '../../core/index.js';
import { backgroundAnalysisSection } from '../../protocols/level0/background-analysis/backgroundAnalysisSection.js';
import { globalBFactorAnalysis } from '../../protocols/level0/global-bfactor/globalBFactorAnalysis.js';
import { buildHardMask } from '../../protocols/preprocessing/hard-mask/buildHardMask.js';
import { massAnalysisSection } from '../../protocols/level0/mass-analysis/massAnalysisSection.js';
import { maskAnalysisSection } from '../../protocols/level0/mask-analysis/maskAnalysisSection.js';

const repoRoot = resolve(fileURLToPath(new URL('.', import.meta.url)), '../..');
const source = resolve(repoRoot, '../shared/data/levelA/emd_0093_masked_MAP_m4A.mrc.gz');
const THRESHOLD = 0.7;
const RESOLUTION = 3.5;
/** The shared preprocessing and the whole-map checks (input, 0.a–0.d). */
const SHARED_AND_GLOBAL = new Set(['importMap', 'hardMask', 'softMask', 'resizeMap', 'resizedHardMask', 'resizedSoftMask', 'inputData', 'massAnalysis', 'maskAnalysis', 'backgroundAnalysis', 'globalBFactor']);
/** The local-map checks (0.e–0.h), marked * in the table. */
const LOCAL = new Set(['localResolution', 'locBfactor', 'locOccupancy', 'helixHand']);

const gb = (bytes: number | undefined) => (bytes === undefined ? '–' : (bytes / 2 ** 30).toFixed(2));
const s = (ms: number | undefined) => (ms === undefined ? '–' : (ms / 1000).toFixed(2));

function table(rows: string[][]): string {
  const widths = rows[0]!.map((_, c) => Math.max(...rows.map((r) => r[c]!.length)));
  return rows.map((r) => r.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]!) : cell.padStart(widths[c]!))).join('  ')).join('\n');
}

async function runWholeWorkflow(map: string, label: string): Promise<RunSummary> {
  const registry = await loadProtocolRegistry([packageModule('protocols/index')]);
  const workflow = loadWorkflow(join(packageRoot, 'workflows/level0.yaml'), registry);
  const runDir = mkdtempSync(join(tmpdir(), 'vrs-bench-l0-'));
  try {
    const started = performance.now();
    const summary = await runWorkflow({ workflow, registry, params: resolveWorkflowParams(workflow, { map, threshold: THRESHOLD, resolution: RESOLUTION }, process.cwd()), runDir });
    const wall = performance.now() - started;
    const rows = [['step', 'outcome', 'time (s)', 'peak RSS (GB)']];
    for (const step of summary.steps) rows.push([`${LOCAL.has(step.step) ? '* ' : ''}${step.step}`, step.outcome, s(step.durationMs), gb(step.peakRssBytes)]);
    const peak = Math.max(...summary.steps.map((step) => step.peakRssBytes ?? 0));
    const sharedSum = summary.steps.filter((step) => SHARED_AND_GLOBAL.has(step.step)).reduce((a, step) => a + (step.durationMs ?? 0), 0);
    console.log(`\n${label}: whole level-0 workflow ${s(wall)} s wall (${summary.status}), peak RSS ${gb(peak)} GB, ${summary.steps.length} steps, 2 at a time at most`);
    console.log(table(rows));
    console.log(`(* = a local-map check, 0.e–0.h; sum of the step times of import, masks, resize, input, 0.a–0.d: ${s(sharedSum)} s)`);
    return summary;
  } finally {
    rmSync(runDir, { recursive: true, force: true });
  }
}

async function time<T>(rows: string[][], name: string, work: () => Promise<T> | T): Promise<T> {
  const started = performance.now();
  const result = await work();
  rows.push([name, s(performance.now() - started), gb(process.memoryUsage.rss())]);
  return result;
}

/** The computations behind the steps, called directly (single process, FFTs on their worker pool). */
async function kernelBreakdown(file: string, label: string): Promise<void> {
  const rows = [['computation', 'time (s)', 'RSS after (GB)']];
  const { volume } = await time(rows, 'read map (+ SHA-256)', () => readMap(file));
  const map = volume as Volume;
  const { mask, info } = await time(rows, 'hard mask (threshold, 26-labels, dilation)', () => buildHardMask(map, THRESHOLD));
  const soft = await time(rows, 'soft mask (FFT blur)', () => softMask(mask));
  await time(rows, 'resize to resolution/2 + its hard and soft masks', async () => {
    const resized = (await resizeToVoxelSize(map, RESOLUTION / 2)).volume;
    await softMask(buildHardMask(resized, THRESHOLD).mask);
  });
  await time(rows, 'input: slices, projections, mask slices', () => {
    sliceFigure(map, { id: 'c', kind: 'central', caption: '' });
    sliceFigure(map, { id: 'm', kind: 'maxVariance', caption: '' });
    sliceFigure(map, { id: 'p', kind: 'projection', caption: '' });
    sliceFigure(mask, { id: 'h', kind: 'maxVariance', caption: '' });
    sliceFigure(soft, { id: 's', kind: 'maxVariance', caption: '' });
  });
  await time(rows, 'input: isosurface views', () => isosurfaceFigure(map, { id: 'i', threshold: THRESHOLD }));
  await time(rows, '0.a mass analysis', () => massAnalysisSection(map, mask));
  await time(rows, '0.b mask analysis', () => maskAnalysisSection(map, mask, info));
  await time(rows, '0.c background analysis', () => backgroundAnalysisSection(map, mask));
  await time(rows, '0.d global B-factor (+ sharpened map)', () => globalBFactorAnalysis(map, { resolution: RESOLUTION }));
  const total = rows.slice(1).reduce((a, r) => a + Number(r[1]), 0);
  console.log(`\n${label}: the same computations in this process (total ${total.toFixed(2)} s)`);
  console.log(table(rows));
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
    if (kernels) await kernelBreakdown(source, '220³');
  }
  if (sizes.includes(432)) {
    const dir = mkdtempSync(join(tmpdir(), 'vrs-bench-432-'));
    try {
      const started = performance.now();
      const { volume } = await readMap(source);
      const big = await fourierResize(volume, [432, 432, 432]);
      // Fourier up-sampling keeps the box length: 220·1.34 Å = 432·0.6824 Å
      const file = join(dir, 'emd_0093_432.mrc');
      await writeMap(file, big, { labels: ['EMD-0093 masked map Fourier-upsampled 220 -> 432 (cryo-vrs level0 bench)'] });
      console.log(`\n432³ map made by Fourier up-sampling in ${s(performance.now() - started)} s (voxel ${big.voxelSize[0].toFixed(4)} Å)`);
      await runWholeWorkflow(file, '432³');
      if (kernels) await kernelBreakdown(file, '432³');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
}
