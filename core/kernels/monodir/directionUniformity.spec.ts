import { describe, expect, it } from 'vitest';
import { directionUniformityTest, independentSamples, kolmogorovSurvival } from './directionUniformity.js';

describe('kolmogorovSurvival', () => {
  it('matches the tabulated Kolmogorov distribution (critical values 1.3581, 1.6276, 1.9495 for p = 0.05, 0.01, 0.001; P(K ≤ 1) = 0.7300)', () => {
    expect(kolmogorovSurvival(1.3581)).toBeCloseTo(0.05, 4);
    expect(kolmogorovSurvival(1.6276)).toBeCloseTo(0.01, 4);
    expect(kolmogorovSurvival(1.9495)).toBeCloseTo(0.001, 5);
    expect(1 - kolmogorovSurvival(1)).toBeCloseTo(0.73, 4);
    // Both series agree where they meet (x = 1 from either side).
    expect(kolmogorovSurvival(1 - 1e-12)).toBeCloseTo(kolmogorovSurvival(1), 10);
    expect(kolmogorovSurvival(0)).toBe(1);
    expect(kolmogorovSurvival(0.2)).toBeCloseTo(1, 10);
  });
});

describe('directionUniformityTest', () => {
  it('a flat histogram has D = 0 and p = 1', () => {
    const t = directionUniformityTest([5, 5, 5, 5]);
    expect(t.statistic).toBe(0);
    expect(t.pValue).toBe(1);
    expect(t.total).toBe(20);
    expect(t.bins).toBe(4);
  });

  it('all counts in one bin: D = 1 − 1/K (first bin) or 1 − 1/K at the bin before the last (last bin); p is vanishingly small', () => {
    // CDF (1, 1, 1, 1) against (¼, ½, ¾, 1): D = ¾.
    const first = directionUniformityTest([20, 0, 0, 0]);
    expect(first.statistic).toBeCloseTo(0.75, 15);
    expect(first.pValue).toBeLessThan(1e-300);
    // CDF (0, 0, 0, 1): D = ¾ at the third bin.
    const last = directionUniformityTest([0, 0, 0, 20]);
    expect(last.statistic).toBeCloseTo(0.75, 15);
    expect(last.pValue).toBeLessThan(1e-300);
  });

  it('D and p by hand: counts (60, 40) give D = 0.1; with n = 184.4356 (√n·D = 1.3581) p = 0.05', () => {
    const t = directionUniformityTest([60, 40], 1.3581 ** 2 * 100);
    expect(t.statistic).toBeCloseTo(0.1, 15);
    expect(t.pValue).toBeCloseTo(0.05, 4);
    // The default n = 50 000 (the original's draws): √50000·0.1 = 22.36 → p ≈ 2·exp(−1000).
    expect(directionUniformityTest([60, 40]).pValue).toBeLessThan(1e-300);
  });

  it('a 1 % tilt over 46 directions is accepted at n = 50 000, a 10 % one rejected (D by hand)', () => {
    // Counts 101 in the first 23 bins and 99 in the others (total 4600): the CDF gap peaks at
    // bin 22: 2323/4600 − 23/46 = 0.005 → √50000·0.005 = 1.118 → p ≈ 0.16.
    const mild = directionUniformityTest([...Array<number>(23).fill(101), ...Array<number>(23).fill(99)]);
    expect(mild.statistic).toBeCloseTo(0.005, 12);
    expect(mild.pValue).toBeGreaterThan(0.15);
    expect(mild.pValue).toBeLessThan(0.17);
    // 110 / 90: D = 2530/4600 − ½ = 0.05 → √50000·0.05 = 11.18 → p = 2·exp(−250) (later terms underflow).
    const strong = directionUniformityTest([...Array<number>(23).fill(110), ...Array<number>(23).fill(90)]);
    expect(strong.statistic).toBeCloseTo(0.05, 12);
    expect(strong.pValue / (2 * Math.exp(-2 * 50000 * 0.05 ** 2))).toBeCloseTo(1, 9);
  });

  it('refuses empty or invalid histograms', () => {
    expect(() => directionUniformityTest([])).toThrow(/no bins/);
    expect(() => directionUniformityTest([0, 0])).toThrow(/empty/);
    expect(() => directionUniformityTest([1, -1])).toThrow(/count 1/);
  });
});

describe('independentSamples', () => {
  it('mask volume over (d/2)³: 8000 voxels of 1 Å at 4 Å resolution → 1000; never above the voxel count', () => {
    expect(independentSamples(8000, 1, 4)).toBeCloseTo(1000, 9);
    expect(independentSamples(100, 2, 3)).toBe(100);
    expect(() => independentSamples(0, 1, 4)).toThrow(RangeError);
  });
});
