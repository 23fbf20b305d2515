import { describe, expect, it } from 'vitest';
import { percentile, percentiles, quantile, quantiles } from './quantile.js';

// Expected values by hand with numpy's linear rule: h = (n − 1)·q, interpolate between order statistics.
describe('quantile / percentile (numpy linear)', () => {
  it('interpolates between order statistics', () => {
    expect(quantile([1, 2, 3, 4], 0.25)).toBeCloseTo(1.75, 15); // h = 0.75
    expect(quantile([4, 1, 3, 2], 0.5)).toBeCloseTo(2.5, 15); // unsorted input, h = 1.5
    expect(quantile([1, 2, 3, 4], 0)).toBe(1);
    expect(quantile([1, 2, 3, 4], 1)).toBe(4);
    expect(percentile([1, 2, 3, 4], 25)).toBeCloseTo(1.75, 15);
  });

  it('gives the report percentiles of 1..10', () => {
    const v = Float32Array.from({ length: 10 }, (_, i) => 10 - i);
    // h = 9·p/100: 2.5 → 0.225, 25 → 2.25, 50 → 4.5, 75 → 6.75, 97.5 → 8.775
    const p = percentiles(v, [2.5, 25, 50, 75, 97.5]);
    [1.225, 3.25, 5.5, 7.75, 9.775].forEach((e, i) => expect(p[i]).toBeCloseTo(e, 12));
    expect(quantiles(v, [0.025, 0.975])).toEqual([p[0], p[4]]);
  });

  it('does not modify its input, returns NaN when a NaN is present, rejects bad q', () => {
    const v = new Float64Array([3, 1, 2]);
    expect(quantile(v, 0.5)).toBe(2);
    expect(Array.from(v)).toEqual([3, 1, 2]);
    expect(quantile([1, Number.NaN, 3], 0.5)).toBeNaN();
    expect(() => quantile([], 0.5)).toThrow(RangeError);
    expect(() => quantile([1], 1.5)).toThrow(RangeError);
    expect(() => percentile([1], -1)).toThrow(RangeError);
    expect(quantile([7], 0.3)).toBe(7);
  });
});
