import { describe, expect, it } from 'vitest';
import { leastSquaresLine } from './leastSquaresLine.js';

describe('leastSquaresLine (Xmipp weighted formula)', () => {
  it('recovers an exact line', () => {
    const x = [0.001, 0.004, 0.01, 0.02];
    const fit = leastSquaresLine(x, x.map((v) => 3 * v - 2));
    expect(fit.slope).toBeCloseTo(3, 10);
    expect(fit.intercept).toBeCloseTo(-2, 12);
  });

  it('is ordinary least squares over the points of weight 1', () => {
    // (0,0), (1,1), (2,3): x̄ = 1, ȳ = 4/3, Σdx·dy = 3, Σdx² = 2 → slope 1.5, intercept −1/6.
    // The fourth point has weight 0 and must not count.
    const fit = leastSquaresLine([0, 1, 2, 9], [0, 1, 3, -50], [1, 1, 1, 0]);
    expect(fit.slope).toBeCloseTo(1.5, 14);
    expect(fit.intercept).toBeCloseTo(-1 / 6, 14);
  });

  it('refuses an undefined slope', () => {
    expect(() => leastSquaresLine([1, 1], [0, 2])).toThrow(RangeError);
    expect(() => leastSquaresLine([1, 2], [0, 2], [1, 0])).toThrow(RangeError);
  });
});
