import { describe, expect, it } from 'vitest';
import { summarizeLocalResolution } from './summarizeLocalResolution.js';

describe('summarizeLocalResolution', () => {
  it('takes numpy-linear percentiles of the positive values and the percentile of the reported resolution (by hand)', () => {
    // R = [1, 2, 3, 4, 5]: p2.5 at h = 4·0.025 = 0.1 → 1.1; p25 → 2; p50 → 3; p75 → 4; p97.5 at h = 3.9 → 4.9.
    const s = summarizeLocalResolution([0, 3, 1, 5, 0, 2, 4], { reportedResolution: 3.5 })!;
    expect(s.voxels).toBe(5);
    expect(s.percentiles.p2_5).toBeCloseTo(1.1, 12);
    expect(s.percentiles.p25).toBe(2);
    expect(s.percentiles.p50).toBe(3);
    expect(s.percentiles.p75).toBe(4);
    expect(s.percentiles.p97_5).toBeCloseTo(4.9, 12);
    // 3 of 5 values are strictly below 3.5 Å.
    expect(s.reportedResolutionPercentile).toBe(60);
    expect([s.min, s.max]).toEqual([1, 5]);
    expect(s.homogeneous).toBe(false);
  });

  it('restricts to the mask, counts values equal to the reported one as not better, and flags homogeneous output', () => {
    const s = summarizeLocalResolution([4, 4, 4, 9], { mask: [1, 1, 1, 0], reportedResolution: 4 })!;
    expect(s.voxels).toBe(3);
    expect(s.reportedResolutionPercentile).toBe(0);
    expect(s.homogeneous).toBe(true);
    expect(summarizeLocalResolution([4, 4.005], {})!.homogeneous).toBe(true);
    expect(summarizeLocalResolution([4, 4.02], {})!.homogeneous).toBe(false);
  });

  it('gives null without values and no reported percentile without a reported resolution', () => {
    expect(summarizeLocalResolution([0, 0], {})).toBeNull();
    expect(summarizeLocalResolution([1, 2], {})!.reportedResolutionPercentile).toBeNull();
  });
});
