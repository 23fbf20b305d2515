import type { BinaryMask, Volume, VoxelArray } from '../volume/index.js';
import { dilate } from './dilate.js';
import { largestComponent } from './largestComponent.js';
import { countNonZero, threshold } from './threshold.js';

/**
 * A contour enclosing more than this share of the box lies in the background, not on the molecule
 * (the recommended contours of the maps in ../shared/data enclose 0.4–18 % of their boxes).
 */
export const MAX_BOX_SHARE_ABOVE_THRESHOLD = 0.5;

export interface HardMaskResult {
  mask: BinaryMask;
  /** Voxels with value ≥ threshold before keeping the largest component. */
  rawCount: number;
  /** Number of 26-connected components of the raw mask. */
  componentCount: number;
  /** Voxels per component of the raw mask, by label (sizes[0] counts the background). */
  componentSizes: number[];
  /** Size of the kept (largest) component, before dilation. */
  largestComponentSize: number;
  /** Dilation passes applied: ceil(2 / Ts). */
  passes: number;
  /** The voxel size Ts (Å) the passes were computed from: the smallest of the three. */
  voxelSizeUsed: number;
  /** Voxels in the final mask. */
  count: number;
}

/**
 * The VRS "mask with hard borders" (vrs-spec §3.2, algorithms §2.2): threshold at t (v ≥ t),
 * keep the largest 26-connected component, then `ceil(2/Ts)` passes of 18-neighbour dilation
 * with Xmipp's untouched outer layer (≈ 2 Å). For anisotropic voxels Ts is the smallest voxel
 * size, so the growth is at least 2 Å along every axis. `passes` overrides the count (the VRS
 * uses 1 for the resized masks when no resolution is given). An empty threshold mask gives an
 * empty result (rawCount 0): the caller reports "threshold too high".
 */
export function hardMask(volume: Volume<VoxelArray>, t: number, opts: { passes?: number } = {}): HardMaskResult {
  const voxelSizeUsed = Math.min(...volume.voxelSize);
  if (!(voxelSizeUsed > 0)) throw new RangeError(`hardMask needs a positive voxel size, got ${volume.voxelSize.join(', ')}`);
  const passes = opts.passes ?? Math.ceil(2 / voxelSizeUsed);
  const raw = threshold(volume, t);
  const rawCount = countNonZero(raw.data);
  const largest = largestComponent(raw, 26);
  const mask = dilate(largest.mask, passes, 18);
  return {
    mask,
    rawCount,
    componentCount: largest.componentCount,
    componentSizes: largest.sizes,
    largestComponentSize: largest.size,
    passes,
    voxelSizeUsed,
    count: countNonZero(mask.data),
  };
}
