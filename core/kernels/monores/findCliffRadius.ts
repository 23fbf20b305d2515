import type { Vec3 } from '../../volume/index.js';

/**
 * Squared distance, in voxels, of voxel (x, y, z) from the Xmipp logical origin floor(n/2) of
 * each axis (algorithms §1.2): the radius every MonoRes mask rule uses.
 */
function centreOffsets(n: number): Float64Array {
  const c = Math.floor(n / 2);
  return Float64Array.from({ length: n }, (_, i) => (i - c) * (i - c));
}

/**
 * Radius of a mask: round(√max r²) over its voxels (r from the logical origin), 0 for an empty
 * mask (Xmipp `proteinRadiusVolumeAndShellStatistics`).
 */
export function maskRadius(mask: ArrayLike<number>, dims: Vec3): number {
  const [nx, ny, nz] = dims;
  const dx = centreOffsets(nx);
  const dy = centreOffsets(ny);
  const dz = centreOffsets(nz);
  let max = 0;
  let p = 0;
  for (let z = 0; z < nz; z++) {
    for (let y = 0; y < ny; y++) {
      const yz = dz[z]! + dy[y]!;
      for (let x = 0; x < nx; x++, p++) {
        if (mask[p] !== 0 && yz + dx[x]! > max) max = yz + dx[x]!;
      }
    }
  }
  return Math.round(Math.sqrt(max));
}

/**
 * The radius beyond which a map holds no noise (Xmipp `findCliffValue`, algorithms §3.5 step 3):
 * for integer radii rad = start, start+1, … below floor(nx/2), the population variance of the map
 * on the shell rad² ≤ r² < (rad+1)²; the first shell whose variance is below 1 % of the previous
 * one's (the first shell is compared with 1e-38) gives the limit rad − 1. Without such a cliff
 * the limit is floor(nx/2). A map masked by a sphere thus gets the sphere's radius, and MonoRes
 * ignores every voxel at r ≥ limit (they hold no noise to compare with).
 */
export function findCliffRadius(map: ArrayLike<number>, dims: Vec3, start: number): number {
  const [nx, ny, nz] = dims;
  const limit = Math.floor(nx / 2);
  const first = Math.max(0, Math.floor(start));
  if (first >= limit) return limit;
  const shells = limit - first;
  const sum = new Float64Array(shells);
  const sum2 = new Float64Array(shells);
  const count = new Float64Array(shells);
  const dx = centreOffsets(nx);
  const dy = centreOffsets(ny);
  const dz = centreOffsets(nz);
  const lo = first * first;
  const hi = limit * limit;
  let p = 0;
  for (let z = 0; z < nz; z++) {
    for (let y = 0; y < ny; y++) {
      const yz = dz[z]! + dy[y]!;
      for (let x = 0; x < nx; x++, p++) {
        const r2 = yz + dx[x]!;
        if (r2 < lo || r2 >= hi) continue;
        // Integer r²: the floor of its square root is exact (perfect squares give exact roots).
        const shell = Math.floor(Math.sqrt(r2)) - first;
        const v = map[p]!;
        sum[shell]! += v;
        sum2[shell]! += v * v;
        count[shell]!++;
      }
    }
  }
  let previous = 1e-38;
  for (let s = 0; s < shells; s++) {
    const n = count[s]!;
    const mean = sum[s]! / n;
    const variance = sum2[s]! / n - mean * mean;
    if (variance / previous < 0.01) return first + s - 1;
    previous = variance;
  }
  return limit;
}

/** Every voxel at r ≥ limit from the box centre is excluded (−1): no noise there to compare with. */
export function excludeBeyondRadius(state: Int8Array, dims: Vec3, limit: number): void {
  const [nx, ny, nz] = dims;
  const [cx, cy, cz] = dims.map((n) => Math.floor(n / 2));
  const limit2 = limit * limit;
  let p = 0;
  for (let z = 0; z < nz; z++) {
    for (let y = 0; y < ny; y++) {
      const yz = (z - cz!) ** 2 + (y - cy!) ** 2;
      for (let x = 0; x < nx; x++, p++) if (yz + (x - cx!) ** 2 >= limit2) state[p] = -1;
    }
  }
}
