import { irfft3d, rfft3d } from '../../fft/index.js';
import type { Vec3 } from '../../volume/index.js';
import { applyRadialFilter } from '../applyRadialFilter.js';
import { xmippRealGaussian } from '../radialResponses.js';
import { excludeBeyondRadius, findCliffRadius, maskRadius } from './findCliffRadius.js';
import { MonoResAmplitudes } from './MonoResAmplitudes.js';
import type { SweepFrequency } from './resolutionSweep.js';
import { frequenciesToTest, maskStates, monoResSettings, sweepAndPostProcess } from './monoResSetup.js';
import { selectKth } from './selectKth.js';

export interface MonoResOptions {
  /** Voxel size Ts (Å); the grid must be isotropic. */
  voxelSize: number;
  /** Lowest resolution of the sweep (Å), where it starts (MonoRes maxRes). */
  maxResolution: number;
  /** Highest resolution (Å); default and floor 2·Ts. */
  minResolution?: number;
  /** Step between tested resolutions (Å); default 0.5. */
  step?: number;
  /** Confidence of the signal-vs-noise decisions; default 0.95. */
  significance?: number;
  threads?: number;
  signal?: AbortSignal;
  /** Called after each frequency with its record and the count of candidate frequencies. */
  onFrequency?: (record: MonoResFrequencyRecord, candidates: number) => void;
}

/** What happened at one frequency of the sweep. */
export interface MonoResFrequencyRecord extends SweepFrequency {
  /** Voxels still being tested (mask ≥ 1) and noise voxels (mask = 0). */
  activeVoxels: number;
  noiseVoxels: number;
  /** Noise amplitude at index floor(n·significance) of the sorted noise values. */
  threshold: number;
  meanSignal: number;
  meanNoise: number;
  /** (meanS − meanN)/√(σS²/NS + σN²/NN); NaN when the frequency was not evaluated (and meanSignal NaN without active voxels). */
  z: number;
  /** Voxels above the threshold here, and voxels whose search ended here. */
  passed: number;
  finished: number;
  milliseconds: number;
}

export type MonoResStopReason =
  | 'mask-completed' // fewer than 2.5 % of the evaluated voxels still active
  | 'no-active-voxels'
  | 'signal-vanished' // mean signal amplitude below 0.1 % of its maximum
  | 'not-significant' // signal no longer significantly above the noise
  | 'end-of-sweep'; // Nyquist (or the highest resolution asked for) reached

export interface MonoResResult {
  /** Post-processed local resolution (Å) on `mask`, 0 elsewhere. */
  resolution: Float32Array;
  /** `resolution` inside `mask`, the smoothed median-filled map outside: for colouring surfaces. */
  display: Float32Array;
  /** Voxels with a local resolution (MonoRes refinedMask). */
  mask: Uint8Array;
  /** The raw per-voxel result of the sweep, before the median fill and smoothing. */
  rawResolution: Float32Array;
  frequencies: MonoResFrequencyRecord[];
  stopReason: MonoResStopReason;
  /** Voxels of the input mask. */
  maskVoxels: number;
  /** Mask radius and noise-cliff radius, voxels from the box centre floor(n/2). */
  maskRadius: number;
  cliffRadius: number;
  /** Mask voxels kept by the cliff and the amplitude refinement, i.e. evaluated. */
  evaluatedVoxels: number;
  /** Noise voxels: outside the refined mask, inside the cliff radius. */
  noiseVoxels: number;
  /** Refinement threshold (95 % quantile of the smoothed full-band noise amplitude). */
  refinementThreshold: number;
  fillValue: number;
  timings: { prepareMs: number; sweepMs: number; postProcessMs: number };
}

/** A MonoRes run that cannot produce a local-resolution map; `message` says why. */
export class MonoResFailure extends Error {
  override readonly name = 'MonoResFailure';
}

/**
 * MonoRes local resolution of a single map (algorithms §3.5 with the single-map rules of §3.6a;
 * Vilas et al., Structure 26, 337, 2018). Signal: voxels of the mask. Noise: voxels outside the
 * mask but inside the noise-cliff radius, in the same amplitude map. Before the sweep, mask voxels
 * whose smoothed full-band amplitude is below the 95 % quantile of the noise's are moved to the
 * noise (mask refinement). At each frequency (from low to high resolution) a voxel passes when its
 * smoothed amplitude exceeds the noise quantile; a voxel that fails twice in a row is finished with
 * the resolution two steps back. Then post-processing (postProcessLocalResolution).
 */
export async function monoResSingleMap(map: Float32Array, mask: ArrayLike<number>, dims: Vec3, opts: MonoResOptions): Promise<MonoResResult> {
  const started = performance.now();
  const voxels = dims[0] * dims[1] * dims[2];
  if (map.length !== voxels || mask.length !== voxels) throw new RangeError(`monoResSingleMap: map and mask must have ${voxels} voxels`);
  const { ts, step, significance } = monoResSettings('monoResSingleMap', opts);
  let min = Infinity;
  let max = -Infinity;
  for (let i = 0; i < voxels; i++) {
    const v = map[i]!;
    if (!Number.isFinite(v)) throw new MonoResFailure(`the map has a non-finite value (${v}) at voxel ${i}`);
    if (v < min) min = v;
    if (v > max) max = v;
  }
  if (max === min) throw new MonoResFailure(`the map is constant (${min}): there is no signal or noise to compare`);
  const sweep = frequenciesToTest(opts, ts, step, dims[2]);

  // Mask states: −1 excluded or finished, 0 noise, 1 and 2 active (2 = failed once).
  const { state, maskVoxels } = maskStates(mask, voxels);
  const radius = maskRadius(state, dims);
  const cliff = findCliffRadius(map, dims, radius);
  excludeBeyondRadius(state, dims, cliff);

  const amplitudes = await MonoResAmplitudes.create(map, dims, { threads: opts.threads, maxFrequency: sweep[sweep.length - 1]!.frequency });
  try {
    const refinementThreshold = await refineMask(state, amplitudes, dims, opts.threads);
    let evaluated = 0;
    let noiseCount = 0;
    for (let i = 0; i < voxels; i++) {
      if (state[i]! >= 1) evaluated++;
      else if (state[i] === 0) noiseCount++;
    }
    if (evaluated === 0) throw new MonoResFailure('no mask voxel has an amplitude above the background (mask refinement left none)');
    const noiseIndex = new Int32Array(noiseCount);
    for (let i = 0, k = 0; i < voxels; i++) if (state[i] === 0) noiseIndex[k++] = i;
    const prepared = { maskVoxels, maskRadius: radius, cliffRadius: cliff, evaluatedVoxels: evaluated, noiseVoxels: noiseCount, prepareMs: performance.now() - started };
    const result = await sweepAndPostProcess(
      sweep, { signal: amplitudes, noise: amplitudes, noiseIndex }, state, significance, dims, ts, opts, prepared, () => amplitudes.close(),
    );
    return { ...result, refinementThreshold };
  } finally {
    await amplitudes.close();
  }
}

/**
 * Single-map mask refinement (algorithms §3.6a, Xmipp `refiningMask`): the full-band monogenic
 * amplitude smoothed by the real Gaussian σ = 4; its noise voxels' value at index floor(0.95·n)
 * is the threshold below which mask voxels become noise. Returns the threshold.
 */
async function refineMask(state: Int8Array, amplitudes: MonoResAmplitudes, dims: Vec3, threads: number | undefined): Promise<number> {
  const fftOpts = threads === undefined ? {} : { threads };
  const spectrum = await rfft3d(amplitudes.fullBandAmplitude(), dims, fftOpts);
  applyRadialFilter(spectrum, dims, xmippRealGaussian(4));
  const smoothed = await irfft3d(spectrum, dims, { ...fftOpts, overwriteInput: true });
  let noise = 0;
  for (let i = 0; i < state.length; i++) if (state[i] === 0) noise++;
  if (noise === 0) throw new MonoResFailure('no background voxel: the mask (or the noise-free box edge) covers everything inside the noise radius');
  const values = new Float64Array(noise);
  for (let i = 0, k = 0; i < state.length; i++) if (state[i] === 0) values[k++] = smoothed[i]!;
  const threshold = selectKth(values, Math.floor(0.95 * noise));
  for (let i = 0; i < state.length; i++) if (state[i]! >= 1 && smoothed[i]! < threshold) state[i] = 0;
  return threshold;
}
