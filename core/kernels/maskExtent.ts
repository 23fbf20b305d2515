import type { Vec3, Volume, VoxelArray } from '../volume/index.js';

export interface MaskExtent {
  /** Per axis, the first index whose plane holds a non-zero voxel. */
  first: Vec3;
  /** Per axis, the last such index. */
  last: Vec3;
}

/**
 * First and last index along x, y and z of the planes that contain the mask (VRS 0.a: the mask
 * projected on each axis, first and last positive entry). null when the mask is empty.
 */
export function maskExtent(mask: Volume<VoxelArray>): MaskExtent | null {
  const [nx, ny, nz] = mask.dims;
  const d = mask.data;
  const first: Vec3 = [nx, ny, nz];
  const last: Vec3 = [-1, -1, -1];
  let i = 0;
  for (let z = 0; z < nz; z++) {
    for (let y = 0; y < ny; y++) {
      let rowFirst = -1;
      let rowLast = -1;
      for (let x = 0; x < nx; x++, i++) {
        if (d[i] === 0) continue;
        if (rowFirst < 0) rowFirst = x;
        rowLast = x;
      }
      if (rowFirst < 0) continue;
      if (rowFirst < first[0]) first[0] = rowFirst;
      if (rowLast > last[0]) last[0] = rowLast;
      if (y < first[1]) first[1] = y;
      if (y > last[1]) last[1] = y;
      if (z < first[2]) first[2] = z;
      if (z > last[2]) last[2] = z;
    }
  }
  return last[0] < 0 ? null : { first, last };
}
