import type { Vec3 } from '../../volume/index.js';
import { gaussianFilterReflect } from './gaussianFilterReflect.js';
import { UNASSIGNED_RESOLUTION } from './localSinusoidTest.js';

export interface ResMapVrsMap {
  /** The smoothed map over the whole box (display). */
  smoothed: Float32Array;
  /** 1 where ResMap assigned a resolution (value < 100): the voxels the statistics use. */
  valid: Uint8Array;
  validVoxels: number;
  /** Mean of the assigned resolutions, written into the unassigned voxels before smoothing. */
  fillValue: number;
}

/**
 * The original service's treatment of ResMap's map (vrs-spec §7.4): values ≥ 100 Å (unassigned)
 * are replaced by the mean of the others, the map is smoothed with scipy's gaussian_filter of σ = 1.5
 * voxels, and the statistics use the smoothed values at the voxels that had a resolution. Null when
 * no voxel had one ("did not produce any result").
 */
export function resmapVrsPostProcess(resolution: ArrayLike<number>, dims: Vec3, sigma = 1.5): ResMapVrsMap | null {
  const n = resolution.length;
  const valid = new Uint8Array(n);
  let sum = 0;
  let count = 0;
  for (let i = 0; i < n; i++) {
    if (resolution[i]! < UNASSIGNED_RESOLUTION) {
      valid[i] = 1;
      sum += resolution[i]!;
      count++;
    }
  }
  if (count === 0) return null;
  const fillValue = sum / count;
  const filled = new Float64Array(n);
  for (let i = 0; i < n; i++) filled[i] = valid[i] ? resolution[i]! : fillValue;
  const smoothed = Float32Array.from(gaussianFilterReflect(filled, dims, sigma));
  return { smoothed, valid, validVoxels: count, fillValue };
}
