import type { Vec3 } from '../volume/index.js';
import { halfSpectrumGrid } from './halfSpectrumGrid.js';

export interface ShellIndex {
  dims: Vec3;
  /** Per half-spectrum point (order of core/fft rfft3d, one entry per complex value): its shell, or −1. */
  index: Int32Array;
  /** Number of shells: max index + 1. */
  count: number;
}

/**
 * Xmipp's Fourier shells (FSC/DPR, Guinier, FSO; algorithms §1.3, §1.5–1.6): the point with digital
 * frequency w (per axis, Nyquist of an even axis +0.5) goes to shell round(|w|·Nx) (half away from
 * zero, Xmipp ROUND), using the x size for every axis; points with |w|² > 0.25 (beyond Nyquist, the
 * corners of the cube) get −1. Points are those of the half spectrum, each counted once: Hermitian
 * partners are not doubled, as Xmipp's loops do not double them.
 */
export function shellIndex(dims: Vec3): ShellIndex {
  const { half, fx, fy, fz } = halfSpectrumGrid(dims);
  const [hx, ny, nz] = half;
  const nxScale = dims[0];
  const index = new Int32Array(hx * ny * nz);
  let count = 0;
  let p = 0;
  for (let kz = 0; kz < nz; kz++) {
    const z2 = fz[kz]! * fz[kz]!;
    for (let ky = 0; ky < ny; ky++) {
      const yz2 = z2 + fy[ky]! * fy[ky]!;
      for (let kx = 0; kx < hx; kx++, p++) {
        const w2 = yz2 + fx[kx]! * fx[kx]!;
        if (w2 > 0.25) {
          index[p] = -1;
          continue;
        }
        const s = Math.floor(Math.sqrt(w2) * nxScale + 0.5);
        index[p] = s;
        if (s >= count) count = s + 1;
      }
    }
  }
  return { dims: [...dims], index, count };
}

export interface ShellSums {
  /** Σ of the per-point values in each shell. */
  sum: Float64Array;
  /** Points in each shell. */
  count: Float64Array;
}

/** Sums per shell of one value per half-spectrum point (e.g. |F|, |F|², Re(F₁F₂*)). */
export function shellSums(values: ArrayLike<number>, shells: ShellIndex): ShellSums {
  const { index, count: n } = shells;
  if (values.length !== index.length) throw new RangeError(`shellSums: ${values.length} values for ${index.length} points`);
  const sum = new Float64Array(n);
  const count = new Float64Array(n);
  for (let p = 0; p < index.length; p++) {
    const s = index[p]!;
    if (s < 0) continue;
    sum[s]! += values[p]!;
    count[s]!++;
  }
  return { sum, count };
}

/**
 * Mean amplitude |F| (or power |F|² with kind 'power') per Xmipp shell of a half spectrum: the
 * radial profile behind the Guinier plot (algorithms §2.7 step 2). Empty shells give 0.
 */
export function radialProfile(spectrum: Float64Array, shells: ShellIndex, kind: 'amplitude' | 'power' = 'amplitude'): { mean: Float64Array; count: Float64Array } {
  const { index, count: n } = shells;
  if (spectrum.length !== 2 * index.length) throw new RangeError(`radialProfile: spectrum has ${spectrum.length} values, shells expect ${2 * index.length}`);
  const sum = new Float64Array(n);
  const count = new Float64Array(n);
  const power = kind === 'power';
  for (let p = 0; p < index.length; p++) {
    const s = index[p]!;
    if (s < 0) continue;
    const re = spectrum[2 * p]!;
    const im = spectrum[2 * p + 1]!;
    const q = re * re + im * im;
    sum[s]! += power ? q : Math.sqrt(q);
    count[s]!++;
  }
  const mean = new Float64Array(n);
  for (let s = 0; s < n; s++) mean[s] = count[s]! > 0 ? sum[s]! / count[s]! : 0;
  return { mean, count };
}
