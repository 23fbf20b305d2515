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

/** Gaussian exp(−|p − c|²/(2σ²)) sampled at voxel indices (test helper). */
export function sampledGaussian(dims: Vec3, centre: Vec3, sigma: number, voxelSize: Vec3 = [1, 1, 1]): Volume {
  const v = Volume.zeros(dims, voxelSize);
  for (let z = 0; z < dims[2]; z++)
    for (let y = 0; y < dims[1]; y++)
      for (let x = 0; x < dims[0]; x++) {
        const r2 = (x - centre[0]) ** 2 + (y - centre[1]) ** 2 + (z - centre[2]) ** 2;
        v.data[v.index(x, y, z)] = Math.exp(-r2 / (2 * sigma * sigma));
      }
  return v;
}

export function maxAbsDifference(a: ArrayLike<number>, b: ArrayLike<number>): number {
  if (a.length !== b.length) throw new RangeError(`lengths differ: ${a.length} vs ${b.length}`);
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i]! - b[i]!));
  return m;
}
