import type { VoxelArray } from '../../volume/index.js';

/** Indices of the voxels with mask > 0.5 (the molecule), in memory order. */
export function maskIndices(mask: VoxelArray): Int32Array {
  let count = 0;
  for (let i = 0; i < mask.length; i++) if (mask[i]! > 0.5) count++;
  const out = new Int32Array(count);
  let j = 0;
  for (let i = 0; i < mask.length; i++) if (mask[i]! > 0.5) out[j++] = i;
  return out;
}
