import { describe, expect, it } from 'vitest';
import { computeMapStatistics, replaceNonFinite, scanNonFinite } from './mapStatistics.js';

describe('computeMapStatistics', () => {
  it('gives min, max, mean and population std of a hand-computed set', () => {
    // 2, 4, 4, 4, 5, 5, 7, 9: mean 5, squared deviations sum 32, population variance 4.
    const s = computeMapStatistics(new Float32Array([2, 4, 4, 4, 5, 5, 7, 9]));
    expect(s).toEqual({ min: 2, max: 9, mean: 5, rms: 2 });
  });

  it('keeps precision when the mean dwarfs the spread', () => {
    // 10001 and 9999 alternating: mean 10000, std exactly 1; Σv²/n − mean² would lose ~8 digits in float32.
    const data = new Float32Array(1_000_000);
    for (let i = 0; i < data.length; i++) data[i] = i % 2 ? 10001 : 9999;
    const s = computeMapStatistics(data);
    expect(s.mean).toBe(10000);
    expect(Math.abs(s.rms - 1)).toBeLessThan(1e-12);
  });

  it('finds and replaces non-finite values', () => {
    const data = new Float32Array([1, Number.NaN, 2, Number.NEGATIVE_INFINITY, 3]);
    expect(scanNonFinite(data)).toEqual({ count: 2, firstIndex: 1 });
    expect(replaceNonFinite(data, 0)).toBe(2);
    expect(Array.from(data)).toEqual([1, 0, 2, 0, 3]);
    expect(scanNonFinite(data)).toEqual({ count: 0, firstIndex: -1 });
  });
});
