import { describe, expect, it } from 'vitest';
import { firstCrossing } from './firstCrossing.js';

describe('firstCrossing', () => {
  const x = [0.01, 0.02, 0.03, 0.04, 0.05];
  it('interpolates x linearly between the points around the first value below the threshold', () => {
    // y falls from 0.5 at x=0.03 to 0.1 at x=0.04: 0.143 lies at 0.03 + 0.01·(0.357/0.4).
    expect(firstCrossing(x, [1, 0.9, 0.5, 0.1, 0], 0.143)).toBeCloseTo(0.03 + 0.01 * (0.357 / 0.4), 12);
  });
  it("finds the first value above the threshold in 'greater' mode", () => {
    expect(firstCrossing(x, [10, 50, 90, 110, 120], 103.9, 'greater')).toBeCloseTo(0.03 + 0.01 * (13.9 / 20), 12);
  });
  it('rejects a crossing at index 0 or 1 and a curve that never crosses', () => {
    expect(firstCrossing(x, [0.1, 0.9, 0.9, 0.9, 0.9], 0.143)).toBeNull();
    expect(firstCrossing(x, [1, 0.1, 0.9, 0.9, 0.9], 0.143)).toBeNull();
    expect(firstCrossing(x, [1, 0.9, 0.8, 0.7, 0.6], 0.143)).toBeNull();
  });
  it('never crosses at a non-finite value, and takes the crossing point itself when the one before it is not finite', () => {
    expect(firstCrossing(x, [2, 1, Number.NaN, -1, -2], 0)).toBe(0.04);
  });
});
