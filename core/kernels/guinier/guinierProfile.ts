import type { Vec3 } from '../../volume/index.js';
import { halfSpectrumGrid } from '../halfSpectrumGrid.js';

/** Mean Fourier amplitude per resolution shell: the data behind a Guinier plot. */
export interface GuinierProfile {
  /** Box length along x in Å (nx·Tsx): shell i holds frequencies |s| ≈ i / boxLength. */
  boxLength: number;
  /** Per shell i: resolution boxLength / i in Å (Infinity for shell 0, the DC term). */
  resolution: Float64Array;
  /** Per shell: mean |F| over the half-spectrum points of the shell (0 for an empty shell). */
  meanAmplitude: Float64Array;
  /** Per shell: number of half-spectrum points. */
  count: Float64Array;
}

/**
 * Radial profile of mean Fourier amplitude in the shells of Xmipp `volume_correct_bfactor`
 * (vrs-spec §6.4, algorithms §2.7 step 2): point → shell round(|s|·nx·Tsx) with |s| the spatial
 * frequency in Å⁻¹, points beyond |s| = 1/(2·Ts) skipped, half-spectrum points counted once.
 * For isotropic voxels this is exactly Xmipp's digital rule round(|w|·nx), |w|² ≤ ¼ (shellIndex);
 * anisotropic voxels use the spatial frequency with per-axis sampling and stop at the coarsest
 * axis's Nyquist 1/(2·max Ts), so every shell is a sphere in Å⁻¹ sampled in all directions.
 * `spectrum` is an r2c half spectrum (core/fft layout); the amplitude scale is the caller's.
 */
export function guinierProfile(spectrum: Float64Array, dims: Vec3, voxelSize: Vec3): GuinierProfile {
  const { half, fx, fy, fz } = halfSpectrumGrid(dims);
  const [hx, ny, nz] = half;
  if (spectrum.length !== 2 * hx * ny * nz) {
    throw new RangeError(`guinierProfile: spectrum has ${spectrum.length} values, a half spectrum of ${dims.join('×')} has ${2 * hx * ny * nz}`);
  }
  const [sx, sy, sz] = voxelSize;
  const nx = dims[0];
  const boxLength = nx * sx;
  // Frequencies in x-digital units (f_k·Tsx/Ts_k): the shell is round(|u|·nx) and the limit |u| ≤ ½
  // for isotropic voxels, computed exactly as shellIndex does (ratios of 1 change no bit).
  const ux2 = Float64Array.from(fx, (f) => f * f);
  const uy2 = Float64Array.from(fy, (f) => (f * (sx / sy)) ** 2);
  const uz2 = Float64Array.from(fz, (f) => (f * (sx / sz)) ** 2);
  const limit = (sx / (2 * Math.max(sx, sy, sz))) ** 2;
  const shells = Math.floor(Math.sqrt(limit) * nx + 0.5) + 1;
  const sum = new Float64Array(shells);
  const count = new Float64Array(shells);
  let p = 0;
  for (let kz = 0; kz < nz; kz++) {
    const z2 = uz2[kz]!;
    for (let ky = 0; ky < ny; ky++) {
      const yz2 = z2 + uy2[ky]!;
      if (yz2 > limit) {
        p += 2 * hx;
        continue;
      }
      for (let kx = 0; kx < hx; kx++, p += 2) {
        const w2 = yz2 + ux2[kx]!;
        if (w2 > limit) continue;
        const shell = Math.floor(Math.sqrt(w2) * nx + 0.5);
        const re = spectrum[p]!;
        const im = spectrum[p + 1]!;
        sum[shell]! += Math.sqrt(re * re + im * im);
        count[shell]!++;
      }
    }
  }
  const meanAmplitude = new Float64Array(shells);
  const resolution = new Float64Array(shells);
  for (let i = 0; i < shells; i++) {
    meanAmplitude[i] = count[i]! > 0 ? sum[i]! / count[i]! : 0;
    resolution[i] = i === 0 ? Infinity : boxLength / i;
  }
  return { boxLength, resolution, meanAmplitude, count };
}
