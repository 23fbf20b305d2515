import type { Vec3 } from '../../volume/index.js';
import { halfSpectrumGrid } from '../halfSpectrumGrid.js';

/**
 * B-factor correction of a half spectrum in place (Xmipp `volume_correct_bfactor`, vrs-spec §6.4
 * step 5): F(s) ← F(s)·exp(−B·s²/4) for every frequency with 1/|s| ≥ maxResolution, s in Å⁻¹ with
 * per-axis voxel size; finer frequencies are left as they are. With the fitted (negative) B this
 * sharpens the map. Returns the spectrum.
 */
export function applyBFactor(spectrum: Float64Array, dims: Vec3, voxelSize: Vec3, bFactor: number, maxResolution: number): Float64Array {
  const { half, fx, fy, fz } = halfSpectrumGrid(dims);
  const [hx, ny, nz] = half;
  if (spectrum.length !== 2 * hx * ny * nz) {
    throw new RangeError(`applyBFactor: spectrum has ${spectrum.length} values, a half spectrum of ${dims.join('×')} has ${2 * hx * ny * nz}`);
  }
  const [sx, sy, sz] = voxelSize;
  const sLimit2 = 1 / (maxResolution * maxResolution);
  const k = -0.25 * bFactor;
  const fx2 = Float64Array.from(fx, (f) => (f / sx) ** 2);
  // exp(k·(a + b)) = exp(k·a)·exp(k·b): one exp per x bin and per (y, z) row, none per point.
  const gainX = Float64Array.from(fx2, (f2) => Math.exp(k * f2));
  let p = 0;
  for (let kz = 0; kz < nz; kz++) {
    const z2 = (fz[kz]! / sz) ** 2;
    for (let ky = 0; ky < ny; ky++) {
      const yz2 = z2 + (fy[ky]! / sy) ** 2;
      const gainYZ = Math.exp(k * yz2);
      for (let kx = 0; kx < hx; kx++, p += 2) {
        if (yz2 + fx2[kx]! > sLimit2) continue;
        const g = gainYZ * gainX[kx]!;
        spectrum[p]! *= g;
        spectrum[p + 1]! *= g;
      }
    }
  }
  return spectrum;
}
