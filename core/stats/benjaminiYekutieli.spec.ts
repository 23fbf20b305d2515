import { describe, expect, it } from 'vitest';
import { benjaminiYekutieli } from './benjaminiYekutieli.js';

describe('benjaminiYekutieli', () => {
  it('adjusts a small list by hand: m·c(m)·p_(k)/k, running minimum from the top, input order kept', () => {
    // m = 4, c(4) = 1 + 1/2 + 1/3 + 1/4 = 25/12, m·c = 25/3.
    // Sorted: 0.001 (k=1) → 25/3·0.001 = 0.0083333; 0.02 (k=2) → 25/3·0.01 = 0.083333;
    // 0.03 (k=3) → 25/3·0.01 = 0.083333; 0.5 (k=4) → 25/3·0.125 = 1.0417 → 1.
    const q = benjaminiYekutieli([0.02, 0.001, 0.5, 0.03]);
    expect(Array.from(q)).toEqual([expect.closeTo(1 / 12, 14), expect.closeTo(1 / 120, 14), 1, expect.closeTo(1 / 12, 14)]);
  });

  it('takes the minimum over larger p-values (monotone q)', () => {
    // m = 2, c = 3/2, m·c = 3: raw 3·0.03/1 = 0.09 for the smaller, 3·0.04/2 = 0.06 for the larger;
    // the smaller p cannot get a larger q: both 0.06.
    expect(Array.from(benjaminiYekutieli([0.04, 0.03]))).toEqual([expect.closeTo(0.06, 14), expect.closeTo(0.06, 14)]);
    // R: p.adjust(c(0.01, 0.02, 0.03, 0.04, 0.05), "BY") = 0.1141667 each (m·c = 5·137/60 = 137/12).
    for (const v of benjaminiYekutieli([0.01, 0.02, 0.03, 0.04, 0.05])) expect(v).toBeCloseTo(137 / 1200, 14);
  });

  it('keeps zeros at zero, ties equal, and rejects p-values outside [0, 1]', () => {
    const q = benjaminiYekutieli([0, 0.2, 0, 0.2]);
    expect(q[0]).toBe(0);
    expect(q[2]).toBe(0);
    expect(q[1]).toBe(q[3]);
    expect(benjaminiYekutieli([])).toHaveLength(0);
    expect(() => benjaminiYekutieli([0.1, Number.NaN])).toThrow(RangeError);
    expect(() => benjaminiYekutieli([1.5])).toThrow(RangeError);
  });
});
