import { describe, expect, it } from 'vitest';
import { monoDir } from './monoDir.js';
import { median, monoDirPhantom } from './testing.js';

describe('monoDir on regions of known resolution', () => {
  it('the direction-averaged resolution recovers each region (7.5 Å and 15 Å textures, 48³ voxels of 3 Å, within 15 %)', async () => {
    // Two spheres of texture with no signal beyond 1/7.5 and 1/15 Å⁻¹, white noise σ = 0.1
    // against unit-variance signal: each direction's sweep should stop at its region's band limit.
    const phantom = monoDirPhantom({
      n: 48, voxelSize: 3, noiseSd: 0.1,
      regions: [{ centre: [17, 24, 24], radius: 7, resolution: 7.5 }, { centre: [31, 24, 24], radius: 7, resolution: 15 }],
    });
    const result = await monoDir(phantom.map, phantom.mask, phantom.dims, { voxelSize: 3, threads: 2 });
    expect(result.directions).toHaveLength(46);
    expect(result.particleRadius).toBe(13);
    expect(result.usableRadius).toBe(17); // no cliff: 48/2 − 7
    const byRegion = (label: number) => {
      const values: number[] = [];
      result.maskIndex.forEach((p, m) => { if (phantom.labels[p] === label) values.push(result.meanDirectional[m]!); });
      return values;
    };
    const fine = median(byRegion(1));
    const coarse = median(byRegion(2));
    expect(Math.abs(fine - 7.5) / 7.5).toBeLessThan(0.15);
    expect(Math.abs(coarse - 15) / 15).toBeLessThan(0.15);
    // Summaries: the best direction is never worse than the worst, and every evaluated voxel
    // counts in the histogram at least once (its own best direction).
    for (let m = 0; m < result.maskIndex.length; m++) expect(result.summaries.highest[m]!).toBeLessThanOrEqual(result.summaries.lowest[m]!);
    const counted = result.summaries.histogram.reduce((a, b) => a + b, 0);
    expect(counted).toBeGreaterThanOrEqual(result.maskIndex.length);
  }, 60_000);
});
