import { describe, expect, it } from 'vitest';
import { oneSampleTTest } from './oneSampleTTest.js';

describe('oneSampleTTest', () => {
  it('matches a hand computation', () => {
    // [1..5] vs μ₀ = 2: mean 3, s = √2.5, t = 1/(√2.5/√5) = √2, ν = 4.
    // ν = 4: P(|T| < t) = sinθ(1 + cos²θ/2), tanθ = t/2 = 1/√2 → sinθ = 1/√3, cos²θ = 2/3
    // → p = 1 − (4/3)/√3 = 0.2301996...
    const r = oneSampleTTest([1, 2, 3, 4, 5], 2);
    expect(r.t).toBeCloseTo(Math.SQRT2, 14);
    expect(r.dof).toBe(4);
    expect(r.p).toBeCloseTo(1 - 4 / (3 * Math.sqrt(3)), 14);
    expect(r.sd).toBeCloseTo(Math.sqrt(2.5), 14);
  });

  it('accepts a summary and agrees with the values form', () => {
    const fromSummary = oneSampleTTest({ mean: 3, sd: Math.sqrt(2.5), n: 5 }, 2);
    expect(fromSummary.t).toBeCloseTo(Math.SQRT2, 14);
    // Large n: mean 0.001, sd 1, n = 1e8 → t = 10; p = 2Φ(−10) + φ(10)·(10³ + 10)/(2ν)
    // = 1.5239706048e-23 + 3.8858e-28 = 1.5240094630e-23 (first-order expansion, error O(ν⁻²))
    const big = oneSampleTTest({ mean: 0.001, sd: 1, n: 1e8 });
    expect(big.t).toBeCloseTo(10, 10);
    expect(big.p / 1.524009463e-23).toBeCloseTo(1, 8);
  });

  it('gives ±Infinity and p = 0 for constant non-zero samples, rejects n < 2', () => {
    const r = oneSampleTTest([2, 2, 2]);
    expect(r.t).toBe(Infinity);
    expect(r.p).toBe(0);
    expect(() => oneSampleTTest([1])).toThrow(RangeError);
  });
});
