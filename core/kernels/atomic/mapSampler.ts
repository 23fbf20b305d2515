import type { VolumeGeometry } from '../../volume/index.js';

/** A map value at a point in Å; `outside` (default NaN) where the interpolator has no value. */
export type MapSampler = (x: number, y: number, z: number) => number;

export type MapInterpolation = 'trilinear' | 'tricubic';

/**
 * An interpolator on the voxel grid, voxel (i, j, k) at origin + (i, j, k)·voxelSize, shared by
 * the level-A checks that read the map at atoms (Q-score, EMRinger, inclusion).
 * - `trilinear`: the eight surrounding voxels — what Phenix's EMRinger actually does with a map file
 *   (its "spline" option only applies to map coefficients; a real-space map goes through
 *   `non_crystallographic_eight_point_interpolation`).
 * - `tricubic`: Catmull–Rom cubic convolution over the 4×4×4 neighbourhood, separable; it passes
 *   through the voxel values (unlike a smoothing B-spline) and has a continuous gradient.
 */
export function mapSampler(volume: { data: ArrayLike<number>; geometry: VolumeGeometry }, interpolation: MapInterpolation, opts: { outside?: number } = {}): MapSampler {
  const outside = opts.outside ?? Number.NaN;
  const [nx, ny, nz] = volume.geometry.dims;
  const [sx, sy, sz] = volume.geometry.voxelSize;
  const [ox, oy, oz] = volume.geometry.origin;
  const data = volume.data;
  const nxy = nx * ny;
  if (interpolation === 'trilinear') {
    return (x, y, z) => {
      const gx = (x - ox) / sx;
      const gy = (y - oy) / sy;
      const gz = (z - oz) / sz;
      if (!(gx >= 0 && gy >= 0 && gz >= 0 && gx <= nx - 1 && gy <= ny - 1 && gz <= nz - 1)) return outside;
      // On the last plane the upper corner has weight 0; step back so its index stays in the grid.
      const i = Math.min(Math.floor(gx), Math.max(nx - 2, 0));
      const j = Math.min(Math.floor(gy), Math.max(ny - 2, 0));
      const k = Math.min(Math.floor(gz), Math.max(nz - 2, 0));
      const fx = gx - i;
      const fy = gy - j;
      const fz = gz - k;
      const di = nx > 1 ? 1 : 0;
      const dj = ny > 1 ? nx : 0;
      const dk = nz > 1 ? nxy : 0;
      const p = k * nxy + j * nx + i;
      const c00 = data[p]! + fx * (data[p + di]! - data[p]!);
      const c10 = data[p + dj]! + fx * (data[p + dj + di]! - data[p + dj]!);
      const c01 = data[p + dk]! + fx * (data[p + dk + di]! - data[p + dk]!);
      const c11 = data[p + dk + dj]! + fx * (data[p + dk + dj + di]! - data[p + dk + dj]!);
      const c0 = c00 + fy * (c10 - c00);
      const c1 = c01 + fy * (c11 - c01);
      return c0 + fz * (c1 - c0);
    };
  }
  const wx = new Float64Array(4);
  const wy = new Float64Array(4);
  const wz = new Float64Array(4);
  return (x, y, z) => {
    const gx = (x - ox) / sx;
    const gy = (y - oy) / sy;
    const gz = (z - oz) / sz;
    const x0 = Math.floor(gx);
    const y0 = Math.floor(gy);
    const z0 = Math.floor(gz);
    if (!(x0 >= 1 && y0 >= 1 && z0 >= 1 && x0 + 2 < nx && y0 + 2 < ny && z0 + 2 < nz)) return outside;
    catmullRomWeights(gx - x0, wx);
    catmullRomWeights(gy - y0, wy);
    catmullRomWeights(gz - z0, wz);
    let sum = 0;
    for (let c = 0; c < 4; c++) {
      const zBase = (z0 - 1 + c) * nxy;
      let plane = 0;
      for (let b = 0; b < 4; b++) {
        const i = zBase + (y0 - 1 + b) * nx + x0 - 1;
        plane += wy[b]! * (wx[0]! * data[i]! + wx[1]! * data[i + 1]! + wx[2]! * data[i + 2]! + wx[3]! * data[i + 3]!);
      }
      sum += wz[c]! * plane;
    }
    return sum;
  };
}

/** Catmull–Rom weights of the samples at −1, 0, 1, 2 for a point at t ∈ [0, 1) (they sum to 1). */
function catmullRomWeights(t: number, out: Float64Array): void {
  const t2 = t * t;
  const t3 = t2 * t;
  out[0] = 0.5 * (-t3 + 2 * t2 - t);
  out[1] = 0.5 * (3 * t3 - 5 * t2 + 2);
  out[2] = 0.5 * (-3 * t3 + 4 * t2 + t);
  out[3] = 0.5 * (t3 - t2);
}


