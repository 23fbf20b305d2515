import { describe, expect, it } from 'vitest';
import { quantile, SeededRandom } from '../../stats/index.js';
import { selectInPlace, selectQuantile } from './selectQuantile.js';

describe('selectQuantile', () => {
  it('matches numpy.quantile by hand', () => {
    // sorted [1, 2, 3, 4]: h = 3·0.9 = 2.7 → 3 + 0.7·(4 − 3) = 3.7; h = 3·0.25 = 0.75 → 1.75.
    expect(selectQuantile(Float64Array.of(3, 1, 4, 2), 0.9)).toBeCloseTo(3.7, 14);
    expect(selectQuantile(Float64Array.of(3, 1, 4, 2), 0.25)).toBeCloseTo(1.75, 14);
    expect(selectQuantile(Float64Array.of(5), 0.9)).toBe(5);
    expect(selectQuantile(Float64Array.of(2, 9), 1)).toBe(9);
    expect(selectQuantile(Float64Array.of(2, 9), 0)).toBe(2);
    expect(selectQuantile(Float64Array.of(1, Number.NaN, 3), 0.5)).toBeNaN();
  });

  it('agrees exactly with the sorting quantile on random, tied and ordered data', () => {
    const rnd = new SeededRandom(11);
    const sets: Float64Array[] = [
      Float64Array.from({ length: 10_001 }, () => rnd.normal()),
      Float64Array.from({ length: 5000 }, () => Math.floor(rnd.next() * 7)),
      Float64Array.from({ length: 4096 }, (_, i) => i),
      Float64Array.from({ length: 4096 }, (_, i) => -i),
      new Float64Array(1000).fill(2.5),
    ];
    for (const values of sets) {
      for (const q of [0, 0.1, 0.25, 0.5, 0.9, 0.975, 1]) {
        expect(selectQuantile(values.slice(), q)).toBe(quantile(values, q));
      }
    }
  });

  it('partitions around the selected element', () => {
    const rnd = new SeededRandom(5);
    const a = Float64Array.from({ length: 999 }, () => Math.round(rnd.normal() * 10));
    const k = 321;
    const v = selectInPlace(a, k);
    for (let i = 0; i < k; i++) expect(a[i]!).toBeLessThanOrEqual(v);
    for (let i = k + 1; i < a.length; i++) expect(a[i]!).toBeGreaterThanOrEqual(v);
    expect(v).toBe(Float64Array.from(a).sort()[k]);
  });

  it('rejects an empty array and q outside [0, 1]', () => {
    expect(() => selectQuantile(new Float64Array(0), 0.5)).toThrow(RangeError);
    expect(() => selectQuantile(Float64Array.of(1), 1.5)).toThrow(RangeError);
  });
});

describe('selectQuantile on large arrays (bucketed)', () => {
  it('agrees exactly with sorting for smooth, skewed, tied and outlier-laden data', () => {
    const rnd = new SeededRandom(23);
    const n = 200_003;
    const sets: [string, Float64Array][] = [
      ['normal', Float64Array.from({ length: n }, () => rnd.normal())],
      ['lognormal', Float64Array.from({ length: n }, () => Math.exp(3 * rnd.normal()))],
      ['few values', Float64Array.from({ length: n }, () => Math.floor(rnd.next() * 5))],
      ['one outlier', Float64Array.from({ length: n }, (_, i) => (i === 77 ? 1e300 : rnd.next()))],
      ['constant', new Float64Array(n).fill(-1.5)],
    ];
    for (const [name, values] of sets) {
      for (const q of [0, 0.25, 0.5, 0.9, 0.999, 1]) {
        expect(selectQuantile(values.slice(), q), `${name} q=${q}`).toBe(quantile(values, q));
      }
    }
  });
});
