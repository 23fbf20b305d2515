import { halfSpectrumDims } from '../fft/index.js';
import { halfSpectrumGrid } from '../kernels/index.js';
import type { Vec3 } from '../volume/index.js';

export interface PointMass {
  /** Position in Å, in the same frame as the map origin. */
  position: Vec3;
  weight: number;
}

/**
 * Exact r2c half spectrum (core/fft layout, numpy scaling: irfft3d divides by N) of a sum of point
 * masses, restricted to spatial frequencies |f| ≤ fMax Å⁻¹ (0 beyond): F(f) = Σ w·e^(−2πi f·(r − o))/V
 * with V the voxel volume, so that after irfft3d and a radial factor G(|f|) the map holds the density
 * (per Å³) of Σ w·g(r − r_a), g the function whose Fourier transform is G. Band-limited by
 * construction: no sampling alias, unlike splatting.
 */
export function pointMassSpectrum(points: readonly PointMass[], dims: Vec3, voxelSize: Vec3, origin: Vec3, fMax: number): Float64Array {
  const { fx, fy, fz } = halfSpectrumGrid(dims);
  const [hx, ny, nz] = halfSpectrumDims(dims);
  const [tx, ty, tz] = voxelSize;
  // last kx inside the sphere for each (ky, kz) row, −1 for none
  const rowEnd = new Int32Array(ny * nz);
  for (let kz = 0; kz < nz; kz++)
    for (let ky = 0; ky < ny; ky++) {
      const rest = fMax * fMax - (fy[ky]! / ty) ** 2 - (fz[kz]! / tz) ** 2;
      rowEnd[kz * ny + ky] = rest < 0 ? -1 : Math.min(hx - 1, Math.floor(Math.sqrt(rest) * tx * dims[0] + 1e-9));
    }
  const spec = new Float64Array(2 * hx * ny * nz);
  const exRe = new Float64Array(hx);
  const exIm = new Float64Array(hx);
  const eyRe = new Float64Array(ny);
  const eyIm = new Float64Array(ny);
  const ezRe = new Float64Array(nz);
  const ezIm = new Float64Array(nz);
  const vVoxel = tx * ty * tz;
  for (const pt of points) {
    // fractional voxel coordinates: f·(r − o) = Σ w_k·u_k with u_k = (r_k − o_k)/Ts_k
    const ux = (pt.position[0] - origin[0]) / tx;
    const uy = (pt.position[1] - origin[1]) / ty;
    const uz = (pt.position[2] - origin[2]) / tz;
    for (let k = 0; k < hx; k++) {
      exRe[k] = Math.cos(2 * Math.PI * fx[k]! * ux);
      exIm[k] = -Math.sin(2 * Math.PI * fx[k]! * ux);
    }
    for (let k = 0; k < ny; k++) {
      eyRe[k] = Math.cos(2 * Math.PI * fy[k]! * uy);
      eyIm[k] = -Math.sin(2 * Math.PI * fy[k]! * uy);
    }
    for (let k = 0; k < nz; k++) {
      ezRe[k] = Math.cos(2 * Math.PI * fz[k]! * uz);
      ezIm[k] = -Math.sin(2 * Math.PI * fz[k]! * uz);
    }
    const w = pt.weight / vVoxel;
    for (let kz = 0; kz < nz; kz++) {
      const zr = w * ezRe[kz]!;
      const zi = w * ezIm[kz]!;
      for (let ky = 0; ky < ny; ky++) {
        const end = rowEnd[kz * ny + ky]!;
        if (end < 0) continue;
        const yzr = zr * eyRe[ky]! - zi * eyIm[ky]!;
        const yzi = zr * eyIm[ky]! + zi * eyRe[ky]!;
        let p = 2 * (kz * ny + ky) * hx;
        for (let kx = 0; kx <= end; kx++, p += 2) {
          spec[p]! += yzr * exRe[kx]! - yzi * exIm[kx]!;
          spec[p + 1]! += yzr * exIm[kx]! + yzi * exRe[kx]!;
        }
      }
    }
  }
  return spec;
}
