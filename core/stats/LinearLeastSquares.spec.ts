import { describe, expect, it } from 'vitest';
import { LinearLeastSquares } from './LinearLeastSquares.js';

describe('LinearLeastSquares', () => {
  it('recovers an exact quadratic', () => {
    const xs = [-2, -1, 0, 0.5, 1, 3];
    const lsq = new LinearLeastSquares(xs.map((x) => [1, x, x * x]));
    const c = lsq.solve(xs.map((x) => 0.5 - 2 * x + 0.25 * x * x));
    expect(c[0]).toBeCloseTo(0.5, 12);
    expect(c[1]).toBeCloseTo(-2, 12);
    expect(c[2]).toBeCloseTo(0.25, 12);
  });

  it('gives the OLS line of the hand example, through its pseudo-inverse rows too', () => {
    // (0,0), (1,1), (2,3) → intercept −1/6, slope 1.5
    const lsq = new LinearLeastSquares([[1, 0], [1, 1], [1, 2]]);
    const y = [0, 1, 3];
    const c = lsq.solve(y);
    expect(c[0]).toBeCloseTo(-1 / 6, 14);
    expect(c[1]).toBeCloseTo(1.5, 14);
    const slope = y.reduce((s, v, j) => s + lsq.pseudoInverse[1 * 3 + j]! * v, 0);
    expect(slope).toBeCloseTo(1.5, 14);
  });

  it('rejects rank-deficient or underdetermined designs', () => {
    expect(() => new LinearLeastSquares([[1, 2], [2, 4], [3, 6]])).toThrow(RangeError);
    expect(() => new LinearLeastSquares([[1, 2, 3]])).toThrow(RangeError);
  });
});
