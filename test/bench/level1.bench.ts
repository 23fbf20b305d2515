// `npm run bench -- level1`: the whole of level 1 (workflows/level1.yaml: the shared preprocessing
// of the map and every level-1 check, then the report) through the engine on half maps made from
// the 220³ EMD-0093 map by the recipe of ../shared/data/level1/README.md — a gently low-passed
// signal plus independent coloured noise whose power grows as 0.05 + (f/f_t)², scaled so that the
// expected FSC crosses 0.143 at the design resolution (3.5 Å, the map's reported resolution).
// Prints each step's time and peak memory, the wall time, the peak and the heaviest section.
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  applyRadialFilter,
  firstCrossing,
  halfMapPair,
  irfft3d,
  loadProtocolRegistry,
  loadWorkflow,
  packageModule,
  packageRoot,
  readMap,
  resolveWorkflowParams,
  rfft3d,
  runWorkflow,
  shellIndex,
  writeMap,
  type Volume,
} from '../../core/index.js';

const repoRoot = resolve(fileURLToPath(new URL('.', import.meta.url)), '../..');
const source = resolve(repoRoot, '../shared/data/levelA/emd_0093_masked_MAP_m4A.mrc.gz');
const THRESHOLD = 0.7;
const DESIGN_RESOLUTION = 3.5;
const SEED = 93;

const gb = (bytes: number | undefined) => (bytes === undefined ? '–' : (bytes / 2 ** 30).toFixed(2));
const s = (ms: number | undefined) => (ms === undefined ? '–' : (ms / 1000).toFixed(2));

function table(rows: string[][]): string {
  const widths = rows[0]!.map((_, c) => Math.max(...rows.map((r) => r[c]!.length)));
  return rows.map((r) => r.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]!) : cell.padStart(widths[c]!))).join('  ')).join('\n');
}

/** The README's recipe with our own generator (so not the same noise as the shipped files). */
export async function designedHalfMaps(map: Volume, design: number, seed: number): Promise<{ half1: Volume; half2: Volume; full: Volume; noiseScale: number }> {
  const ts = map.voxelSize[0];
  const ft = ts / design; // digital
  const spectrum = await rfft3d(map.data, map.dims);
  applyRadialFilter(spectrum, map.dims, (w) => Math.exp(-(w * w) / (2 * (1.5 * ft) ** 2)));
  const signalPower = new Float64Array(spectrum.length / 2);
  for (let p = 0; p < signalPower.length; p++) signalPower[p] = spectrum[2 * p]! ** 2 + spectrum[2 * p + 1]! ** 2;
  const signal = map.withData(Float32Array.from(await irfft3d(spectrum, map.dims)));
  const shells = shellIndex(map.dims);
  const sMean = new Float64Array(shells.count);
  const gMean = new Float64Array(shells.count);
  const count = new Float64Array(shells.count);
  const [hx, ny] = [Math.floor(map.dims[0] / 2) + 1, map.dims[1]];
  const g = (w: number) => 0.05 + (w / ft) ** 2;
  for (let p = 0; p < shells.index.length; p++) {
    const shell = shells.index[p]!;
    if (shell < 0) continue;
    const kx = p % hx;
    const ky = Math.floor(p / hx) % ny;
    const kz = Math.floor(p / (hx * ny));
    const w = Math.hypot(freq(kx, map.dims[0]), freq(ky, map.dims[1]), freq(kz, map.dims[2]));
    sMean[shell]! += signalPower[p]!;
    gMean[shell]! += g(w);
    count[shell]!++;
  }
  const voxels = map.data.length;
  const frequencies = Array.from({ length: shells.count }, (_, i) => i / (map.dims[0] * ts));
  const crossing = (c: number) => {
    const fsc = Array.from({ length: shells.count }, (_, i) => (count[i]! > 0 ? sMean[i]! / (sMean[i]! + c * voxels * gMean[i]!) : 1));
    return firstCrossing(frequencies, fsc, 0.143) ?? Infinity;
  };
  // Bisection on log c: more noise moves the crossing to lower frequency.
  let lo = -30;
  let hi = 30;
  for (let k = 0; k < 100; k++) {
    const mid = (lo + hi) / 2;
    if (crossing(Math.exp(mid)) > 1 / design) lo = mid;
    else hi = mid;
  }
  const c = Math.exp((lo + hi) / 2);
  const { half1, half2 } = halfMapPair(signal, { seed, noiseSd: 1, noiseFilter: (wx, wy, wz) => Math.sqrt(c * g(Math.hypot(wx, wy, wz))) });
  const full = new Float32Array(voxels);
  for (let i = 0; i < voxels; i++) full[i] = (half1.data[i]! + half2.data[i]!) / 2;
  return { half1, half2, full: map.withData(full), noiseScale: c };
}

function freq(k: number, n: number): number {
  return (k <= n / 2 ? k : k - n) / n;
}

export default async function level1Bench(): Promise<void> {
  if (!existsSync(source)) {
    console.log(`level1 bench skipped: ${source} is absent`);
    return;
  }
  const dir = mkdtempSync(join(tmpdir(), 'vrs-bench-l1-'));
  try {
    console.log(`level-1 bench: half maps from ${source} (design FSC 0.143 at ${DESIGN_RESOLUTION} Å, seed ${SEED}); load average ${loadavg().map((l) => l.toFixed(1)).join(' ')}`);
    let started = performance.now();
    const { volume } = await readMap(source);
    const { half1, half2, full, noiseScale } = await designedHalfMaps(volume as Volume, DESIGN_RESOLUTION, SEED);
    const files = { map: join(dir, 'full.mrc'), half1: join(dir, 'half1.mrc'), half2: join(dir, 'half2.mrc') };
    await writeMap(files.map, full, { labels: ['EMD-0093 synthetic full map (cryo-vrs level1 bench)'] });
    await writeMap(files.half1, half1, { labels: ['EMD-0093 synthetic half map 1 (cryo-vrs level1 bench)'] });
    await writeMap(files.half2, half2, { labels: ['EMD-0093 synthetic half map 2 (cryo-vrs level1 bench)'] });
    console.log(`half maps (${volume.dims.join('×')}, ${volume.voxelSize[0]} Å) made in ${s(performance.now() - started)} s, noise scale c = ${noiseScale.toExponential(3)}`);

    const registry = await loadProtocolRegistry([packageModule('protocols/index')]);
    const workflow = loadWorkflow(join(packageRoot, 'workflows/level1.yaml'), registry);
    const runDir = join(dir, 'run');
    started = performance.now();
    const summary = await runWorkflow({
      workflow,
      registry,
      params: resolveWorkflowParams(workflow, { ...files, threshold: THRESHOLD, resolution: DESIGN_RESOLUTION }, process.cwd()),
      runDir,
    });
    const wall = performance.now() - started;
    const rows = [['step', 'outcome', 'time (s)', 'peak RSS (GB)']];
    for (const step of summary.steps) rows.push([step.step, step.outcome, s(step.durationMs), gb(step.peakRssBytes)]);
    const peak = Math.max(...summary.steps.map((step) => step.peakRssBytes ?? 0));
    const heaviest = [...summary.steps].sort((a, b) => (b.durationMs ?? 0) - (a.durationMs ?? 0))[0];
    console.log(`\n220³: whole level-1 workflow ${s(wall)} s wall (${summary.status}), peak RSS ${gb(peak)} GB, ${summary.steps.length} steps; heaviest step ${heaviest?.step} (${s(heaviest?.durationMs)} s)`);
    console.log(table(rows));
  } finally {
    // VRS_BENCH_KEEP=1 keeps the run folder (its logs have MonoDir's per-direction records).
    if (process.env.VRS_BENCH_KEEP === '1') console.log(`kept ${dir}`);
    else rmSync(dir, { recursive: true, force: true });
  }
}
