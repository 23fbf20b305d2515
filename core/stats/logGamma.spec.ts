import { describe, expect, it } from 'vitest';
import { logBeta, logGamma } from './logGamma.js';

describe('logGamma / logBeta', () => {
  it('matches factorials and Γ(½) = √π', () => {
    expect(logGamma(0.5)).toBeCloseTo(0.5 * Math.log(Math.PI), 14);
    expect(logGamma(5)).toBeCloseTo(Math.log(24), 14);
    let lf = 0;
    for (let k = 2; k < 30; k++) lf += Math.log(k);
    expect(logGamma(30)).toBeCloseTo(lf, 12); // ln 29!
  });

  it('keeps precision for huge arguments', () => {
    // B(a, 1) = 1/a exactly
    expect(logBeta(1e8, 1)).toBeCloseTo(-Math.log(1e8), 13);
    expect(logBeta(12.5, 1)).toBeCloseTo(-Math.log(12.5), 13);
    // B(a, ½) = √(π/a)·(1 + 1/(8a) + O(a⁻²)); at a = 5e7 the O(a⁻²) term is < 1e-16
    const a = 5e7;
    expect(logBeta(a, 0.5)).toBeCloseTo(0.5 * Math.log(Math.PI / a) + Math.log1p(1 / (8 * a)), 13);
    // B(3, 4) = 2!·3!/6! = 1/60
    expect(logBeta(3, 4)).toBeCloseTo(-Math.log(60), 14);
    // B(20, 30) = 19!·29!/49! (both large: Stirling branch)
    let l = 0;
    for (let k = 2; k <= 19; k++) l += Math.log(k);
    for (let k = 2; k <= 29; k++) l += Math.log(k);
    for (let k = 2; k <= 49; k++) l -= Math.log(k);
    expect(logBeta(20, 30)).toBeCloseTo(l, 11);
  });
});
