import { rfft3d } from '../../fft/index.js';
import type { Vec3 } from '../../volume/index.js';
import { shellIndex } from '../shellIndex.js';

/** FSC and DPR per Xmipp shell, shells 1 … floor(Nx/2) (the DC shell is dropped, as Xmipp's output). */
export interface FscCurves {
  /** Shell numbers 1 … floor(Nx/2). */
  shell: Int32Array;
  /** Spatial frequency of each shell, i/(Nx·Ts) in 1/Å. */
  frequency: Float64Array;
  /** Σ Re(conj(F1)F2) / √(Σ|F1|²·Σ|F2|²); NaN for an empty shell or one where a half has no power. */
  fsc: Float64Array;
  /** Amplitude-weighted RMS phase difference in degrees; NaN where both halves have no amplitude. */
  dpr: Float64Array;
  /** 2/√count: the FSC a pair of independent noise maps reaches by chance (about two standard errors). */
  noise: Float64Array;
  /** Half-spectrum points in each shell (Hermitian partners not doubled, as Xmipp). */
  count: Float64Array;
}

/**
 * Fourier shell correlation and differential phase residual of two half maps, as Xmipp's
 * `resolution_fsc --do_dpr` (algorithms §3.1): both halves r2c-transformed, shells of the half
 * spectrum by round(|w|·Nx) with |w| ≤ 0.5 in digital frequency, each point counted once. On a box
 * that is not a cube the shells are still numbered on the x size (Xmipp's rule), so a shell holds the
 * points whose |w| rounds to i/Nx whatever their direction; the frequency of shell i is i/(Nx·Ts).
 * `voxelSize` is the x voxel size Ts (Å).
 */
export async function fourierShellCorrelation(half1: Float32Array | Float64Array, half2: Float32Array | Float64Array, dims: Vec3, voxelSize: number): Promise<FscCurves> {
  const spectrum1 = await rfft3d(half1, dims);
  const spectrum2 = await rfft3d(half2, dims);
  return fscFromSpectra(spectrum1, spectrum2, dims, voxelSize);
}

/** FSC and DPR from the two half spectra (core/fft rfft3d layout; the scale of the transform does not matter). */
export function fscFromSpectra(spectrum1: Float64Array, spectrum2: Float64Array, dims: Vec3, voxelSize: number): FscCurves {
  if (!(voxelSize > 0)) throw new RangeError(`fourierShellCorrelation: voxel size must be positive, got ${voxelSize}`);
  const shells = shellIndex(dims);
  const points = shells.index.length;
  if (spectrum1.length !== 2 * points || spectrum2.length !== 2 * points) {
    throw new RangeError(`fourierShellCorrelation: spectra of ${spectrum1.length / 2} and ${spectrum2.length / 2} points for a ${dims.join('×')} grid (${points} expected)`);
  }
  const last = Math.floor(dims[0] / 2);
  const n = last + 1;
  const num = new Float64Array(n);
  const d1 = new Float64Array(n);
  const d2 = new Float64Array(n);
  const dprNum = new Float64Array(n);
  const dprDen = new Float64Array(n);
  const count = new Float64Array(n);
  const degrees = 180 / Math.PI;
  const index = shells.index;
  for (let p = 0; p < points; p++) {
    const s = index[p]!;
    // An odd Nx puts the Nyquist planes of even y/z axes at round(Nx/2) > floor(Nx/2): past the output.
    if (s < 0 || s > last) continue;
    const re1 = spectrum1[2 * p]!;
    const im1 = spectrum1[2 * p + 1]!;
    const re2 = spectrum2[2 * p]!;
    const im2 = spectrum2[2 * p + 1]!;
    const p1 = re1 * re1 + im1 * im1;
    const p2 = re2 * re2 + im2 * im2;
    num[s]! += re1 * re2 + im1 * im2;
    d1[s]! += p1;
    d2[s]! += p2;
    count[s]!++;
    const weight = Math.sqrt(p1) + Math.sqrt(p2);
    let phase = (Math.atan2(im1, re1) - Math.atan2(im2, re2)) * degrees;
    phase -= 360 * Math.floor((phase + 180) / 360);
    dprNum[s]! += weight * phase * phase;
    dprDen[s]! += weight;
  }
  const out = last;
  const curves: FscCurves = {
    shell: new Int32Array(out),
    frequency: new Float64Array(out),
    fsc: new Float64Array(out),
    dpr: new Float64Array(out),
    noise: new Float64Array(out),
    count: new Float64Array(out),
  };
  for (let i = 1; i <= last; i++) {
    const k = i - 1;
    curves.shell[k] = i;
    curves.frequency[k] = i / (dims[0] * voxelSize);
    const denominator = Math.sqrt(d1[i]! * d2[i]!);
    curves.fsc[k] = denominator > 0 ? num[i]! / denominator : Number.NaN;
    curves.dpr[k] = dprDen[i]! > 0 ? Math.sqrt(dprNum[i]! / dprDen[i]!) : Number.NaN;
    curves.noise[k] = count[i]! > 0 ? 2 / Math.sqrt(count[i]!) : Number.NaN;
    curves.count[k] = count[i]!;
  }
  return curves;
}
