import type { Vec3 } from '../../volume/index.js';

/** SPOC's Fourier shells over an r2c half spectrum (algorithms §1.6, §3.2 step 2). */
export interface SpocShells {
  /** Shell count floor(nx/2) + 1: shell i is centred on res_i = i/(nx·Ts) Å⁻¹, i = 0 … nx/2. */
  count: number;
  /** res_i in 1/Å. */
  frequency: Float64Array;
  /** Points per shell. */
  size: Int32Array;
  /** Half-spectrum point indices (complex index p of bin (kx, ky, kz)) grouped by shell, ascending within a shell. */
  points: Uint32Array;
  /** points[start[i] .. start[i+1]) are shell i's. */
  start: Int32Array;
}

/**
 * SPOC's shell rule: shell i holds every half-spectrum point whose spatial frequency |f| lies
 * strictly inside (res_i − Δ/2, res_i + Δ/2), res_i = rfftfreq(nx)[i]/Ts, Δ = res_1 − res_0. Every
 * point of the r2c half spectrum counts once, Hermitian partners in the kx = 0 (and kx = nx/2)
 * planes included, as numpy's rfftn output is summed. Points beyond the last shell (the corners)
 * belong to none. |f| is the physical frequency per axis (k/(n·Ts) for each axis), so non-cubic
 * boxes and voxels get spherical shells; the spacing follows the x axis (SPOC takes numpy's first
 * axis, the same for the cubic boxes SPOC is used on).
 */
export function spocShells(dims: Vec3, voxelSize: Vec3): SpocShells {
  const [nx, ny, nz] = dims;
  const hx = Math.floor(nx / 2) + 1;
  const count = hx;
  const spacing = 1 / (nx * voxelSize[0]);
  const frequency = Float64Array.from({ length: count }, (_, i) => i * spacing);
  // radius in shell units (|f|/Δ) per axis index, squared
  const axis = (n: number, ts: number, length: number) =>
    Float64Array.from({ length }, (_, k) => {
      const f = (k <= Math.floor(n / 2) ? k : k - n) / (n * ts) / spacing;
      return f * f;
    });
  const rx = axis(nx, voxelSize[0], hx);
  const ry = axis(ny, voxelSize[1], ny);
  const rz = axis(nz, voxelSize[2], nz);
  const shellOf = new Int32Array(hx * ny * nz);
  const size = new Int32Array(count);
  let p = 0;
  for (let kz = 0; kz < nz; kz++)
    for (let ky = 0; ky < ny; ky++) {
      const ryz = ry[ky]! + rz[kz]!;
      for (let kx = 0; kx < hx; kx++, p++) {
        const r = Math.sqrt(rx[kx]! + ryz);
        const i = Math.round(r);
        // strict on both sides: a point exactly half-way between shells is in neither
        const s = i < count && Math.abs(r - i) < 0.5 ? i : -1;
        shellOf[p] = s;
        if (s >= 0) size[s]!++;
      }
    }
  const start = new Int32Array(count + 1);
  for (let i = 0; i < count; i++) start[i + 1] = start[i]! + size[i]!;
  const points = new Uint32Array(start[count]!);
  const fill = start.slice(0, count);
  for (let q = 0; q < shellOf.length; q++) {
    const s = shellOf[q]!;
    if (s >= 0) points[fill[s]!++] = q;
  }
  return { count, frequency, size, points, start };
}
