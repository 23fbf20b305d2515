import { describe, expect, it } from 'vitest';
import { histogram } from './histogram.js';

describe('histogram (numpy rules)', () => {
  it('closes only the last bin', () => {
    const h = histogram([0, 1, 2, 3, 4], 4);
    expect(Array.from(h.edges)).toEqual([0, 1, 2, 3, 4]);
    expect(Array.from(h.counts)).toEqual([1, 1, 1, 2]);
  });

  it('ignores values outside an explicit range and NaN', () => {
    const h = histogram([-1, 0.5, 0.5, 1.5, 2, 3, Number.NaN], 2, [0, 2]);
    expect(Array.from(h.counts)).toEqual([2, 2]);
  });

  it('widens an empty span by ±0.5 like numpy', () => {
    const h = histogram([5, 5], 2);
    expect(Array.from(h.edges)).toEqual([4.5, 5, 5.5]);
    expect(Array.from(h.counts)).toEqual([0, 2]);
  });

  it('puts a value equal to an inner edge in the bin that starts there', () => {
    // edges of 10 bins over [0, 1] are k·0.1 (computed as 0 + k·0.1, like numpy's linspace)
    const h = histogram([0.3, 0.6, 0.7], 10, [0, 1]);
    const idx = (v: number) => Array.from(h.edges).findIndex((e, k) => v >= e && v < h.edges[k + 1]!);
    expect(h.counts[idx(0.3)]).toBe(1);
    expect(h.counts[idx(0.6)]).toBe(1);
    expect(h.counts[idx(0.7)]).toBe(1);
    expect(h.counts.reduce((a, b) => a + b, 0)).toBe(3);
  });

  it('defaults to 25 bins', () => {
    expect(histogram([0, 1]).counts.length).toBe(25);
  });
});
