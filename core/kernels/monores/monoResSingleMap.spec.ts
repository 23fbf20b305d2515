import { beforeAll, describe, expect, it } from 'vitest';
import { percentile } from '../../stats/index.js';
import { MonoResFailure, monoResSingleMap, type MonoResResult } from './monoResSingleMap.js';
import { resolutionSweep } from './resolutionSweep.js';
import { blobPhantom, type LocalResolutionPhantom } from './testing.js';

/**
 * The interval a band-limited blob's MonoRes resolution must fall in, from the construction: a
 * voxel can pass at sweep frequency f only while the high-pass tail [f − 0.02, f] overlaps the
 * blob's band [0, fc] (fc = Ts/R), so the finest possible value is the sweep resolution with the
 * largest f < fc + 0.02; it passes at every f ≤ fc (signal ≫ noise), so the coarsest possible
 * value is the finest sweep resolution ≥ R.
 */
function expectedInterval(sweep: { resolution: number; frequency: number }[], voxelSize: number, resolution: number): [number, number] {
  const fc = voxelSize / resolution;
  const finest = Math.min(...sweep.filter((s) => s.frequency < fc + 0.02).map((s) => s.resolution));
  const coarsest = Math.min(...sweep.filter((s) => s.resolution >= resolution - 1e-9).map((s) => s.resolution));
  return [finest, coarsest];
}

function coreValues(values: Float32Array, cores: Uint8Array, core: number): number[] {
  const out: number[] = [];
  for (let i = 0; i < values.length; i++) if (cores[i] === core) out.push(values[i]!);
  return out;
}

describe('monoResSingleMap on blobs of known local resolution', () => {
  const voxelSize = 1;
  const resolutions = [4, 8];
  let phantom: LocalResolutionPhantom;
  let result: MonoResResult;
  beforeAll(async () => {
    phantom = await blobPhantom({
      n: 64, voxelSize, noise: 0.1, blobs: [
        { centre: [19, 32, 32], radius: 10, resolution: resolutions[0]! },
        { centre: [45, 32, 32], radius: 10, resolution: resolutions[1]! },
      ],
    });
    result = await monoResSingleMap(phantom.map, phantom.mask, phantom.dims, { voxelSize, maxResolution: 12, threads: 1 });
  });

  it('gives each blob core its resolution, within the sweep quantisation and the 0.02 high-pass tail', () => {
    const sweep = resolutionSweep({ voxelSize, boxSize: 64, maxResolution: 12, minResolution: 2, step: 0.5 });
    for (const [b, resolution] of resolutions.entries()) {
      const [finest, coarsest] = expectedInterval(sweep, voxelSize, resolution);
      const raw = percentile(coreValues(result.rawResolution, phantom.cores, b + 1), 50);
      const final = percentile(coreValues(result.resolution, phantom.cores, b + 1), 50);
      expect(raw, `blob ${resolution} Å raw`).toBeGreaterThanOrEqual(finest - 1e-6);
      expect(raw, `blob ${resolution} Å raw`).toBeLessThanOrEqual(coarsest + 1e-6);
      expect(sweep.some((s) => Math.abs(s.resolution - raw) < 1e-6), 'raw values are sweep resolutions').toBe(true);
      // Smoothing never makes a voxel worse; within a core it barely changes the median.
      expect(final, `blob ${resolution} Å final`).toBeGreaterThanOrEqual(finest - 0.25);
      expect(final, `blob ${resolution} Å final`).toBeLessThanOrEqual(coarsest + 1e-6);
    }
    for (let i = 0; i < result.resolution.length; i++) {
      if (result.mask[i]) expect(result.resolution[i]).toBeLessThanOrEqual(result.rawResolution[i]! + 1e-6);
    }
  });

  it('reports the sweep it ran, the regions it used and why it stopped', () => {
    const sweep = resolutionSweep({ voxelSize, boxSize: 64, maxResolution: 12, minResolution: 2, step: 0.5 });
    expect(result.frequencies.map((f) => f.fourierIndex)).toEqual(sweep.slice(0, result.frequencies.length).map((s) => s.fourierIndex));
    expect(result.maskVoxels).toBe(phantom.mask.reduce((a, v) => a + v, 0));
    // Noise everywhere: no cliff inside the box, the limit is n/2.
    expect(result.cliffRadius).toBe(32);
    expect(result.evaluatedVoxels).toBeLessThanOrEqual(result.maskVoxels);
    expect(result.evaluatedVoxels).toBeGreaterThan(0.95 * result.maskVoxels);
    expect(['mask-completed', 'not-significant', 'end-of-sweep']).toContain(result.stopReason);
    const first = result.frequencies[0]!;
    expect(first.activeVoxels).toBe(result.evaluatedVoxels);
    expect(first.threshold).toBeGreaterThan(first.meanNoise);
  });

  it('gives the same map with worker threads', async () => {
    const threaded = await monoResSingleMap(phantom.map, phantom.mask, phantom.dims, { voxelSize, maxResolution: 12, threads: 2 });
    let differ = 0;
    for (let i = 0; i < threaded.rawResolution.length; i++) if (threaded.rawResolution[i] !== result.rawResolution[i]) differ++;
    expect(differ).toBe(0);
  });
});

describe('monoResSingleMap failures', () => {
  const n = 24;
  const noise = Float32Array.from({ length: n ** 3 }, (_, i) => Math.sin(i * 12.9898) * 43758.5453 % 1);
  const ball = Uint8Array.from({ length: n ** 3 }, (_, i) => {
    const x = i % n, y = Math.floor(i / n) % n, z = Math.floor(i / n / n);
    return (x - 12) ** 2 + (y - 12) ** 2 + (z - 12) ** 2 < 25 ? 1 : 0;
  });
  const run = (map: Float32Array, mask: Uint8Array) => monoResSingleMap(map, mask, [n, n, n], { voxelSize: 1, maxResolution: 8, threads: 1 });

  it('refuses an empty mask, a constant map, a non-finite voxel and a mask with no background', async () => {
    await expect(run(noise, new Uint8Array(n ** 3))).rejects.toThrow(/mask is empty/);
    await expect(run(new Float32Array(n ** 3).fill(2), ball)).rejects.toThrow(/constant/);
    const withNaN = Float32Array.from(noise);
    withNaN[100] = NaN;
    await expect(run(withNaN, ball)).rejects.toThrow(/non-finite/);
    await expect(run(noise, new Uint8Array(n ** 3).fill(1))).rejects.toThrow(MonoResFailure);
    await expect(run(noise, new Uint8Array(n ** 3).fill(1))).rejects.toThrow(/no background/);
  });
});
