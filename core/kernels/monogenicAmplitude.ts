import { irfft3d } from '../fft/index.js';
import type { Vec3 } from '../volume/index.js';
import { halfSpectrumGrid } from './halfSpectrumGrid.js';

export type RieszAxis = 0 | 1 | 2;

/**
 * Spectrum of the Riesz (spiral) component along one axis: out = −i·(w_k/|w|)·F, 0 at DC
 * (algorithms §2.8 step 3, §3.5 step 6). Its inverse c2r FFT is the real map v_k.
 *
 * Nyquist: on the plane where axis k is at its Nyquist index (even n_k) the filter cannot be
 * Hermitian (+½ and −½ are the same bin), so no real map carries it; it is set to 0 there, which is
 * the real part of what numpy's complex `ifftn(Hk·F)` gives with either labelling of that bin. See
 * monogenicAmplitude's `nyquist` option for numpy's imaginary remainder.
 */
export function rieszComponentSpectrum(spectrum: Float64Array, dims: Vec3, axis: RieszAxis, out: Float64Array = new Float64Array(spectrum.length)): Float64Array {
  const { half, fx, fy, fz } = halfSpectrumGrid(dims);
  const [hx, ny, nz] = half;
  if (spectrum.length !== 2 * hx * ny * nz || out.length !== spectrum.length) {
    throw new RangeError(`rieszComponentSpectrum: expected half spectra of ${2 * hx * ny * nz} values for ${dims.join('×')}`);
  }
  const nyqIndex = dims[axis] % 2 === 0 ? dims[axis] / 2 : -1;
  let p = 0;
  for (let kz = 0; kz < nz; kz++) {
    const z2 = fz[kz]! * fz[kz]!;
    for (let ky = 0; ky < ny; ky++) {
      const yz2 = z2 + fy[ky]! * fy[ky]!;
      for (let kx = 0; kx < hx; kx++, p += 2) {
        const k = axis === 0 ? kx : axis === 1 ? ky : kz;
        const r2 = yz2 + fx[kx]! * fx[kx]!;
        if (r2 === 0 || k === nyqIndex) {
          out[p] = 0;
          out[p + 1] = 0;
          continue;
        }
        const h = (axis === 0 ? fx[kx]! : axis === 1 ? fy[ky]! : fz[kz]!) / Math.sqrt(r2);
        const re = spectrum[p]!;
        const im = spectrum[p + 1]!;
        // −i·h·(re + i·im) = h·im − i·h·re
        out[p] = h * im;
        out[p + 1] = -h * re;
      }
    }
  }
  return out;
}

export interface MonogenicOptions {
  /** Where to write A (length nx·ny·nz); a new Float64Array otherwise. */
  out?: Float32Array | Float64Array;
  /**
   * 'real' (default): A² = v0² + Σ v_k² with the real Riesz maps. 'numpy': also add, for each even
   * axis, the squared imaginary part that numpy's complex inverse leaves from the k-Nyquist plane
   * (UCM LocBFactor/LocOccupancy, algorithms §2.8); 3 more inverse FFTs.
   */
  nyquist?: 'real' | 'numpy';
  threads?: number;
}

/**
 * Monogenic amplitude A = √(v0² + vx² + vy² + vz²) of a (band-passed) half spectrum F, with
 * v0 = IFFT(F) and v_k = IFFT(−i·(w_k/|w|)·F) (numpy scaling: inverse ÷N). The four maps are never
 * held at once: squares are accumulated into one float64 buffer, with one spectrum-sized scratch.
 * F is not modified.
 */
export async function monogenicAmplitude(spectrum: Float64Array, dims: Vec3, opts: MonogenicOptions = {}): Promise<Float32Array | Float64Array> {
  const voxels = dims[0] * dims[1] * dims[2];
  if (opts.out && opts.out.length !== voxels) throw new RangeError(`monogenicAmplitude out has ${opts.out.length} values, expected ${voxels}`);
  const shared = typeof SharedArrayBuffer !== 'undefined';
  const alloc = (n: number) => (shared ? new Float64Array(new SharedArrayBuffer(8 * n)) : new Float64Array(n));
  const fftOpts = opts.threads === undefined ? {} : { threads: opts.threads };
  const scratch = alloc(spectrum.length);
  const real = alloc(voxels);
  const acc = opts.out instanceof Float64Array ? opts.out : new Float64Array(voxels);

  scratch.set(spectrum);
  await irfft3d(scratch, dims, { ...fftOpts, out: real, overwriteInput: true });
  for (let i = 0; i < voxels; i++) acc[i] = real[i]! * real[i]!;
  for (const axis of [0, 1, 2] as const) {
    rieszComponentSpectrum(spectrum, dims, axis, scratch);
    await irfft3d(scratch, dims, { ...fftOpts, out: real, overwriteInput: true });
    for (let i = 0; i < voxels; i++) acc[i]! += real[i]! * real[i]!;
    if (opts.nyquist === 'numpy' && dims[axis] % 2 === 0) {
      nyquistPlaneRemainder(spectrum, dims, axis, scratch);
      await irfft3d(scratch, dims, { ...fftOpts, out: real, overwriteInput: true });
      for (let i = 0; i < voxels; i++) acc[i]! += real[i]! * real[i]!;
    }
  }
  const out = opts.out ?? acc;
  for (let i = 0; i < voxels; i++) out[i] = Math.sqrt(acc[i]!);
  return out;
}

/**
 * numpy's Riesz filter on the k-Nyquist plane is ±i·(½/|w|)·F, anti-Hermitian: its inverse is
 * purely imaginary, i·u with u = IFFT((½/|w|)·F restricted to that plane). Writes that spectrum.
 */
function nyquistPlaneRemainder(spectrum: Float64Array, dims: Vec3, axis: RieszAxis, out: Float64Array): void {
  const { half, fx, fy, fz } = halfSpectrumGrid(dims);
  const [hx, ny, nz] = half;
  const nyq = dims[axis] / 2;
  let p = 0;
  for (let kz = 0; kz < nz; kz++) {
    for (let ky = 0; ky < ny; ky++) {
      for (let kx = 0; kx < hx; kx++, p += 2) {
        const k = axis === 0 ? kx : axis === 1 ? ky : kz;
        if (k !== nyq) {
          out[p] = 0;
          out[p + 1] = 0;
          continue;
        }
        const h = 0.5 / Math.sqrt(fx[kx]! ** 2 + fy[ky]! ** 2 + fz[kz]! ** 2);
        out[p] = h * spectrum[p]!;
        out[p + 1] = h * spectrum[p + 1]!;
      }
    }
  }
}
