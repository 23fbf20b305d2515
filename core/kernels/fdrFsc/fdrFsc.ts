import { rfft3d } from '../../fft/index.js';
import { defaultThreadCount, sharedFloat64Array, WorkerPool } from '../../parallel/index.js';
import { benjaminiYekutieli, SeededRandom } from '../../stats/index.js';
import type { Vec3 } from '../../volume/index.js';
import { firstCrossing } from '../fsc/index.js';
import { PermutationRandom } from './permutationRandom.js';
import { SPOC_PERMUTATIONS, MAX_SHELL_SAMPLES, shellPermutationTest, type PermutationOutcome, type PermutationSettings } from './shellPermutationTest.js';
import type { ShellTask } from './ShellTask.js';
import { spocShells } from './spocShells.js';

export interface FdrFscOptions {
  voxelSize: Vec3;
  /** Multiplies both halves before the transform (values in [0, 1]); none: the whole box. */
  mask?: Float32Array | Float64Array | null;
  /** Seed of the subsampling and permutations (SPOC seeds numpy with 3). */
  seed?: number;
  /** FDR level of the resolution (SPOC: 1 %). */
  fdr?: number;
  /** Asymmetric units (1 for C1, as VRS runs SPOC). */
  numAsymUnits?: number;
  /** Fraction of a shell's points treated as independent (SPOC's maskCoeff 0.7). */
  maskCoefficient?: number;
  /** Cap on the subsample of a shell (SPOC: 200 000). */
  maxSamples?: number;
  /** Below this many samples a shell is judged by an FSC threshold instead (10; FSC ≥ 0.75 significant). */
  minSamples?: number;
  smallShellFsc?: number;
  permutations?: Partial<PermutationSettings>;
  /** Worker threads for the permutation tests (default VRS_THREADS or the CPU count). */
  threads?: number;
  signal?: AbortSignal;
  onProgress?: (fraction: number, message: string) => void;
}

/** How a shell's p-value was obtained. */
export type ShellTest = 'dc' | 'empty' | 'threshold' | 'permutation';

export interface FdrFscResult {
  /** Shell frequencies res_i = i/(nx·Ts) Å⁻¹, i = 0 … nx/2 (shell 0 is the DC point). */
  frequency: Float64Array;
  fsc: Float64Array;
  pValue: Float64Array;
  /** Benjamini–Yekutieli q-values over all shells. */
  qValue: Float64Array;
  shellSize: Int32Array;
  /** Points in the subsample that was permuted (0 when no permutation test ran). */
  samples: Int32Array;
  permutations: Int32Array;
  test: ShellTest[];
  /**
   * SPOC's resolution_FDR: shell k−1 before the first shell k with q > fdr; 'nyquist' when no shell
   * exceeds it (resolution 2·Ts); 'none' when already shell 1 does (SPOC prints 0; we report none).
   */
  outcome: 'shell' | 'nyquist' | 'none';
  /** Last significant shell before the first non-significant one (null when outcome is 'none'). */
  fdrShell: number | null;
  /** Å; null when outcome is 'none'. */
  fdrResolution: number | null;
  /** 1/f at the first crossing of 0.143 by this curve (DC dropped, VRS crossing rule), or null. */
  fsc0143Resolution: number | null;
  fdr: number;
  seed: number;
  threads: number;
  timings: { fftMs: number; shellsMs: number; permutationMs: number };
}

/**
 * FSC with false-discovery-rate control (Beckers & Sachse, IUCrJ 7:154, 2020; the SPOC script
 * `FSC_FDRcontrol.py` the original service runs, algorithms §3.2 steps 1–6): FSC in SPOC's shells,
 * a permutation test per shell for the null hypothesis "no correlation", Benjamini–Yekutieli
 * q-values, and the resolution of the last shell before the first non-significant one.
 * Deterministic for a seed: each shell draws its subsample and its permutations from its own
 * generators seeded from (seed, shell), whatever the thread count. SPOC uses numpy's
 * MT19937 (seeded with 3 in every shell); this is not a clone, so individual p-values differ from
 * SPOC's by Monte-Carlo noise.
 */
export async function fdrFsc(half1: Float32Array | Float64Array, half2: Float32Array | Float64Array, dims: Vec3, opts: FdrFscOptions): Promise<FdrFscResult> {
  const voxels = dims[0] * dims[1] * dims[2];
  if (half1.length !== voxels || half2.length !== voxels) throw new RangeError(`fdrFsc: the halves have ${half1.length} and ${half2.length} voxels, dims ${dims.join('×')} need ${voxels}`);
  if (opts.mask && opts.mask.length !== voxels) throw new RangeError(`fdrFsc: the mask has ${opts.mask.length} voxels, dims ${dims.join('×')} need ${voxels}`);
  if (!opts.voxelSize.every((s) => s > 0)) throw new RangeError(`fdrFsc: voxel size must be positive, got ${opts.voxelSize.join(', ')}`);
  const seed = opts.seed ?? 3;
  const fdr = opts.fdr ?? 0.01;
  const numAsym = opts.numAsymUnits ?? 1;
  const maskCoefficient = opts.maskCoefficient ?? 0.7;
  const sampleCap = opts.maxSamples ?? 200000;
  const minSamples = opts.minSamples ?? 10;
  const smallShellFsc = opts.smallShellFsc ?? 0.75;
  const settings: PermutationSettings = { ...SPOC_PERMUTATIONS, ...opts.permutations };
  if (!Number.isInteger(seed)) throw new RangeError(`fdrFsc: seed must be an integer, got ${seed}`);
  if (!(fdr > 0 && fdr < 1)) throw new RangeError(`fdrFsc: fdr must be in (0, 1), got ${fdr}`);
  if (!(sampleCap >= 1 && sampleCap <= MAX_SHELL_SAMPLES)) throw new RangeError(`fdrFsc: maxSamples must be in [1, ${MAX_SHELL_SAMPLES}], got ${sampleCap}`);
  if (!(Number.isInteger(settings.maxPermutations) && settings.maxPermutations >= 1 && Number.isInteger(settings.blockSize) && settings.blockSize >= 1)) {
    throw new RangeError('fdrFsc: permutation counts must be positive integers');
  }
  const progress = opts.onProgress ?? (() => {});
  const t0 = performance.now();

  // One single-precision masked copy at a time, dropped after its transform: on a 432³ box a
  // Float64 copy of each half would cost 1.3 GB on top of the two half spectra.
  const masked = (half: Float32Array | Float64Array) => {
    if (!opts.mask) return half;
    const out = new Float32Array(voxels);
    for (let i = 0; i < voxels; i++) out[i] = half[i]! * opts.mask[i]!;
    return out;
  };
  const threads = opts.threads ?? defaultThreadCount();
  if (!(Number.isInteger(threads) && threads >= 1)) throw new RangeError(`fdrFsc: threads must be a positive integer, got ${threads}`);
  const fftThreads = { threads };
  const f1 = await rfft3d(masked(half1), dims, fftThreads);
  const f2 = await rfft3d(masked(half2), dims, fftThreads);
  opts.signal?.throwIfAborted();
  const t1 = performance.now();
  progress(0.15, 'shells');

  const shells = spocShells(dims, opts.voxelSize);
  const m = shells.count;
  const fsc = new Float64Array(m);
  for (let s = 0; s < m; s++) {
    let num = 0;
    let d1 = 0;
    let d2 = 0;
    for (let k = shells.start[s]!; k < shells.start[s + 1]!; k++) {
      const q = 2 * shells.points[k]!;
      const ar = f1[q]!;
      const ai = f1[q + 1]!;
      const br = f2[q]!;
      const bi = f2[q + 1]!;
      num += ar * br + ai * bi;
      d1 += ar * ar + ai * ai;
      d2 += br * br + bi * bi;
    }
    const den = Math.sqrt(d1 * d2);
    fsc[s] = den > 0 ? num / den : 0;
  }

  // Subsamples, packed shell after shell; the shells that are tested get a slice each.
  const pValue = new Float64Array(m);
  const samples = new Int32Array(m);
  const permutations = new Int32Array(m);
  const test: ShellTest[] = new Array<ShellTest>(m);
  const offsets = new Int32Array(m);
  let packed = 0;
  for (let s = 0; s < m; s++) {
    const n = shells.size[s]!;
    if (s === 0) {
      test[s] = 'dc';
      continue;
    }
    if (n === 0) {
      test[s] = 'empty';
      pValue[s] = 1;
      continue;
    }
    const maxSamples = Math.floor(Math.max(1, Math.min((maskCoefficient * n) / numAsym, sampleCap)));
    if (maxSamples < minSamples) {
      test[s] = 'threshold';
      pValue[s] = fsc[s]! < smallShellFsc ? 1 : 0;
      continue;
    }
    test[s] = 'permutation';
    samples[s] = Math.min(n, maxSamples);
    offsets[s] = packed;
    packed += samples[s]!;
  }
  const useWorkers = threads > 1 && packed * settings.maxPermutations >= WORKER_MIN_WORK;
  const allocate = useWorkers ? sharedFloat64Array : (length: number) => new Float64Array(length);
  const a = allocate(2 * packed);
  const b = allocate(2 * packed);
  const tasks: ShellTask[] = [];
  for (let s = 1; s < m; s++) {
    if (test[s] !== 'permutation') continue;
    const n = shells.size[s]!;
    const count = samples[s]!;
    const first = shells.start[s]!;
    const chosen = shells.points.slice(first, first + n);
    if (count < n) {
      // without replacement: the first `count` places of a partial Fisher–Yates shuffle
      const random = new SeededRandom(shellSeed(seed, s, 0));
      for (let i = 0; i < count; i++) {
        const j = i + Math.floor(random.next() * (n - i));
        const t = chosen[i]!;
        chosen[i] = chosen[j]!;
        chosen[j] = t;
      }
    }
    const base = 2 * offsets[s]!;
    for (let i = 0; i < count; i++) {
      const q = 2 * chosen[i]!;
      a[base + 2 * i] = f1[q]!;
      a[base + 2 * i + 1] = f1[q + 1]!;
      b[base + 2 * i] = f2[q]!;
      b[base + 2 * i + 1] = f2[q + 1]!;
    }
    // SPOC's min(n!, 1000): no more permutations than the subsample has arrangements.
    const maxPermutations = Math.min(settings.maxPermutations, factorialCapped(count, settings.maxPermutations));
    tasks.push({ shell: s, a, b, offset: offsets[s]!, count, trueFsc: fsc[s]!, seed: shellSeed(seed, s, 1), settings: { ...settings, maxPermutations } });
  }
  const t2 = performance.now();
  progress(0.25, 'permutation tests');

  // Biggest shells first, so that the last task to finish is a short one.
  tasks.sort((x, y) => y.count - x.count || x.shell - y.shell);
  const totalWork = tasks.reduce((sum, t) => sum + t.count, 0);
  let doneWork = 0;
  const record = (task: ShellTask, outcome: PermutationOutcome) => {
    opts.signal?.throwIfAborted();
    pValue[task.shell] = outcome.pValue;
    permutations[task.shell] = outcome.permutations;
    doneWork += task.count;
    progress(0.25 + (0.7 * doneWork) / Math.max(1, totalWork), `shell ${task.shell}`);
  };
  if (useWorkers) {
    const pool = new WorkerPool<ShellTask, PermutationOutcome>(import.meta.url, 'fdrFscShell.worker', threads);
    try {
      await Promise.all(tasks.map(async (task) => record(task, await pool.run(task))));
    } finally {
      await pool.close();
    }
  } else {
    for (const task of tasks) {
      opts.signal?.throwIfAborted();
      record(task, shellPermutationTest(task.a, task.b, task.offset, task.count, task.trueFsc, new PermutationRandom(task.seed), task.settings));
    }
  }
  const t3 = performance.now();

  pValue[0] = 0;
  const qValue = benjaminiYekutieli(pValue);
  const { outcome, fdrShell, fdrResolution } = fdrResolutionOf(qValue, shells.frequency, fdr, opts.voxelSize[0]);
  const crossing = firstCrossing(shells.frequency.subarray(1), fsc.subarray(1), 0.143, 'lesser');
  progress(1, 'done');
  return {
    frequency: shells.frequency,
    fsc,
    pValue,
    qValue,
    shellSize: shells.size,
    samples,
    permutations,
    test,
    outcome,
    fdrShell,
    fdrResolution,
    fsc0143Resolution: crossing !== null && crossing > 0 ? 1 / crossing : null,
    fdr,
    seed,
    threads: useWorkers ? threads : 1,
    timings: { fftMs: t1 - t0, shellsMs: t2 - t1, permutationMs: t3 - t2 },
  };
}

/**
 * SPOC's resolution_FDR (algorithms §3.2 step 6): the first shell k with q > fdr; the resolution is
 * 1/res_{k−1} (no interpolation); none when k − 1 is the DC shell (SPOC prints 0), 2·Ts when no
 * shell exceeds the level.
 */
export function fdrResolutionOf(qValue: ArrayLike<number>, frequency: ArrayLike<number>, fdr: number, voxelSize: number): Pick<FdrFscResult, 'outcome' | 'fdrShell' | 'fdrResolution'> {
  let k = -1;
  for (let i = 0; i < qValue.length; i++) {
    if (qValue[i]! > fdr) {
      k = i;
      break;
    }
  }
  if (k < 0) return { outcome: 'nyquist', fdrShell: qValue.length - 1, fdrResolution: 2 * voxelSize };
  const last = k - 1;
  if (last < 1 || !(frequency[last]! > 0)) return { outcome: 'none', fdrShell: null, fdrResolution: null };
  return { outcome: 'shell', fdrShell: last, fdrResolution: 1 / frequency[last]! };
}

/** Below this many sample-permutations (multiply-adds) the worker start-up costs more than it saves. */
const WORKER_MIN_WORK = 2e7;

/** min(n!, cap) without overflow. */
function factorialCapped(n: number, cap: number): number {
  let f = 1;
  for (let i = 2; i <= n && f < cap; i++) f *= i;
  return Math.min(f, cap);
}

/** Seed of one shell's stream (0: subsampling, 1: permutations), well apart for every (seed, shell). */
function shellSeed(seed: number, shell: number, stream: number): number {
  return (Math.imul(seed >>> 0, 0x9e3779b1) ^ Math.imul(2 * shell + stream + 1, 0x85ebca6b)) >>> 0;
}
