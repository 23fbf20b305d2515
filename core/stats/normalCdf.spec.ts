import { describe, expect, it } from 'vitest';
import { erf, erfc, normalCdf, normalSf } from './normalCdf.js';

// Published values (Abramowitz & Stegun tables; NIST DLMF) to the digits given.
describe('normal CDF and erfc', () => {
  it('matches tabulated values', () => {
    expect(normalCdf(0)).toBe(0.5);
    expect(normalCdf(1)).toBeCloseTo(0.841344746068543, 14);
    expect(normalCdf(1.96)).toBeCloseTo(0.97500210485178, 13);
    expect(normalCdf(-1.644853626951472)).toBeCloseTo(0.05, 14);
    expect(erf(1)).toBeCloseTo(0.8427007929497149, 15);
    expect(erfc(3) / 2.209049699858544e-5).toBeCloseTo(1, 13);
  });

  it('keeps relative accuracy in the far tails (VRS background check: 2·Φ(−5))', () => {
    expect((2 * normalCdf(-5)) / 5.733031437583878e-7).toBeCloseTo(1, 9);
    expect(2 * normalCdf(-5)).toBeCloseTo(5.733031e-7, 12);
    expect(normalSf(8) / 6.220960574271785e-16).toBeCloseTo(1, 8);
    expect(normalCdf(-8)).toBe(normalSf(8));
    expect(normalCdf(-40)).toBeGreaterThanOrEqual(0);
    expect(normalCdf(40)).toBe(1);
  });
});
