import { describe, expect, it } from 'vitest';
import { directionUniformityTest, independentSamples } from './directionUniformity.js';
import { monoDir } from './monoDir.js';
import { directionMeans, monoDirPhantom, zConeNoise } from './testing.js';

describe('monoDir with noise in a cone of directions', () => {
  it('resolution along z (the noisy cone) is worse than across it, and the preferred directions are not uniform', async () => {
    // One sphere of 7 Å texture at the box centre; the half maps' noise is 8× stronger at
    // frequencies within 30° of z. Directions within ~15° of z see that noise through their 15°
    // Fourier cone, directions beyond 45° do not.
    const phantom = monoDirPhantom({ n: 48, voxelSize: 3, noiseSd: 0.1, noiseFilter: zConeNoise(30, 8), regions: [{ centre: [24, 24, 24], radius: 12, resolution: 7 }] });
    const result = await monoDir(phantom.map, phantom.mask, phantom.dims, { voxelSize: 3, threads: 2 });
    const means = directionMeans(result.directional, result.directions.length);
    const near = means.filter((_, d) => result.directions[d]!.tilt < 25);
    const far = means.filter((_, d) => result.directions[d]!.tilt > 55);
    const avg = (v: number[]) => v.reduce((a, b) => a + b, 0) / v.length;
    expect(near.length).toBe(6); // the pole and its five 21° neighbours
    expect(Math.min(...near)).toBeGreaterThan(Math.max(...far));
    expect(avg(near) - avg(far)).toBeGreaterThan(2);
    // The z-ward directions are rarely any voxel's best: the histogram leans to the others.
    const h = result.summaries.histogram;
    const share = (pick: (tilt: number) => boolean) => result.directions.reduce((s, d, k) => s + (pick(d.tilt) ? h[k]! : 0), 0) / result.directions.filter((d) => pick(d.tilt)).length;
    expect(share((t) => t < 25)).toBeLessThan(0.5 * share((t) => t > 55));
    let sum = 0;
    for (const v of result.meanDirectional) sum += v;
    const n = independentSamples(result.maskIndex.length, 3, sum / result.meanDirectional.length);
    expect(directionUniformityTest(h, n).pValue).toBeLessThan(0.001);
  }, 60_000);
});
