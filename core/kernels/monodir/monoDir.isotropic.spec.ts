import { describe, expect, it } from 'vitest';
import { directionUniformityTest, independentSamples } from './directionUniformity.js';
import { monoDir } from './monoDir.js';
import { directionMeans, median, monoDirPhantom } from './testing.js';

describe('monoDir with isotropic noise', () => {
  it('no direction stands out and the uniformity test does not reject', async () => {
    // The same sphere of 7 Å texture as the cone test, with white noise only.
    const phantom = monoDirPhantom({ n: 48, voxelSize: 3, noiseSd: 0.1, regions: [{ centre: [24, 24, 24], radius: 12, resolution: 7 }] });
    const result = await monoDir(phantom.map, phantom.mask, phantom.dims, { voxelSize: 3, threads: 2 });
    const means = directionMeans(result.directional, result.directions.length);
    const near = means.filter((_, d) => result.directions[d]!.tilt < 25);
    const far = means.filter((_, d) => result.directions[d]!.tilt > 55);
    const avg = (v: number[]) => v.reduce((a, b) => a + b, 0) / v.length;
    expect(Math.abs(avg(near) - avg(far))).toBeLessThan(1);
    let sum = 0;
    for (const v of result.meanDirectional) sum += v;
    const meanResolution = sum / result.meanDirectional.length;
    // Region core: band limit 7 Å, but the texture's raised-cosine roll-off (0.06 cycles/voxel
    // wide) halves its amplitude at 7.5 Å; the sweep tests 7.58 and 7.20 Å there.
    const core: number[] = [];
    result.maskIndex.forEach((p, m) => { if (phantom.labels[p] === 1) core.push(result.meanDirectional[m]!); });
    expect(median(core)).toBeGreaterThan(7);
    expect(median(core)).toBeLessThan(8.75);
    const n = independentSamples(result.maskIndex.length, 3, meanResolution);
    expect(directionUniformityTest(result.summaries.histogram, n).pValue).toBeGreaterThan(0.001);
  }, 60_000);
});
