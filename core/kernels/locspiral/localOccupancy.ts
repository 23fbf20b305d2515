import type { Vec3, VoxelArray } from '../../volume/index.js';
import { maskIndices } from './maskIndices.js';
import { occupancyFrequencyCount } from './occupancyFrequencyCount.js';
import { selectQuantile } from './selectQuantile.js';
import { DEFAULT_SHELL_VOXELS, shellWidth } from './shellWidth.js';
import { SpiralAmplitude } from './SpiralAmplitude.js';
import { sweepFrequencies } from './sweepFrequencies.js';

export interface LocalOccupancyOptions {
  /** Highest resolution of the sweep (Å): the map's reported resolution. */
  resolution: number;
  /** Lowest resolution of the sweep (Å); default 15. */
  minResolution?: number;
  /** Quantile of the amplitude over the molecule taken as the "occupied" level; default 0.25. */
  proteinQuantile?: number;
  /** Shell standard deviation in Fourier voxels; default 4.8. */
  shellVoxels?: number;
  nyquist?: 'numpy' | 'real';
  threads?: number;
  signal?: AbortSignal;
  onProgress?: (fraction: number, message: string) => void;
}

export interface LocalOccupancyResult {
  /** Local occupancy in [0, 1] at every voxel (multiples of 1/K), float32 as the original's omap. */
  occupancy: Float32Array;
  /** Number K of swept frequencies. */
  frequencyCount: number;
  frequencies: number[];
  /** Amplitude level q_j (the protein quantile of m_φj over the mask) per frequency. */
  thresholds: number[];
  shellWidth: number;
  maskVoxels: number;
}

/**
 * LocOccupancy (algorithms §2.9): K = max(1, int((1/R − 1/Rmin)/σf)) frequencies from 1/Rmin to
 * 1/R; at each, a voxel counts as occupied when its spiral amplitude reaches the protein quantile
 * of the amplitudes inside the mask; the occupancy is the fraction of frequencies where it does.
 * `mask` > 0.5 marks the molecule.
 */
export async function localOccupancy(data: Float32Array | Float64Array, dims: Vec3, voxelSize: Vec3, mask: VoxelArray, opts: LocalOccupancyOptions): Promise<LocalOccupancyResult> {
  const voxels = dims[0] * dims[1] * dims[2];
  if (data.length !== voxels || mask.length !== voxels) throw new RangeError(`localOccupancy: map (${data.length}) and mask (${mask.length}) must have ${voxels} voxels`);
  const minResolution = opts.minResolution ?? 15;
  const width = shellWidth(dims, voxelSize, opts.shellVoxels ?? DEFAULT_SHELL_VOXELS);
  const count = occupancyFrequencyCount(opts.resolution, minResolution, width);
  const frequencies = sweepFrequencies(minResolution, opts.resolution, count);
  const proteinQuantile = opts.proteinQuantile ?? 0.25;
  const inside = maskIndices(mask);
  if (inside.length === 0) throw new RangeError('localOccupancy: the mask is empty');

  opts.onProgress?.(0, 'Fourier transform');
  const spiral = await SpiralAmplitude.create(data, dims, voxelSize, { ...(opts.nyquist ? { nyquist: opts.nyquist } : {}), ...(opts.threads === undefined ? {} : { threads: opts.threads }) });
  const m = new Float64Array(voxels);
  const hits = new Uint16Array(voxels);
  const gathered = new Float64Array(inside.length);
  const thresholds: number[] = [];
  for (let j = 0; j < count; j++) {
    opts.signal?.throwIfAborted();
    opts.onProgress?.(j / count, `frequency ${j + 1} of ${count}`);
    await spiral.amplitude(frequencies[j]!, width, m);
    for (let t = 0; t < inside.length; t++) gathered[t] = m[inside[t]!]!;
    const q = selectQuantile(gathered, proteinQuantile);
    thresholds.push(q);
    for (let i = 0; i < voxels; i++) if (m[i]! >= q) hits[i]!++;
  }
  const occupancy = new Float32Array(voxels);
  for (let i = 0; i < voxels; i++) occupancy[i] = hits[i]! / count;
  opts.onProgress?.(1, 'done');
  return { occupancy, frequencyCount: count, frequencies: Array.from(frequencies), thresholds, shellWidth: width, maskVoxels: inside.length };
}
