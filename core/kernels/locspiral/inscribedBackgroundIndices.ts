import type { Vec3, VoxelArray } from '../../volume/index.js';

/**
 * Indices of the LocBFactor noise voxels: outside the molecule (mask ≤ 0.5) and inside the sphere
 * inscribed in the box, r < n/2 with r measured in voxels from index n/2 on each axis (algorithms
 * §2.8 step 6), which keeps the box corners — often padding or masked to zero — out of the noise
 * estimate. For a non-cubic box the sphere has radius min(n_k)/2 around (n_x/2, n_y/2, n_z/2).
 */
export function inscribedBackgroundIndices(mask: VoxelArray, dims: Vec3): Int32Array {
  const [nx, ny, nz] = dims;
  if (mask.length !== nx * ny * nz) throw new RangeError(`inscribedBackgroundIndices: mask has ${mask.length} voxels, dims ${dims.join('×')} need ${nx * ny * nz}`);
  const radius = Math.min(nx, ny, nz) / 2;
  const r2max = radius * radius;
  const selected = new Int32Array(mask.length);
  let count = 0;
  for (let z = 0; z < nz; z++) {
    const dz2 = (z - nz / 2) ** 2;
    for (let y = 0; y < ny; y++) {
      const dyz2 = dz2 + (y - ny / 2) ** 2;
      if (dyz2 >= r2max) continue;
      const row = (z * ny + y) * nx;
      for (let x = 0; x < nx; x++) {
        const i = row + x;
        if (dyz2 + (x - nx / 2) ** 2 < r2max && !(mask[i]! > 0.5)) selected[count++] = i;
      }
    }
  }
  return selected.slice(0, count);
}
