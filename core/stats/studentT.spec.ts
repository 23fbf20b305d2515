import { describe, expect, it } from 'vitest';
import { normalSf } from './normalCdf.js';
import { studentTCdf, studentTSf, studentTTwoSidedP } from './studentT.js';

describe('Student t distribution', () => {
  it('matches tabulated critical values', () => {
    // t-tables: t_{0.975, 10} = 2.228139, t_{0.995, 30} = 2.749996, t_{0.95, 5} = 2.015048
    expect(studentTTwoSidedP(2.228138852, 10)).toBeCloseTo(0.05, 9);
    expect(studentTTwoSidedP(2.228, 10)).toBeCloseTo(0.05, 3);
    expect(studentTTwoSidedP(2.749995654, 30)).toBeCloseTo(0.01, 9);
    expect(studentTSf(2.015048373, 5)).toBeCloseTo(0.05, 9);
    expect(studentTCdf(-2.015048373, 5)).toBeCloseTo(0.05, 9);
  });

  it('equals the closed forms for ν = 1, 2, 3, 4', () => {
    for (const t of [0.1, 0.7, 1, 3.5, 12, 250]) {
      // ν = 1 (Cauchy): F = ½ + atan(t)/π
      expect(studentTCdf(t, 1)).toBeCloseTo(0.5 + Math.atan(t) / Math.PI, 14);
      // ν = 2: F = ½ + t / (2√(2 + t²))
      expect(studentTCdf(-t, 2)).toBeCloseTo(0.5 - t / (2 * Math.sqrt(2 + t * t)), 14);
      // ν = 3: F = ½ + [t/(√3(1 + t²/3)) + atan(t/√3)]/π
      const f3 = 0.5 + (t / (Math.sqrt(3) * (1 + (t * t) / 3)) + Math.atan(t / Math.sqrt(3))) / Math.PI;
      expect(studentTCdf(t, 3)).toBeCloseTo(f3, 14);
      // ν = 4: P(|T| < t) = sinθ(1 + cos²θ/2), tanθ = t/2
      const th = Math.atan(t / 2);
      expect(1 - studentTTwoSidedP(t, 4)).toBeCloseTo(Math.sin(th) * (1 + Math.cos(th) ** 2 / 2), 14);
    }
    // Cauchy far tail keeps relative accuracy: P(T > 1e6) = atan(1e-6)/π
    expect(studentTSf(1e6, 1) / (Math.atan(1e-6) / Math.PI)).toBeCloseTo(1, 10);
  });

  it('tends to the normal for huge ν, with the first-order correction', () => {
    // P(|T| > t) ≈ 2Φ(−t) + φ(t)(t³ + t)/(2ν), error O(ν⁻²)
    for (const nu of [1e6, 1e8, 1e10]) {
      // the neglected O(ν⁻²) term grows like t⁸: skip t = 10 at ν = 1e6
      for (const t of nu > 1e6 ? [0.5, 2, 5, 10] : [0.5, 2, 5]) {
        const phi = Math.exp(-0.5 * t * t) / Math.sqrt(2 * Math.PI);
        const expected = 2 * normalSf(t) + (phi * (t ** 3 + t)) / (2 * nu);
        expect(studentTTwoSidedP(t, nu) / expected).toBeCloseTo(1, nu >= 1e8 ? 9 : 6);
      }
    }
    expect(studentTTwoSidedP(3, Infinity)).toBeCloseTo(2 * normalSf(3), 15);
  });

  it('handles the edges', () => {
    expect(studentTTwoSidedP(0, 7)).toBe(1);
    expect(studentTTwoSidedP(Infinity, 7)).toBe(0);
    expect(studentTCdf(-Infinity, 7)).toBe(0);
    expect(studentTCdf(1, 0)).toBeNaN();
    expect(studentTCdf(Number.NaN, 3)).toBeNaN();
  });
});
