import { describe, expect, it } from 'vitest';
import { SeededRandom } from '../../stats/index.js';
import { fitNoiseRamp, resmapPreWhitening, shiftedCoordinates, sphericalAverageOfNormalisedPower } from './resmapPreWhitening.js';
import { irfft3dSync, rfft3dSync } from '../../fft/index.js';

/** Full complex DFT by the definition (numpy fftn sign and scaling), [z][y][x] with x fastest. */
function naiveDft(data: ArrayLike<number>, n: number): { re: Float64Array; im: Float64Array } {
  const re = new Float64Array(n ** 3);
  const im = new Float64Array(n ** 3);
  for (let kz = 0; kz < n; kz++) for (let ky = 0; ky < n; ky++) for (let kx = 0; kx < n; kx++) {
    let sr = 0;
    let si = 0;
    for (let z = 0; z < n; z++) for (let y = 0; y < n; y++) for (let x = 0; x < n; x++) {
      const phase = (-2 * Math.PI * (kx * x + ky * y + kz * z)) / n;
      const v = data[x + n * (y + n * z)]!;
      sr += v * Math.cos(phase);
      si += v * Math.sin(phase);
    }
    re[kx + n * (ky + n * kz)] = sr;
    im[kx + n * (ky + n * kz)] = si;
  }
  return { re, im };
}

/** Real part of the inverse DFT (1/N scaling). */
function naiveInverseReal(re: Float64Array, im: Float64Array, n: number): Float64Array {
  const out = new Float64Array(n ** 3);
  for (let z = 0; z < n; z++) for (let y = 0; y < n; y++) for (let x = 0; x < n; x++) {
    let s = 0;
    for (let kz = 0; kz < n; kz++) for (let ky = 0; ky < n; ky++) for (let kx = 0; kx < n; kx++) {
      const phase = (2 * Math.PI * (kx * x + ky * y + kz * z)) / n;
      const k = kx + n * (ky + n * kz);
      s += re[k]! * Math.cos(phase) - im[k]! * Math.sin(phase);
    }
    out[x + n * (y + n * z)] = s / n ** 3;
  }
  return out;
}

/**
 * ResMap's radius on the fft-shifted grid rebuilt from numpy's definitions: fftshift rolls by n//2,
 * so shifted position i holds frequency index (i − n//2) mod n; mgrid[−n/2 : n/2 : n·1j] under
 * Python 2 integer division is linspace(floor(−n/2), floor(n/2), n).
 */
function resmapCoordinates(n: number): Float64Array {
  const lo = Math.floor(-n / 2);
  const hi = Math.floor(n / 2);
  const grid = Array.from({ length: n }, (_, i) => lo + (i * (hi - lo)) / (n - 1));
  const coordinateOf = new Float64Array(n);
  for (let i = 0; i < n; i++) coordinateOf[(((i - Math.floor(n / 2)) % n) + n) % n] = grid[i]!;
  return coordinateOf;
}
function resmapRadius(n: number): (kx: number, ky: number, kz: number) => number {
  const c = resmapCoordinates(n);
  return (kx, ky, kz) => Math.hypot(c[kx]!, c[ky]!, c[kz]!);
}

describe('resmapPreWhitening', () => {
  it('ResMap coordinates: shifted mgrid positions of the unshifted indices', () => {
    const r10 = resmapCoordinates(10);
    const c10 = shiftedCoordinates(10);
    for (let j = 0; j < 10; j++) expect(c10[j]).toBeCloseTo(r10[j]!, 12);
    // DC sits at shifted position 5 of linspace(−5, 5, 10): 5·10/9 − 5.
    expect(c10[0]).toBeCloseTo(50 / 9 - 5, 12);
    const c9 = shiftedCoordinates(9);
    // n = 9: linspace(−5, 4, 9) (Python 2: −9/2 = −5), DC at position 4 → −5 + 4·9/8.
    expect(c9[0]).toBeCloseTo(-5 + 4.5, 12);
  });

  for (const [n, elbow] of [[12, 8], [13, 10]] as const) {
    it(`noise spectrum and filtered maps equal a DFT by the definition, digitize by its definition, the real part of IDFT(H·F) (n = ${n})`, () => {
      const random = new SeededRandom(n);
      const average = new Float64Array(n ** 3).map(() => random.normal());
      const difference = new Float64Array(n ** 3).map(() => 0.5 * random.normal());
      // Ts = 1: bin j is at 2(nbins − 1)/j Å; the elbow (8 Å for n = 12, 5 bins; 10 Å for n = 13,
      // 6 bins) is bin 1, leaving 3 and 4 bins of weight 1 for the three coefficients.
      const out = resmapPreWhitening(average, difference, [n, n, n], 1, { elbowAngstrom: elbow });
      expect(out.elbowIndex).toBe(1);

      const radius = resmapRadius(n);
      const dftD = naiveDft(difference, n);
      const mag = Array.from(dftD.re, (r, k) => Math.hypot(r, dftD.im[k]!));
      const min = Math.min(...mag);
      const max = Math.max(...mag.map((a) => a - min));
      const nbins = n === 12 ? 5 : 6; // numpy.round(5.0) = 5, numpy.round(5.5) = 6 (half to even)
      const edges = Array.from({ length: nbins }, (_, j) => (j * nbins) / (nbins - 1));
      const sums = new Array(nbins).fill(0);
      const counts = new Array(nbins).fill(0);
      for (let kz = 0; kz < n; kz++) for (let ky = 0; ky < n; ky++) for (let kx = 0; kx < n; kx++) {
        const r = Math.fround(radius(kx, ky, kz));
        const bin = edges.filter((e) => e <= r).length;
        const a = (mag[kx + n * (ky + n * kz)]! - min) / max;
        sums[bin - 1] += a * a;
        counts[bin - 1]++;
      }
      expect(out.bins).toBe(nbins);
      for (let b = 0; b < nbins; b++) expect(out.noiseSpectrum[b]! / (sums[b] / counts[b] + 1e-10)).toBeCloseTo(1, 10);

      const [c0, c1, c2] = out.coefficients;
      const filter = (r: number) => {
        const R = Math.min(Math.max(r, out.startIndex), out.bins);
        return Math.exp(-(c0 + c1 * R + c2 * R * R));
      };
      for (const [input, whitened] of [[average, out.average], [difference, out.difference]] as const) {
        const { re, im } = naiveDft(input, n);
        for (let kz = 0; kz < n; kz++) for (let ky = 0; ky < n; ky++) for (let kx = 0; kx < n; kx++) {
          const k = kx + n * (ky + n * kz);
          const h = filter(radius(kx, ky, kz));
          re[k]! *= h;
          im[k]! *= h;
        }
        const expected = naiveInverseReal(re, im, n);
        for (let i = 0; i < expected.length; i++) expect(whitened[i]).toBeCloseTo(expected[i]!, 4);
      }
    });
  }

  it('the ramp fit recovers an exact quadratic log-amplitude; elbow and start indices by hand', () => {
    // 31 bins at Ts = 1: bin j is at 1/(0.5·j/30) = 60/j Å; elbow 10 Å → j = 6; 10.5 Å → j = 6 too.
    const spectrum = Array.from({ length: 31 }, (_, j) => Math.exp(2 * (0.3 - 0.05 * (j + 1) + 0.002 * (j + 1) ** 2)));
    const fit = fitNoiseRamp(spectrum, 1, 10);
    expect(fit.elbowIndex).toBe(6);
    expect(fit.startIndex).toBe(6);
    expect(fit.coefficients[0]).toBeCloseTo(0.3, 9);
    expect(fit.coefficients[1]).toBeCloseTo(-0.05, 10);
    expect(fit.coefficients[2]).toBeCloseTo(0.002, 11);
  });

  it('coloured noise comes out flatter: the power ratio between high and middle frequencies moves towards 1', () => {
    const n = 48;
    const random = new SeededRandom(17);
    const white = new Float64Array(n ** 3).map(() => random.normal());
    // Noise whose amplitude grows with frequency, as in the synthetic level-1 halves.
    const spectrum = rfft3dSync(white, [n, n, n]);
    const half = n / 2 + 1;
    let p = 0;
    for (let kz = 0; kz < n; kz++) for (let ky = 0; ky < n; ky++) for (let kx = 0; kx < half; kx++, p++) {
      const f = Math.hypot(kx, Math.min(ky, n - ky), Math.min(kz, n - kz)) / n;
      const g = Math.sqrt(0.05 + (f / 0.1) ** 2);
      spectrum[2 * p]! *= g;
      spectrum[2 * p + 1]! *= g;
    }
    const coloured = Float64Array.from(spectrumToReal(spectrum, n));
    const out = resmapPreWhitening(coloured, coloured, [n, n, n], 1, { elbowAngstrom: 10 });
    const bandRatio = (v: ArrayLike<number>) => {
      const s = rfft3dSync(Float64Array.from(v), [n, n, n]);
      let hi = 0;
      let mid = 0;
      let q = 0;
      for (let kz = 0; kz < n; kz++) for (let ky = 0; ky < n; ky++) for (let kx = 0; kx < half; kx++, q++) {
        const f = Math.hypot(kx, Math.min(ky, n - ky), Math.min(kz, n - kz)) / n;
        const power = s[2 * q]! ** 2 + s[2 * q + 1]! ** 2;
        if (f > 0.4 && f < 0.45) hi += power;
        if (f > 0.15 && f < 0.2) mid += power;
      }
      return hi / mid;
    };
    const before = bandRatio(coloured);
    const after = bandRatio(out.difference);
    // Shell volumes grow as f²: per Fourier voxel the ratio before is (0.05 + 4.25²·…)/… ≈ 5; after whitening ≈ 1.
    expect(before / ((0.45 ** 3 - 0.4 ** 3) / (0.2 ** 3 - 0.15 ** 3))).toBeGreaterThan(4);
    expect(after / ((0.45 ** 3 - 0.4 ** 3) / (0.2 ** 3 - 0.15 ** 3))).toBeGreaterThan(0.6);
    expect(after / ((0.45 ** 3 - 0.4 ** 3) / (0.2 ** 3 - 0.15 ** 3))).toBeLessThan(1.6);
  });

  it('refuses a non-cubic box', () => {
    const v = new Float64Array(8 * 8 * 9);
    expect(() => resmapPreWhitening(v, v, [8, 8, 9], 1)).toThrow(/cubic/);
  });
});

function spectrumToReal(spectrum: Float64Array, n: number): Float64Array {
  return irfft3dSync(spectrum, [n, n, n]);
}
