import { rfft3d } from '../../fft/index.js';
import type { Vec3 } from '../../volume/index.js';

/** The radially averaged amplitude signal-to-noise ratio of two half maps. */
export interface SsnrCurve {
  /** Radius bins k = 0 … ceil(Nx/2) − 1 (k < Nx/2, as the original; bin 0 is the DC point). */
  radius: Int32Array;
  /** k/(Nx·Ts) in 1/Å: the physical frequency of the bin (the original's axis k·2·Ts/Nx is bug B10). */
  frequency: Float64Array;
  /** Mean over the bin's Fourier points of |F(S)|/|F(N)|; Infinity or NaN where the noise amplitude is 0. */
  ratio: Float64Array;
  /** log10(ratio − 1): NaN where ratio < 1, −Infinity where ratio = 1. */
  logSsnr: Float64Array;
  /** Full-grid Fourier points in each bin. */
  count: Float64Array;
}

/**
 * The factor by which the original service's SSNR frequency axis, k·2·Ts/N, differs from the
 * physical one, k/(N·Ts): 2·Ts². Its SSNR "resolution" is the true one divided by this factor.
 */
export function originalSsnrAxisFactor(voxelSize: number): number {
  return 2 * voxelSize * voxelSize;
}

/**
 * SSNR of two half maps as the original service computes it in Python (algorithms §3.1): signal
 * S = (H1+H2)/2, noise N = (H1−H2)/2, the ratio of Fourier amplitudes |F(S)|/|F(N)| per point of
 * the fftshifted full grid, averaged in integer radius bins floor(distance to the centre N//2), and
 * log10(ratio − 1) for bins k < N/2. F(S) and F(N) are (F1 ± F2)/2 by linearity, so the two half
 * spectra suffice; each half-spectrum point stands for itself and its Hermitian partner (same
 * ratio, same distance), so it is weighted 2 except on the x = 0 and x = Nyquist planes, which
 * hold their own partners: the bin means are those of the full grid.
 *
 * On a box that is not a cube, distances along y and z are scaled by Nx/Ny and Nx/Nz (the radius is
 * |w|·Nx in digital frequency, as the FSC shells), so bin k is the frequency k/(Nx·Ts) in every
 * direction; on a cube this is the original's integer-voxel distance exactly.
 */
export async function spectralSignalToNoise(half1: Float32Array | Float64Array, half2: Float32Array | Float64Array, dims: Vec3, voxelSize: number): Promise<SsnrCurve> {
  const spectrum1 = await rfft3d(half1, dims);
  const spectrum2 = await rfft3d(half2, dims);
  return ssnrFromSpectra(spectrum1, spectrum2, dims, voxelSize);
}

/** SSNR from the two half spectra (core/fft rfft3d layout). */
export function ssnrFromSpectra(spectrum1: Float64Array, spectrum2: Float64Array, dims: Vec3, voxelSize: number): SsnrCurve {
  if (!(voxelSize > 0)) throw new RangeError(`spectralSignalToNoise: voxel size must be positive, got ${voxelSize}`);
  const [nx, ny, nz] = dims;
  const hx = Math.floor(nx / 2) + 1;
  if (spectrum1.length !== 2 * hx * ny * nz || spectrum2.length !== spectrum1.length) {
    throw new RangeError(`spectralSignalToNoise: spectra of ${spectrum1.length / 2} and ${spectrum2.length / 2} points for a ${dims.join('×')} grid (${hx * ny * nz} expected)`);
  }
  const bins = Math.ceil(nx / 2);
  const sum = new Float64Array(bins);
  const count = new Float64Array(bins);
  // Offset of index i from the fftshift centre N//2: i for i < N − N//2, else i − N.
  const shifted = (i: number, n: number) => (i < n - Math.floor(n / 2) ? i : i - n);
  const y2 = Float64Array.from({ length: ny }, (_, i) => (shifted(i, ny) * nx / ny) ** 2);
  const z2 = Float64Array.from({ length: nz }, (_, i) => (shifted(i, nz) * nx / nz) ** 2);
  const evenNyquist = nx % 2 === 0 ? nx / 2 : -1;
  let p = 0;
  for (let kz = 0; kz < nz; kz++) {
    for (let ky = 0; ky < ny; ky++) {
      const yz = z2[kz]! + y2[ky]!;
      for (let kx = 0; kx < hx; kx++, p++) {
        const sx = shifted(kx, nx);
        const bin = Math.floor(Math.sqrt(sx * sx + yz));
        if (bin >= bins) continue;
        const re1 = spectrum1[2 * p]!;
        const im1 = spectrum1[2 * p + 1]!;
        const re2 = spectrum2[2 * p]!;
        const im2 = spectrum2[2 * p + 1]!;
        const sr = re1 + re2;
        const si = im1 + im2;
        const nr = re1 - re2;
        const ni = im1 - im2;
        // |F(S)|/|F(N)| (the factors ½ cancel); x/0 and 0/0 give Infinity and NaN, as numpy's.
        const ratio = Math.sqrt((sr * sr + si * si) / (nr * nr + ni * ni));
        const weight = kx === 0 || kx === evenNyquist ? 1 : 2;
        sum[bin]! += weight * ratio;
        count[bin]! += weight;
      }
    }
  }
  const curve: SsnrCurve = {
    radius: new Int32Array(bins),
    frequency: new Float64Array(bins),
    ratio: new Float64Array(bins),
    logSsnr: new Float64Array(bins),
    count,
  };
  for (let k = 0; k < bins; k++) {
    curve.radius[k] = k;
    curve.frequency[k] = k / (nx * voxelSize);
    curve.ratio[k] = count[k]! > 0 ? sum[k]! / count[k]! : Number.NaN;
    curve.logSsnr[k] = Math.log10(curve.ratio[k]! - 1);
  }
  return curve;
}
