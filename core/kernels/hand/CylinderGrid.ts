import type { Vec3, Volume } from '../../volume/index.js';

/**
 * Sampling positions about an axis: rings of radius radii[i] (Å), `angles` equally spaced angles per
 * ring, and planes every zStep Å along the axis, symmetric about the centre (z = 0 is a plane).
 * Sample (ring i, plane k, angle j) is at centre + r_i·(cos θ_j·u + sin θ_j·v) + z_k·w, stored at
 * ((i·planes) + k)·angles + j.
 */
export interface CylinderGrid {
  radii: Float64Array;
  angles: number;
  zStep: number;
}

/** A right-handed orthonormal frame (u × v = w) placed at `centre`; w is the axis. */
export interface AxisFrame {
  centre: Vec3;
  u: Vec3;
  v: Vec3;
  w: Vec3;
}

/**
 * Samples a map on a cylinder grid by trilinear interpolation (positions in Å, per-axis voxel size;
 * positions outside the grid take the nearest edge value). `planes` is odd: z_k = (k − (planes−1)/2)·zStep.
 */
export function sampleCylinder(volume: Volume<Float32Array>, frame: AxisFrame, grid: CylinderGrid, planes: number, out: Float64Array): Float64Array {
  const [nx, ny, nz] = volume.dims;
  const [tx, ty, tz] = volume.voxelSize;
  const [ox, oy, oz] = volume.origin;
  const d = volume.data;
  const { radii, angles, zStep } = grid;
  const { centre, u, v, w } = frame;
  const half = (planes - 1) / 2;
  const sxy = nx * ny;
  const cosT = Float64Array.from({ length: angles }, (_, j) => Math.cos((2 * Math.PI * j) / angles));
  const sinT = Float64Array.from({ length: angles }, (_, j) => Math.sin((2 * Math.PI * j) / angles));
  const dx = nx > 1 ? 1 : 0;
  const dy = ny > 1 ? nx : 0;
  const dz = nz > 1 ? sxy : 0;
  let p = 0;
  for (let i = 0; i < radii.length; i++) {
    const r = radii[i]!;
    for (let k = 0; k < planes; k++) {
      const zk = (k - half) * zStep;
      const bx = centre[0] + zk * w[0];
      const by = centre[1] + zk * w[1];
      const bz = centre[2] + zk * w[2];
      for (let j = 0; j < angles; j++, p++) {
        const c = r * cosT[j]!;
        const s = r * sinT[j]!;
        let gx = (bx + c * u[0] + s * v[0] - ox) / tx;
        let gy = (by + c * u[1] + s * v[1] - oy) / ty;
        let gz = (bz + c * u[2] + s * v[2] - oz) / tz;
        gx = gx < 0 ? 0 : gx > nx - 1 ? nx - 1 : gx;
        gy = gy < 0 ? 0 : gy > ny - 1 ? ny - 1 : gy;
        gz = gz < 0 ? 0 : gz > nz - 1 ? nz - 1 : gz;
        let x0 = Math.floor(gx);
        let y0 = Math.floor(gy);
        let z0 = Math.floor(gz);
        if (x0 > nx - 2) x0 = Math.max(0, nx - 2);
        if (y0 > ny - 2) y0 = Math.max(0, ny - 2);
        if (z0 > nz - 2) z0 = Math.max(0, nz - 2);
        const fx = gx - x0;
        const fy = gy - y0;
        const fz = gz - z0;
        const i000 = z0 * sxy + y0 * nx + x0;
        const c00 = d[i000]! + fx * (d[i000 + dx]! - d[i000]!);
        const c10 = d[i000 + dy]! + fx * (d[i000 + dy + dx]! - d[i000 + dy]!);
        const c01 = d[i000 + dz]! + fx * (d[i000 + dz + dx]! - d[i000 + dz]!);
        const c11 = d[i000 + dz + dy]! + fx * (d[i000 + dz + dy + dx]! - d[i000 + dz + dy]!);
        const c0 = c00 + fy * (c10 - c00);
        const c1 = c01 + fy * (c11 - c01);
        out[p] = c0 + fz * (c1 - c0);
      }
    }
  }
  return out;
}
