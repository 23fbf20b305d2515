import { describe, expect, it } from 'vitest';
import { erfc, SeededRandom } from '../../stats/index.js';
import { weightedChiSquare } from './weightedChiSquare.js';

describe('weightedChiSquare (Ruben series)', () => {
  it('equal weights give the plain χ²: 2·χ²_4 has P(Q > x) = e^{−x/4}(1 + x/4)', () => {
    const d = weightedChiSquare([2, 2, 2, 2]);
    for (const x of [0.5, 3, 10, 40, 120]) {
      const expected = Math.exp(-x / 4) * (1 + x / 4);
      expect(d.survival(x) / expected).toBeCloseTo(1, 12);
    }
  });

  it('one weight: P(λχ²_1 > x) = erfc(√(x/2λ))', () => {
    const d = weightedChiSquare([0.7]);
    for (const x of [0.01, 0.7, 5, 20]) expect(d.survival(x) / erfc(Math.sqrt(x / 1.4))).toBeCloseTo(1, 10);
  });

  it('two distinct weights of two degrees each: the closed-form exponential mixture, far into the tail', () => {
    // λ1χ²_2 + λ2χ²_2 = sum of exponentials of means 2λ1, 2λ2 (hypoexponential law).
    const l1 = 1.3;
    const l2 = 0.4;
    const d = weightedChiSquare([l1, l2, l1, l2]);
    for (const x of [0.2, 2, 8, 30, 80]) {
      const expected = (l1 * Math.exp(-x / (2 * l1)) - l2 * Math.exp(-x / (2 * l2))) / (l1 - l2);
      expect(d.survival(x) / expected).toBeCloseTo(1, 10);
    }
    expect(d.survival(80)).toBeLessThan(1e-12);
  });

  it('sixteen unequal weights: agrees with a seeded Monte-Carlo estimate within its sampling error', () => {
    const weights = [1, 0.93, 0.8, 0.8, 0.66, 0.52, 0.5, 0.41, 0.33, 0.3, 0.27, 0.2, 0.18, 0.15, 0.12, 0.11];
    const d = weightedChiSquare(weights);
    const random = new SeededRandom(7);
    const samples = 200_000;
    const probes = [0.5, 0.1, 0.01].map((p) => d.quantile(p));
    const exceed = probes.map(() => 0);
    for (let s = 0; s < samples; s++) {
      let q = 0;
      for (const w of weights) {
        const z = random.normal();
        q += w * z * z;
      }
      probes.forEach((x, i) => {
        if (q > x) exceed[i]!++;
      });
    }
    [0.5, 0.1, 0.01].forEach((p, i) => {
      const observed = exceed[i]! / samples;
      const sd = Math.sqrt((p * (1 - p)) / samples);
      expect(Math.abs(observed - p)).toBeLessThan(5 * sd);
    });
    // The mean of the law is Σλ; its median lies below it for a right-skewed law.
    expect(d.quantile(0.5)).toBeLessThan(weights.reduce((t, w) => t + w, 0));
  });

  it('quantile inverts the survival function and the coefficients sum to one', () => {
    const d = weightedChiSquare([3, 1, 0.5, 0.31]);
    for (const p of [0.3, 0.05, 1e-4, 1e-9]) expect(d.survival(d.quantile(p)) / p).toBeCloseTo(1, 8);
    expect(d.coefficients.reduce((t, a) => t + a, 0)).toBeCloseTo(1, 13);
  });

  it('rejects non-positive weights', () => {
    expect(() => weightedChiSquare([1, 0])).toThrow(RangeError);
    expect(() => weightedChiSquare([])).toThrow(RangeError);
  });
});
