import { defaultThreadCount, WorkerPool } from '../../parallel/index.js';
import type { Vec3 } from '../../volume/index.js';
import { runBlocResChunk, type BlocResChunk } from './blocResChunk.js';
import { blocResTargets, chooseStep, evaluationPoints, interpolateEvaluated } from './blocResEvaluation.js';
import { localFscConfig, LocalFscBox, type LocalFscConfig, type LocalFscOptions } from './LocalFscBox.js';

/**
 * Boxes measured when the step is 'auto'. One box costs about 1 ms of one core here (box 20,
 * padded to 40); the cap keeps the section near 10 s on two cores whatever the map size.
 */
export const BLOCRES_AUTO_MAX_BOXES = 20000;

export interface BlocResOptions extends LocalFscOptions {
  /**
   * Distance in voxels between measured boxes: 1 measures every voxel (blocres -step 1); n > 1
   * measures the voxels whose coordinates are multiples of n and fills the others by trilinear
   * interpolation; 'auto' (default) is the smallest step measuring at most `maxBoxes` boxes.
   */
  step?: 'auto' | number;
  /** Cap on the boxes measured with step 'auto' (default BLOCRES_AUTO_MAX_BOXES). */
  maxBoxes?: number;
  /** Voxels whose mask value is at least this are measured (blocres: 0.5). */
  maskLevel?: number;
  /** Worker threads (default core/parallel's); 1 computes in the calling thread. */
  threads?: number;
  signal?: AbortSignal;
  /** Called after each chunk of boxes with the number done and the total. */
  onProgress?: (done: number, total: number) => void;
}

export interface BlocResResult {
  /** Local resolution (Å) at every target voxel, 0 elsewhere (blocres -fill 0). */
  resolution: Float32Array;
  /** The voxels measured or interpolated: mask ≥ level and box inside the map. */
  targets: Uint8Array;
  targetVoxels: number;
  /** Step used and number of boxes measured. */
  step: number;
  boxes: number;
  config: LocalFscConfig;
  /** High-resolution limit used (Å) and padded box size. */
  hiRes: number;
  padded: number;
  /** The second half was rescaled as gain·v + offset to the first half's mean and std. */
  rescale: { gain: number; offset: number };
  threads: number;
  timings: { setupMs: number; boxesMs: number; interpolateMs: number };
}

/** Points per worker task: large enough to amortise a message, small enough to balance and report. */
const MIN_CHUNK = 32;
/** Below this many boxes the worker start-up costs more than it saves. */
const MIN_PARALLEL_BOXES = 200;

/**
 * Local resolution by local FSC in sliding boxes, the method of Bsoft's blocres (Cardone, Heymann
 * & Steven, J. Struct. Biol. 184:226, 2013; algorithms §3.3): the second half is rescaled to the
 * first's global mean and std, and at every measured voxel the FSC of the two halves' boxes
 * (LocalFscBox) gives the resolution where it drops below the cutoff. Voxels between measured
 * points (step > 1) are interpolated trilinearly. Boxes run on worker threads.
 */
export async function blocRes(
  half1: ArrayLike<number>, half2: ArrayLike<number>, mask: ArrayLike<number>, dims: Vec3, opts: BlocResOptions,
): Promise<BlocResResult> {
  const started = performance.now();
  const n = dims[0] * dims[1] * dims[2];
  for (const [name, array] of [['half1', half1], ['half2', half2], ['mask', mask]] as const) {
    if (array.length !== n) throw new RangeError(`blocRes: ${name} has ${array.length} values, dims ${dims.join('×')} need ${n}`);
  }
  for (const [name, array] of [['half1', half1], ['half2', half2]] as const) {
    for (let i = 0; i < n; i++) {
      if (!Number.isFinite(array[i]!)) throw new RangeError(`blocRes: ${name} has a non-finite value (${array[i]}) at voxel ${i}`);
    }
  }
  const config = localFscConfig(opts);
  const stepOption = opts.step ?? 'auto';
  if (stepOption !== 'auto' && !(Number.isInteger(stepOption) && stepOption >= 1)) {
    throw new RangeError(`blocRes step must be 'auto' or a positive integer, got ${stepOption}`);
  }
  const targets = blocResTargets(mask, dims, config.box, opts.maskLevel ?? 0.5);
  let targetVoxels = 0;
  for (let i = 0; i < n; i++) targetVoxels += targets[i]!;
  const step = stepOption === 'auto' ? chooseStep(targets, dims, config.box, opts.maxBoxes ?? BLOCRES_AUTO_MAX_BOXES) : stepOption;
  const points = evaluationPoints(targets, dims, config.box, step);

  const requested = opts.threads ?? defaultThreadCount();
  const threads = points.length < MIN_PARALLEL_BOXES ? 1 : requested;
  const shared = threads > 1;
  const f32 = (length: number) => (shared ? new Float32Array(new SharedArrayBuffer(4 * length)) : new Float32Array(length));
  const h1 = f32(n);
  h1.set(half1 as ArrayLike<number>);
  const h2 = f32(n);
  const rescale = rescaleToMeanStd(half1, half2, h2);
  const probe = new LocalFscBox(config);
  const setupMs = performance.now() - started;

  const boxesStarted = performance.now();
  const measured = new Float32Array(n);
  const maps = { half1: h1, half2: h2 };
  const chunkSize = Math.max(MIN_CHUNK, Math.ceil(points.length / (16 * threads)));
  const chunks: { from: number; points: Int32Array }[] = [];
  for (let from = 0; from < points.length; from += chunkSize) chunks.push({ from, points: points.subarray(from, from + chunkSize) });
  let done = 0;
  const store = (from: number, values: Float32Array) => {
    for (let k = 0; k < values.length; k++) measured[points[from + k]!] = values[k]!;
    done += values.length;
    opts.onProgress?.(done, points.length);
  };
  if (threads === 1) {
    for (const chunk of chunks) {
      opts.signal?.throwIfAborted();
      store(chunk.from, runBlocResChunk({ maps, dims: [...dims], config, points: chunk.points }));
    }
  } else {
    const pool = new WorkerPool<BlocResChunk, Float32Array>(import.meta.url, 'blocRes.worker', threads);
    const abort = () => void pool.close();
    opts.signal?.addEventListener('abort', abort, { once: true });
    try {
      await Promise.all(chunks.map(async (chunk) => {
        store(chunk.from, await pool.run({ maps, dims: [...dims], config, points: chunk.points.slice() }));
      }));
    } finally {
      opts.signal?.removeEventListener('abort', abort);
      await pool.close();
    }
    opts.signal?.throwIfAborted();
  }
  const boxesMs = performance.now() - boxesStarted;

  const interpolateStarted = performance.now();
  const resolution = interpolateEvaluated(measured, targets, dims, config.box, step, 0);
  return {
    resolution,
    targets,
    targetVoxels,
    step,
    boxes: points.length,
    config,
    hiRes: probe.hiRes,
    padded: probe.padded,
    rescale,
    threads,
    timings: { setupMs, boxesMs, interpolateMs: performance.now() - interpolateStarted },
  };
}

/**
 * Bsoft's rescale_to_avg_std: the second half, affinely mapped to the first half's mean and
 * standard deviation over the whole map, written to `out`. (The local FSC of a box does not change
 * under a positive gain and an offset; the step is kept for fidelity.)
 */
function rescaleToMeanStd(reference: ArrayLike<number>, values: ArrayLike<number>, out: Float32Array): { gain: number; offset: number } {
  const stats = (a: ArrayLike<number>) => {
    let s = 0;
    for (let i = 0; i < a.length; i++) s += a[i]!;
    const mean = s / a.length;
    let s2 = 0;
    for (let i = 0; i < a.length; i++) s2 += (a[i]! - mean) ** 2;
    return { mean, std: Math.sqrt(s2 / a.length) };
  };
  const r = stats(reference);
  const v = stats(values);
  const gain = v.std > 0 ? r.std / v.std : 1;
  const offset = r.mean - gain * v.mean;
  for (let i = 0; i < out.length; i++) out[i] = gain * values[i]! + offset;
  return { gain, offset };
}
