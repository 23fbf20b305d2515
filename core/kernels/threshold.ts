import type { BinaryMask, Volume, VoxelArray } from '../volume/index.js';

/**
 * Binary mask of the voxels with value ≥ t (Xmipp `transform_threshold --select below t
 * --substitute binarize`: strictly below → 0). NaN voxels are 0.
 */
export function threshold(volume: Volume<VoxelArray>, t: number): BinaryMask {
  if (!Number.isFinite(t)) throw new RangeError(`threshold must be a finite number, got ${t}`);
  const src = volume.data;
  const out = new Uint8Array(src.length);
  for (let i = 0; i < src.length; i++) out[i] = src[i]! >= t ? 1 : 0;
  return volume.withData(out);
}

/** Number of non-zero voxels. */
export function countNonZero(data: ArrayLike<number>): number {
  let n = 0;
  for (let i = 0; i < data.length; i++) if (data[i] !== 0) n++;
  return n;
}
