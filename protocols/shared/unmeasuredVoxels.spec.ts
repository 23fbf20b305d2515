// Unmeasured voxels of a local map: which they are, what the section says, when the estimate
// stops counting. Phantom: a mask of 10 voxels, 6 of them left at 0 by the method.
import { describe, expect, it } from 'vitest';
import type { LocalResolutionSummary } from '../../core/index.js';
import { estimateWithCoverage, findUnmeasured, localResolutionReport, unmeasuredMetrics, unmeasuredSentence } from './localResolutionReport.js';

describe('findUnmeasured', () => {
  //            outside | mask: measured 4.0, 5.0, 6.0, 7.0; unmeasured (0) ×6 | outside
  const values = [9, 4, 5, 6, 7, 0, 0, 0, 0, 0, 0, 0];
  const mask = [0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0.2];

  it('marks mask voxels without a value 1 and measured 0; outside the mask 1 but not counted', () => {
    const u = findUnmeasured(values, mask);
    expect([u.voxels, u.maskVoxels]).toEqual([6, 10]);
    expect(Array.from(u.marks)).toEqual([1, 0, 0, 0, 0, 1, 1, 1, 1, 1, 1, 1]);
    expect(unmeasuredMetrics(u)).toEqual({ unmeasuredVoxels: 6, unmeasuredFraction: 0.6 });
  });

  it('takes another rule for what counts as measured (finite, for B-factor maps)', () => {
    const u = findUnmeasured([NaN, -50, 0, Infinity], [1, 1, 1, 1], Number.isFinite);
    expect([u.voxels, u.maskVoxels]).toEqual([2, 4]);
  });

  it('says how many and that they are left out', () => {
    expect(unmeasuredSentence({ voxels: 6, maskVoxels: 10 }, 'local resolution')).toBe(
      '6 of the 10 mask voxels (60.0%) have no measured local resolution: they are grey in the views and left out of the percentiles, the median and the histogram.',
    );
    expect(unmeasuredSentence({ voxels: 0, maskVoxels: 10 }, 'local B-factor')).toBe('Every one of the 10 mask voxels has a measured local B-factor.');
  });

  it('flags the estimate unreliable above half the mask (6/10), not at exactly half (5/10)', () => {
    const e = { method: 'MonoRes', value: 11.2 };
    expect(estimateWithCoverage(e, { voxels: 6, maskVoxels: 10 })).toEqual({
      ...e, reliable: false, unreliableReason: '60.0% of the mask voxels were not measured (more than half)',
    });
    expect(estimateWithCoverage(e, { voxels: 5, maskVoxels: 10 })).toEqual(e);
  });
});

describe('the local-resolution report with unmeasured voxels', () => {
  // The 4 measured values 4, 5, 6, 7: numpy-linear percentiles by hand, p50 = 5.5.
  const summary: LocalResolutionSummary = {
    voxels: 4, percentiles: { p2_5: 4.075, p25: 4.75, p50: 5.5, p75: 6.25, p97_5: 6.925 }, min: 4, max: 7, reportedResolutionPercentile: 25, homogeneous: false,
  };
  const report = localResolutionReport({
    resolution: 5, summary, values: [4, 5, 6, 7], views: null, threshold: undefined, estimateMethod: 'MonoRes median', unmeasured: { voxels: 6, maskVoxels: 10 },
  });

  it('states the count, computes over the measured voxels, and lists the estimate as unreliable', () => {
    expect(report.results[0]).toMatch(/^6 of the 10 mask voxels \(60\.0%\) have no measured local resolution/);
    expect(report.results[1]).toContain('over the 4 measured voxels inside the mask (unmeasured voxels left out)');
    expect(report.tables[0]!.caption).toBe('Percentiles of the local resolution over the 4 measured voxels inside the mask (the 60.0% unmeasured are left out).');
    expect(report.resolutionEstimates).toEqual([{ method: 'MonoRes median', value: 5.5, reliable: false, unreliableReason: '60.0% of the mask voxels were not measured (more than half)' }]);
    expect(report.results.at(-1)).toMatch(/summary lists it apart/);
  });
});
