import { describe, expect, it } from 'vitest';
import { localOccupancyWarnings } from '../loc-occupancy/occupancyCriteria.js';
import { localBFactorWarnings } from './bFactorCriteria.js';

const p = (p2_5: number, p25: number, p50: number, p75: number, p97_5: number) => ({ p2_5, p25, p50, p75, p97_5 });

describe('0.f and 0.g criteria', () => {
  it('reproduce the example reports’ verdicts (vrs-spec §20)', () => {
    // 0.f: one warning each (median out of [−300, 0]); 0.g: OK each.
    expect(localBFactorWarnings(p(-5648.61, -3537.89, -2721.81, -1928.38, 383.21))).toEqual(['The median B-factor (-2721.81 Å²) is out of the interval [-300, 0] Å².']);
    expect(localBFactorWarnings(p(-511.3, -385.9, -320.15, -259.04, -143.67))).toEqual(['The median B-factor (-320.15 Å²) is out of the interval [-300, 0] Å².']);
    expect(localBFactorWarnings(p(-589.86, -466.02, -402.97, -341.3, -211.94))).toHaveLength(1);
    expect(localOccupancyWarnings(p(0, 0.5, 1, 1, 1))).toEqual([]);
    expect(localOccupancyWarnings(p(0.29, 0.57, 0.71, 0.86, 1))).toEqual([]);
    expect(localOccupancyWarnings(p(0.2, 0.6, 0.8, 1, 1))).toEqual([]);
  });

  it('have closed bounds and strict homogeneity guards', () => {
    expect(localBFactorWarnings(p(-500, -400, -300, -200, -100))).toEqual([]);
    expect(localBFactorWarnings(p(-50, -20, 0, 10, 30))).toEqual([]);
    expect(localBFactorWarnings(p(-100, -100, -100, -100, -99.995))[0]).toMatch(/too homogeneous/);
    expect(localBFactorWarnings(p(-100, -100, -100, -100, -99.99))).toEqual([]);
    expect(localOccupancyWarnings(p(0.2, 0.4, 0.5, 0.8, 1))).toEqual([]);
    expect(localOccupancyWarnings(p(0.1, 0.3, 0.45, 0.8, 1))).toEqual(['The median occupancy (0.45) is below 50%.']);
    const homogeneous = localOccupancyWarnings(p(0.7, 0.75, 0.75, 0.75, 0.75));
    expect(homogeneous).toHaveLength(1);
    expect(homogeneous[0]).toMatch(/too homogeneous/);
  });
});
