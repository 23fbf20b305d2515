import type { ScalarGrid } from './surfaceNets.js';

/**
 * The value of a grid at a point given in Å, by trilinear interpolation. Points outside the grid
 * give NaN. With `skipZeros`, grid values that are exactly 0 (or not finite) count as "no value"
 * and the remaining corners are re-weighted: local-resolution and local-B maps are 0 outside
 * their mask, and averaging those zeros in would paint the surface edge with false colours.
 */
export function sampleTrilinear(grid: ScalarGrid, x: number, y: number, z: number, skipZeros = false): number {
  const [nx, ny, nz] = grid.dims;
  const gx = (x - grid.origin[0]) / grid.spacing[0];
  const gy = (y - grid.origin[1]) / grid.spacing[1];
  const gz = (z - grid.origin[2]) / grid.spacing[2];
  if (!(gx >= 0 && gy >= 0 && gz >= 0 && gx <= nx - 1 && gy <= ny - 1 && gz <= nz - 1)) return NaN;
  const x0 = Math.min(Math.floor(gx), nx - 2 < 0 ? 0 : nx - 2);
  const y0 = Math.min(Math.floor(gy), ny - 2 < 0 ? 0 : ny - 2);
  const z0 = Math.min(Math.floor(gz), nz - 2 < 0 ? 0 : nz - 2);
  const fx = gx - x0;
  const fy = gy - y0;
  const fz = gz - z0;
  let sum = 0;
  let weightSum = 0;
  for (let k = 0; k < 8; k++) {
    const dx = k & 1;
    const dy = (k >> 1) & 1;
    const dz = (k >> 2) & 1;
    const xi = Math.min(x0 + dx, nx - 1);
    const yi = Math.min(y0 + dy, ny - 1);
    const zi = Math.min(z0 + dz, nz - 1);
    const w = (dx ? fx : 1 - fx) * (dy ? fy : 1 - fy) * (dz ? fz : 1 - fz);
    if (w === 0) continue;
    const v = grid.data[(zi * ny + yi) * nx + xi]!;
    if (!Number.isFinite(v) || (skipZeros && v === 0)) continue;
    sum += w * v;
    weightSum += w;
  }
  if (weightSum === 0) return NaN;
  // Without skipping, weights of finite corners sum to 1 and this is plain trilinear interpolation.
  return sum / weightSum;
}
