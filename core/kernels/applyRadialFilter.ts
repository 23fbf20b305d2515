import type { Vec3 } from '../volume/index.js';
import { halfSpectrumGrid } from './halfSpectrumGrid.js';

/** A filter gain as a function of the frequency modulus (digital, or Å⁻¹ when a voxel size is given). */
export type RadialResponse = (frequency: number) => number;

/**
 * Multiplies an r2c half spectrum (layout of core/fft rfft3d) in place by response(|w|) and returns
 * it. |w| is the digital frequency modulus (cycles/voxel, Xmipp convention: the Nyquist index of an
 * even axis is +0.5), or, when `voxelSize` is given, the spatial frequency in Å⁻¹ with per-axis
 * sampling, |f| = √Σ(w_k/Ts_k)², which keeps filters isotropic in space on anisotropic grids.
 * The response is called once per half-spectrum point: keep it a plain arithmetic function.
 */
export function applyRadialFilter(spectrum: Float64Array, dims: Vec3, response: RadialResponse, opts: { voxelSize?: Vec3 } = {}): Float64Array {
  const { half, fx, fy, fz } = halfSpectrumGrid(dims);
  const [hx, ny, nz] = half;
  if (spectrum.length !== 2 * hx * ny * nz) {
    throw new RangeError(`spectrum has ${spectrum.length} values, a half spectrum of ${dims.join('×')} has ${2 * hx * ny * nz}`);
  }
  const [sx, sy, sz] = opts.voxelSize ?? [1, 1, 1];
  const fx2 = Float64Array.from(fx, (f) => (f / sx) ** 2);
  let p = 0;
  for (let kz = 0; kz < nz; kz++) {
    const z2 = (fz[kz]! / sz) ** 2;
    for (let ky = 0; ky < ny; ky++) {
      const yz2 = z2 + (fy[ky]! / sy) ** 2;
      for (let kx = 0; kx < hx; kx++, p += 2) {
        const h = response(Math.sqrt(yz2 + fx2[kx]!));
        spectrum[p]! *= h;
        spectrum[p + 1]! *= h;
      }
    }
  }
  return spectrum;
}
