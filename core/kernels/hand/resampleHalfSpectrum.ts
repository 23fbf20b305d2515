import { halfSpectrumDims } from '../../fft/index.js';
import type { Vec3 } from '../../volume/index.js';
import type { RadialResponse } from '../index.js';

/**
 * Moves a band-limited r2c half spectrum (core/fft layout, numpy scaling) to a grid of other dims
 * over the same box, multiplying by a radial response: the Fourier route to "resample to ≈ 1 Å/px
 * and low-pass" in one step. The box length L_k = n_k·Ts_k is kept, so bin k (signed integer) is the
 * same physical frequency k/L_k in both grids and is copied across with gain response(|f|)·M/N (M, N
 * the voxel counts; values, not sums, are preserved). Every bin with |f| > fMax is dropped: the
 * response must be 0 there, and fMax must lie strictly below the Nyquist frequency of both grids
 * (so no Nyquist bin is involved and the result is exact for the filtered map).
 *
 * `voxelSize` is the old grid's; the new voxel size is Ts_k·n_k/m_k.
 */
export function resampleHalfSpectrum(spectrum: Float64Array, dims: Vec3, voxelSize: Vec3, newDims: Vec3, response: RadialResponse, fMax: number): Float64Array {
  const [hx, ny, nz] = halfSpectrumDims(dims);
  if (spectrum.length !== 2 * hx * ny * nz) throw new RangeError(`spectrum has ${spectrum.length} values, a half spectrum of ${dims.join('×')} has ${2 * hx * ny * nz}`);
  const [mhx, my, mz] = halfSpectrumDims(newDims);
  const boxLength = dims.map((n, k) => n * voxelSize[k]!) as Vec3;
  // Largest |k| per axis inside the sphere |f| ≤ fMax; it must stay below both Nyquist indices.
  const kMax = boxLength.map((l) => Math.floor(fMax * l + 1e-9)) as Vec3;
  for (let a = 0; a < 3; a++) {
    const limit = Math.min(dims[a]!, newDims[a]!) / 2;
    if (!(kMax[a]! < limit)) throw new RangeError(`fMax ${fMax} Å⁻¹ reaches the Nyquist frequency on axis ${'xyz'[a]} (|k| ${kMax[a]} of ${limit})`);
  }
  const out = new Float64Array(2 * mhx * my * mz);
  const gain = (newDims[0] * newDims[1] * newDims[2]) / (dims[0] * dims[1] * dims[2]);
  const [lx, ly, lz] = boxLength;
  const f2Max = fMax * fMax;
  for (let kz = -kMax[2]; kz <= kMax[2]; kz++) {
    const fz2 = (kz / lz) ** 2;
    const srcZ = kz < 0 ? kz + nz : kz;
    const dstZ = kz < 0 ? kz + mz : kz;
    for (let ky = -kMax[1]; ky <= kMax[1]; ky++) {
      const fyz2 = fz2 + (ky / ly) ** 2;
      if (fyz2 > f2Max) continue;
      const srcRow = (srcZ * ny + (ky < 0 ? ky + ny : ky)) * hx;
      const dstRow = (dstZ * my + (ky < 0 ? ky + my : ky)) * mhx;
      for (let kx = 0; kx <= kMax[0]; kx++) {
        const f2 = fyz2 + (kx / lx) ** 2;
        if (f2 > f2Max) break;
        const h = response(Math.sqrt(f2)) * gain;
        const s = 2 * (srcRow + kx);
        const d = 2 * (dstRow + kx);
        out[d] = spectrum[s]! * h;
        out[d + 1] = spectrum[s + 1]! * h;
      }
    }
  }
  return out;
}
