import { type BinaryMask, Volume, type Vec3 } from '../volume/index.js';

/** A mask of the given dims with 1 at the listed [x, y, z] voxels (test helper). */
export function maskWith(dims: Vec3, ones: readonly Vec3[]): BinaryMask {
  const v = new Volume(new Uint8Array(dims[0] * dims[1] * dims[2]), { dims: [...dims], voxelSize: [1, 1, 1], origin: [0, 0, 0] });
  for (const [x, y, z] of ones) v.data[v.index(x, y, z)] = 1;
  return v;
}

export function countOnes(data: ArrayLike<number>): number {
  let n = 0;
  for (let i = 0; i < data.length; i++) if (data[i] !== 0) n++;
  return n;
}
