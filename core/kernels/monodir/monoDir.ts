import { rfft3dSync } from '../../fft/index.js';
import { defaultThreadCount, sharedFloat64Array, WorkerPool } from '../../parallel/index.js';
import type { Vec3 } from '../../volume/index.js';
import { findCliffRadius, maskRadius } from '../monores/index.js';
import { allBins, directionalAmplitude, directionalAmplitudeWorkspace } from './directionalAmplitude.js';
import { directionalSummaries, type DirectionalSummaries } from './directionalSummaries.js';
import { directionResolution, type DirectionRecord, type DirectionTask } from './directionResolution.js';
import { monoDirDirections, type MonoDirDirection, type MonoDirDirectionSet } from './monoDirDirections.js';
import { monoDirSweep, type MonoDirFrequency } from './monoDirSweep.js';
import { removeDirectionalOutliers } from './removeDirectionalOutliers.js';

export interface MonoDirOptions {
  /** Voxel size Ts (Å); the grid must be cubic and isotropic. */
  voxelSize: number;
  /** Minimum step between tested resolutions below 8 Å (Å; VRS resstep 0.5). */
  step?: number;
  /** Resolution the sweep starts from (Å; 18). */
  startResolution?: number;
  significance?: number;
  /** Half-angle of the Fourier cone around each direction (degrees; 15). */
  coneAngle?: number;
  /** Half-angle of the real-space double cone of noise voxels (degrees; 45). */
  noiseConeAngle?: number;
  /** Width of the amplitude taper at the box edge and of the excluded outer shell (voxels; 7). */
  edgeWidth?: number;
  directions?: MonoDirDirectionSet;
  threads?: number;
  signal?: AbortSignal;
  /** Called after each direction with its record and the count of directions done so far. */
  onDirection?: (record: DirectionRecord, done: number, total: number) => void;
}

export interface MonoDirResult {
  directions: MonoDirDirection[];
  sweep: MonoDirFrequency[];
  /** Evaluated voxels (mask voxels inside the usable radius), in index order. */
  maskIndex: Int32Array;
  /** [direction][maskIndex.length] resolution (Å); −1 where removed as an outlier, 0 where the direction had no noise reference. */
  directional: Float32Array;
  summaries: DirectionalSummaries;
  /** Per evaluated voxel: the mean of its valid directional resolutions (Å), 0 without any. */
  meanDirectional: Float32Array;
  records: DirectionRecord[];
  outliersRemoved: number;
  /** Mask radius (the particle radius), noise-cliff radius and the usable radius min(cliff, n/2) − edge, voxels. */
  particleRadius: number;
  cliffRadius: number;
  usableRadius: number;
  /** Voxels of the input mask, and background voxels available as noise (before the direction cones). */
  maskVoxels: number;
  noiseCandidates: number;
  /** Mean plain monogenic amplitude of the background at the first frequency, ÷ 9 (the signal-vanished stop). */
  avgNoise: number;
  milliseconds: number;
}

/** A MonoDir run that cannot produce a result; `message` says why in a scientist's words. */
export class MonoDirFailure extends Error {
  override readonly name = 'MonoDirFailure';
}

/**
 * Directional local resolution, Xmipp MonoDir (`xmipp_resolution_directional`, algorithms §3.6b;
 * Vilas et al., Nat. Commun. 11, 55, 2020) on one map: for each of the fast-mode directions, the
 * map's spectrum restricted to a 15° double cone around it is swept from 18 Å towards Nyquist
 * with the MonoRes rule (a voxel keeps a frequency while its smoothed monogenic amplitude exceeds
 * the 95 % quantile of the amplitude of background voxels inside a 45° real-space double cone
 * around the direction); then outlier removal, the per-voxel summaries and the preferred-direction
 * histogram. Mask: the hard mask minus everything beyond the noise cliff or within `edgeWidth`
 * voxels of the box edge; the run is refused when no background shell wider than `edgeWidth`
 * remains around the particle (the original's "map does not verify the requirements").
 */
export async function monoDir(map: Float32Array | Float64Array, mask: ArrayLike<number>, dims: Vec3, opts: MonoDirOptions): Promise<MonoDirResult> {
  const started = performance.now();
  const voxels = dims[0] * dims[1] * dims[2];
  if (map.length !== voxels || mask.length !== voxels) throw new RangeError(`monoDir: map and mask must have ${voxels} voxels (${dims.join('×')})`);
  if (dims[0] !== dims[1] || dims[0] !== dims[2]) throw new MonoDirFailure(`MonoDir needs a cubic box, got ${dims.join(' × ')}`);
  const ts = opts.voxelSize;
  const significance = opts.significance ?? 0.95;
  const edge = opts.edgeWidth ?? 7;
  if (!(ts > 0) || !(significance > 0 && significance < 1) || !(edge >= 0)) {
    throw new RangeError(`monoDir: bad options ${JSON.stringify({ voxelSize: ts, significance, edgeWidth: edge })}`);
  }
  let min = Infinity;
  let max = -Infinity;
  for (let i = 0; i < voxels; i++) {
    const v = map[i]!;
    if (!Number.isFinite(v)) throw new MonoDirFailure(`the map has a non-finite value (${v}) at voxel ${i}`);
    if (v < min) min = v;
    if (v > max) max = v;
  }
  if (max === min) throw new MonoDirFailure(`the map is constant (${min}): there is no signal or noise to compare`);

  // States: 1 evaluated (protein), 0 background (noise candidate), −1 excluded.
  const state = new Int8Array(new SharedArrayBuffer(voxels));
  let maskVoxels = 0;
  for (let i = 0; i < voxels; i++) {
    if (mask[i]! >= 0.5) {
      state[i] = 1;
      maskVoxels++;
    }
  }
  if (maskVoxels === 0) throw new MonoDirFailure('the mask is empty');
  const angstrom = (voxelsFromCentre: number) => `${(voxelsFromCentre * ts).toFixed(1)} Å`;
  const particleRadius = maskRadius(state, dims);
  const cliffRadius = findCliffRadius(map, dims, particleRadius);
  const usableRadius = Math.min(cliffRadius, Math.floor(dims[0] / 2)) - edge;
  if (usableRadius <= particleRadius) {
    throw new MonoDirFailure(
      // Radii in Å: the reader knows the map's box, not the evaluation grid's voxels.
      `the map does not verify the requirements: the mask reaches ${angstrom(particleRadius)} from the box centre, but background noise is only available up to ${angstrom(usableRadius)} ` +
        `(${cliffRadius < Math.floor(dims[0] / 2) ? `the map is masked at ${angstrom(cliffRadius)}` : 'the box edge'} minus the ${angstrom(edge)} edge), so there is no noise shell around the protein`,
    );
  }
  const [cx, cy, cz] = dims.map((n) => Math.floor(n / 2));
  const limit2 = usableRadius * usableRadius;
  let evaluated = 0;
  let noiseCandidates = 0;
  for (let z = 0, p = 0; z < dims[2]; z++) {
    for (let y = 0; y < dims[1]; y++) {
      for (let x = 0; x < dims[0]; x++, p++) {
        // r > usable is excluded: beyond the cliff there is no noise and the edge shell is tapered.
        if ((x - cx!) ** 2 + (y - cy!) ** 2 + (z - cz!) ** 2 > limit2) state[p] = -1;
        else if (state[p] === 1) evaluated++;
        else noiseCandidates++;
      }
    }
  }
  if (evaluated === 0) throw new MonoDirFailure('no mask voxel lies inside the radius where noise can be measured');
  const maskIndex = new Int32Array(new SharedArrayBuffer(4 * evaluated));
  for (let i = 0, k = 0; i < voxels; i++) if (state[i] === 1) maskIndex[k++] = i;

  const sweep = monoDirSweep({ voxelSize: ts, boxSize: dims[2], startResolution: opts.startResolution ?? 18, step: opts.step ?? 0.5 });
  if (sweep.length === 0) throw new MonoDirFailure(`no frequency to test between ${opts.startResolution ?? 18} Å and Nyquist (${(2 * ts).toFixed(2)} Å)`);
  const directions = monoDirDirections(opts.directions ?? 'distinct46');

  const transformed = rfft3dSync(map, dims);
  const spectrum = sharedFloat64Array(transformed.length);
  spectrum.set(transformed);
  const avgNoise = backgroundNoiseLevel(spectrum, state, dims, sweep[0]!, edge);

  const directional = new Float32Array(new SharedArrayBuffer(4 * directions.length * evaluated));
  const tasks: DirectionTask[] = directions.map((d, k) => ({
    dims: [...dims],
    spectrum,
    state,
    maskIndex,
    results: directional,
    direction: k,
    vector: d.vector,
    sweep,
    avgNoise,
    particleRadius,
    coneAngle: opts.coneAngle ?? 15,
    noiseConeAngle: opts.noiseConeAngle ?? 45,
    significance,
    edgeWidth: edge,
  }));
  const records = await runDirections(tasks, opts);

  const outliersRemoved = removeDirectionalOutliers(directional, directions.length, evaluated, directions.map((d) => d.vector));
  const summaries = directionalSummaries(directional, directions.length, maskIndex, dims, directions.map((d) => d.vector));
  const meanDirectional = new Float32Array(evaluated);
  for (let m = 0; m < evaluated; m++) {
    let sum = 0;
    let n = 0;
    for (let d = 0; d < directions.length; d++) {
      const v = directional[d * evaluated + m]!;
      if (v > 0) {
        sum += v;
        n++;
      }
    }
    meanDirectional[m] = n > 0 ? sum / n : 0;
  }
  return {
    directions, sweep, maskIndex, directional, summaries, meanDirectional, records, outliersRemoved,
    particleRadius, cliffRadius, usableRadius, maskVoxels, noiseCandidates, avgNoise,
    milliseconds: performance.now() - started,
  };
}

/**
 * AvgNoise of algorithms §3.6b step 3: the plain (no cone) monogenic amplitude at the first
 * frequency of the sweep, high-pass tail from the previous Fourier index, low-pass tail 0.01
 * wide, averaged over the background voxels and divided by 9. Only the signal-vanished stop uses it.
 */
function backgroundNoiseLevel(spectrum: Float64Array, state: Int8Array, dims: Vec3, first: MonoDirFrequency, edge: number): number {
  const ws = directionalAmplitudeWorkspace(dims, edge);
  const amplitude = new Float32Array(state.length);
  const n = dims[2];
  directionalAmplitude(allBins(spectrum, ws), ws, first.frequency, Math.max(0, (first.fourierIndex - 1) / n), Math.min(0.5, first.frequency + 0.01), amplitude);
  let sum = 0;
  let count = 0;
  for (let i = 0; i < state.length; i++) {
    if (state[i] === 0) {
      sum += amplitude[i]!;
      count++;
    }
  }
  return count > 0 ? sum / count / 9 : 0;
}

async function runDirections(tasks: DirectionTask[], opts: MonoDirOptions): Promise<DirectionRecord[]> {
  const threads = Math.max(1, Math.min(tasks.length, opts.threads ?? defaultThreadCount()));
  const records: DirectionRecord[] = new Array(tasks.length);
  let done = 0;
  const finish = (record: DirectionRecord) => {
    records[record.direction] = record;
    done++;
    opts.onDirection?.(record, done, tasks.length);
  };
  if (threads === 1) {
    for (const task of tasks) {
      opts.signal?.throwIfAborted();
      finish(directionResolution(task));
    }
    return records;
  }
  const pool = new WorkerPool<DirectionTask, DirectionRecord>(import.meta.url, 'monoDir.worker', threads);
  try {
    const abort = () => void pool.close();
    opts.signal?.addEventListener('abort', abort, { once: true });
    try {
      await Promise.all(tasks.map((task) => pool.run(task).then(finish)));
    } finally {
      opts.signal?.removeEventListener('abort', abort);
    }
    opts.signal?.throwIfAborted();
    return records;
  } finally {
    await pool.close();
  }
}
