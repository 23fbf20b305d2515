import { irfft3dSync, rfft3dSync } from '../../fft/index.js';
import type { Vec3 } from '../../volume/index.js';

/**
 * ResMap's split-volume pre-whitening for boxes up to 160 voxels (ResMap 1.1.x, `preWhitenCube` on
 * the whole volume, defaults of the command-line run: elbow max(10 Å, 2.1·Ts), ramp weight 1):
 * 1. the noise spectrum: spherical average of the normalised |FFT|² of the half-map difference,
 *    ((|F| − min)/max)², in ResMap's radial bins (below);
 * 2. a quadratic in the bin number fitted to log √spectrum by weighted least squares, weight 1 from
 *    the elbow to Nyquist and ½ over the 5 % before it (ResMap's 0-based elbow index compared with
 *    1-based bin numbers, kept as is);
 * 3. the filter exp(−(c₀ + c₁R + c₂R²)) with R the radius clamped to [start index, number of bins],
 *    applied to the spectra of the half-map average and difference; the real part of the inverse
 *    transform is kept.
 * The radius is ResMap's: numpy mgrid coordinates from ⌊−n/2⌋ to ⌊n/2⌋ in n steps (not integers:
 * step n/(n−1)) on the fft-shifted grid. Its bins are the intervals between n/2 − 1 edges spread
 * evenly over [0, n/2 − 1], the last bin taking every radius beyond. Because that radius is not
 * symmetric under k → −k, keeping the real part equals applying the filter's symmetric part
 * (H(k) + H(−k))/2, which is what is done here on the half spectrum.
 */
export interface PreWhiteningResult {
  average: Float32Array;
  difference: Float32Array;
  /** Coefficients c₀, c₁, c₂ of the fitted log-amplitude of the noise (in bin numbers). */
  coefficients: [number, number, number];
  elbowAngstrom: number;
  /** 0-based elbow and start indices of ResMap's fit, and its number of radial bins. */
  elbowIndex: number;
  startIndex: number;
  bins: number;
  /** The spherically averaged normalised noise power (ResMap's dataBGSpect). */
  noiseSpectrum: Float64Array;
}

export function resmapPreWhitening(
  average: Float32Array | Float64Array, difference: Float32Array | Float64Array, dims: Vec3, voxelSize: number,
  opts: { elbowAngstrom?: number; rampWeight?: number } = {},
): PreWhiteningResult {
  const n = dims[0];
  if (dims[1] !== n || dims[2] !== n) throw new RangeError(`resmapPreWhitening: ResMap's pre-whitening needs a cubic box, got ${dims.join('×')}`);
  if (n < 8) throw new RangeError(`resmapPreWhitening: box of ${n} voxels is too small`);
  const elbowAngstrom = opts.elbowAngstrom ?? Math.max(10, 2.1 * voxelSize);
  const rampWeight = opts.rampWeight ?? 1;
  const coordinate = shiftedCoordinates(n);
  const half = Math.floor(n / 2) + 1;

  const noiseSpectrumHalf = rfft3dSync(difference, dims);
  const noiseSpectrum = sphericalAverageOfNormalisedPower(noiseSpectrumHalf, n, coordinate);
  const bins = noiseSpectrum.length;
  const { coefficients, elbowIndex, startIndex } = fitNoiseRamp(noiseSpectrum, voxelSize, elbowAngstrom);
  const filterAt = (r: number): number => {
    const clamped = Math.min(Math.max(r, startIndex), bins);
    return Math.exp(-rampWeight * (coefficients[0] + coefficients[1] * clamped + coefficients[2] * clamped * clamped));
  };
  const c2 = coordinate.map((c) => c * c);
  const mirror = (j: number) => (n - j) % n;
  const apply = (spectrum: Float64Array): Float32Array => {
    let p = 0;
    for (let kz = 0; kz < n; kz++) {
      for (let ky = 0; ky < n; ky++) {
        for (let kx = 0; kx < half; kx++, p++) {
          const h = 0.5 * (filterAt(Math.sqrt(c2[kx]! + c2[ky]! + c2[kz]!)) + filterAt(Math.sqrt(c2[mirror(kx)]! + c2[mirror(ky)]! + c2[mirror(kz)]!)));
          spectrum[2 * p]! *= h;
          spectrum[2 * p + 1]! *= h;
        }
      }
    }
    return Float32Array.from(irfft3dSync(spectrum, dims));
  };
  const whitenedDifference = apply(noiseSpectrumHalf);
  const whitenedAverage = apply(rfft3dSync(average, dims));
  return { average: whitenedAverage, difference: whitenedDifference, coefficients, elbowAngstrom, elbowIndex, startIndex, bins, noiseSpectrum };
}

/**
 * ResMap's radial coordinate of unshifted frequency index j along an axis of n: the fft-shifted
 * position i = (j + ⌊n/2⌋) mod n on numpy's mgrid[⌊−n/2⌋ : ⌊n/2⌋ : n points] (Python 2 integer division).
 */
export function shiftedCoordinates(n: number): Float64Array {
  const lo = Math.floor(-n / 2);
  const hi = Math.floor(n / 2);
  const step = (hi - lo) / (n - 1);
  const out = new Float64Array(n);
  for (let j = 0; j < n; j++) out[j] = lo + ((j + Math.floor(n / 2)) % n) * step;
  return out;
}

/**
 * ResMap's calculatePowerSpectrum + sphericalAverage on a half spectrum: the full grid's |F| is
 * normalised to (|F| − min)/max(|F| − min) and its square averaged in bins 1 … nbins
 * (nbins = round(n/2 − 1); edges linspace(0, nbins, nbins); numpy digitize), plus 1e-10.
 */
export function sphericalAverageOfNormalisedPower(spectrum: Float64Array, n: number, coordinate: Float64Array): Float64Array {
  const half = Math.floor(n / 2) + 1;
  let min = Infinity;
  let max = -Infinity;
  for (let p = 0; p < spectrum.length / 2; p++) {
    const a = Math.hypot(spectrum[2 * p]!, spectrum[2 * p + 1]!);
    if (a < min) min = a;
    if (a > max) max = a;
  }
  const range = max - min;
  const nbins = roundHalfEven(n / 2 - 1);
  const edgeStep = nbins / (nbins - 1);
  const sums = new Float64Array(nbins);
  const counts = new Float64Array(nbins);
  for (let kz = 0; kz < n; kz++) {
    for (let ky = 0; ky < n; ky++) {
      for (let kx = 0; kx < n; kx++) {
        // Hermitian symmetry: the full-grid point (kx, ky, kz) has the magnitude of its mirror in the half spectrum.
        const inHalf = kx < half;
        const hx = inHalf ? kx : n - kx;
        const hy = inHalf ? ky : (n - ky) % n;
        const hz = inHalf ? kz : (n - kz) % n;
        const p = hx + half * (hy + n * hz);
        const a = (Math.hypot(spectrum[2 * p]!, spectrum[2 * p + 1]!) - min) / range;
        const r = Math.fround(Math.sqrt(coordinate[kx]! ** 2 + coordinate[ky]! ** 2 + coordinate[kz]! ** 2));
        // digitize: the number of edges ≤ r, between 1 and nbins.
        const bin = Math.min(nbins, Math.floor(r / edgeStep) + 1);
        sums[bin - 1]! += a * a;
        counts[bin - 1]!++;
      }
    }
  }
  const out = new Float64Array(nbins);
  for (let b = 0; b < nbins; b++) out[b] = sums[b]! / counts[b]! + 1e-10;
  return out;
}

/** numpy.round: halves go to the even neighbour. */
function roundHalfEven(x: number): number {
  const f = Math.floor(x);
  const d = x - f;
  if (d > 0.5) return f + 1;
  if (d < 0.5) return f;
  return f % 2 === 0 ? f : f + 1;
}

/** ResMap's createPreWhiteningFilter fit: numpy polyfit(x, log √spectrum, 2, w) with its weights. */
export function fitNoiseRamp(spectrum: ArrayLike<number>, voxelSize: number, elbowAngstrom: number): { coefficients: [number, number, number]; elbowIndex: number; startIndex: number } {
  const length = spectrum.length;
  const nyquistFrequency = 1 / voxelSize / 2;
  const resolutionAt = (j: number) => 1 / (nyquistFrequency * (1e-10 + ((1 - 1e-10) * j) / (length - 1)));
  const argmin = (target: number) => {
    let best = 0;
    for (let j = 1; j < length; j++) if ((resolutionAt(j) - target) ** 2 < (resolutionAt(best) - target) ** 2) best = j;
    return best;
  };
  const elbowIndex = argmin(elbowAngstrom);
  const startIndex = argmin(1.05 * elbowAngstrom);
  // Weighted normal equations of Σ (w·(y − c₀ − c₁x − c₂x²))².
  const m = new Float64Array(9);
  const b = new Float64Array(3);
  for (let j = 0; j < length; j++) {
    const x = j + 1;
    const w = (x > elbowIndex && x < length ? 1 : 0) + (x > startIndex && x <= elbowIndex ? 0.5 : 0);
    if (w === 0) continue;
    const y = Math.log(Math.sqrt(spectrum[j]!));
    const powers = [1, x, x * x];
    for (let r = 0; r < 3; r++) {
      b[r]! += w * w * powers[r]! * y;
      for (let c = 0; c < 3; c++) m[3 * r + c]! += w * w * powers[r]! * powers[c]!;
    }
  }
  return { coefficients: solve3(m, b), elbowIndex, startIndex };
}

function solve3(m: Float64Array, b: Float64Array): [number, number, number] {
  const det = (a: ArrayLike<number>) =>
    a[0]! * (a[4]! * a[8]! - a[5]! * a[7]!) - a[1]! * (a[3]! * a[8]! - a[5]! * a[6]!) + a[2]! * (a[3]! * a[7]! - a[4]! * a[6]!);
  const d = det(m);
  if (!(Math.abs(d) > 0)) throw new RangeError('resmapPreWhitening: the noise spectrum fit is singular (too few bins beyond the elbow)');
  const out: number[] = [];
  for (let k = 0; k < 3; k++) {
    const mk = Float64Array.from(m);
    for (let r = 0; r < 3; r++) mk[3 * r + k] = b[r]!;
    out.push(det(mk) / d);
  }
  return [out[0]!, out[1]!, out[2]!];
}
