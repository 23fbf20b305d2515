import type { Vec3, VoxelArray } from '../../volume/index.js';
import { fitSlopeWeights } from './fitSlopeWeights.js';
import { inscribedBackgroundIndices } from './inscribedBackgroundIndices.js';
import { selectQuantile } from './selectQuantile.js';
import { DEFAULT_SHELL_VOXELS, shellWidth } from './shellWidth.js';
import { SpiralAmplitude } from './SpiralAmplitude.js';
import { sweepFrequencies } from './sweepFrequencies.js';

export interface LocalBFactorOptions {
  /** Highest resolution of the sweep (Å): the map's reported resolution. */
  resolution: number;
  /** Lowest resolution of the sweep (Å); default 15. */
  minResolution?: number;
  /** Number of swept frequencies; default 10. */
  points?: number;
  /** Quantile of the background amplitude taken as the noise level; default 0.9. */
  noiseQuantile?: number;
  /** Shell standard deviation in Fourier voxels; default 4.8. */
  shellVoxels?: number;
  nyquist?: 'numpy' | 'real';
  threads?: number;
  signal?: AbortSignal;
  onProgress?: (fraction: number, message: string) => void;
}

export interface LocalBFactorResult {
  /** Local B-factor (Å²) at every voxel, float32 as the original's bmap. */
  bFactor: Float32Array;
  /** Swept frequencies φ_j (Å⁻¹). */
  frequencies: number[];
  /** Noise level q_j: the noise quantile of m_φj over the background voxels. */
  noiseLevels: number[];
  /** Shell standard deviation σf (Å⁻¹). */
  shellWidth: number;
  /** Number of background voxels the noise levels come from. */
  backgroundVoxels: number;
}

/**
 * LocBFactor (algorithms §2.8): at each swept frequency φ_j the spiral amplitude m is weighted by
 * its own signal-to-noise term, L_j = ln(m·m/(m + q_j)) with q_j a quantile of m over the
 * background (outside the mask, inside the inscribed sphere), and per voxel L is fitted by least
 * squares against φ²: local B = 4·slope. The fit is accumulated frequency by frequency (one map of
 * running sums instead of one map per frequency). `mask` > 0.5 marks the molecule.
 */
export async function localBFactor(data: Float32Array | Float64Array, dims: Vec3, voxelSize: Vec3, mask: VoxelArray, opts: LocalBFactorOptions): Promise<LocalBFactorResult> {
  const voxels = dims[0] * dims[1] * dims[2];
  if (data.length !== voxels || mask.length !== voxels) throw new RangeError(`localBFactor: map (${data.length}) and mask (${mask.length}) must have ${voxels} voxels`);
  const width = shellWidth(dims, voxelSize, opts.shellVoxels ?? DEFAULT_SHELL_VOXELS);
  const frequencies = sweepFrequencies(opts.minResolution ?? 15, opts.resolution, opts.points ?? 10);
  const noiseQuantile = opts.noiseQuantile ?? 0.9;
  const background = inscribedBackgroundIndices(mask, dims);
  if (background.length === 0) throw new RangeError('localBFactor: no background voxel (outside the mask and inside the inscribed sphere) to estimate the noise from');
  const weights = fitSlopeWeights(Array.from(frequencies, (f) => f * f));

  opts.onProgress?.(0, 'Fourier transform');
  const spiral = await SpiralAmplitude.create(data, dims, voxelSize, { ...(opts.nyquist ? { nyquist: opts.nyquist } : {}), ...(opts.threads === undefined ? {} : { threads: opts.threads }) });
  const m = new Float64Array(voxels);
  const slope = new Float64Array(voxels);
  const gathered = new Float64Array(background.length);
  const noiseLevels: number[] = [];
  for (let j = 0; j < frequencies.length; j++) {
    opts.signal?.throwIfAborted();
    opts.onProgress?.(j / frequencies.length, `frequency ${j + 1} of ${frequencies.length}`);
    await spiral.amplitude(frequencies[j]!, width, m);
    for (let t = 0; t < background.length; t++) gathered[t] = m[background[t]!]!;
    const q = selectQuantile(gathered, noiseQuantile);
    noiseLevels.push(q);
    const c = weights[j]!;
    for (let i = 0; i < voxels; i++) {
      const a = m[i]!;
      slope[i]! += c * Math.log((a / (a + q)) * a);
    }
  }
  const bFactor = new Float32Array(voxels);
  for (let i = 0; i < voxels; i++) bFactor[i] = 4 * slope[i]!;
  opts.onProgress?.(1, 'done');
  return { bFactor, frequencies: Array.from(frequencies), noiseLevels, shellWidth: width, backgroundVoxels: background.length };
}
