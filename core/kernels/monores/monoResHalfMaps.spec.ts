import { beforeAll, describe, expect, it } from 'vitest';
import { halfMapPair, regionalResolutionPhantom, type ResolutionRegion } from '../../phantom/index.js';
import { percentile } from '../../stats/index.js';
import { Volume, type Vec3 } from '../../volume/index.js';
import { monoResHalfMaps, type MonoResHalfMapsResult } from './monoResHalfMaps.js';
import { MonoResFailure } from './monoResSingleMap.js';
import { resolutionSweep } from './resolutionSweep.js';

/**
 * The interval a region's MonoRes resolution must fall in, from the construction: the region has
 * no signal above fc = Ts/R (its raised-cosine roll-off runs from fc − 0.02 to fc, digital), so a
 * voxel can pass at sweep frequency f only while the high-pass tail [f − 0.02, f] reaches below
 * fc — the finest possible value is the sweep resolution with the largest f < fc + 0.02; while
 * f ≤ fc − 0.02 the high-pass keeps the region's full-strength band [f, fc − 0.02] and, with the
 * signal well above the noise, the voxel passes — the coarsest possible value is the finest sweep
 * resolution at or below that frequency.
 */
function expectedInterval(sweep: { resolution: number; frequency: number }[], voxelSize: number, resolution: number): [number, number] {
  const fc = voxelSize / resolution;
  const finest = Math.min(...sweep.filter((s) => s.frequency < fc + 0.02).map((s) => s.resolution));
  const coarsest = Math.min(...sweep.filter((s) => s.frequency <= fc - 0.02 + 1e-12).map((s) => s.resolution));
  return [finest, coarsest];
}

const n = 64;
const dims: Vec3 = [n, n, n];
const grid = { dims, voxelSize: [1, 1, 1] as Vec3, origin: [0, 0, 0] as Vec3 };

describe('monoResHalfMaps on regions of known local resolution', () => {
  const regions: ResolutionRegion[] = [
    { centre: [19, 32, 32], radius: 12, resolution: 4 },
    { centre: [45, 32, 32], radius: 12, resolution: 8 },
  ];
  // The inner cores, 6 voxels about each centre: 6 voxels from the 3-voxel fade of the region's
  // edge, whose sharp window puts some power above fc, and from the other region.
  const inner = Uint8Array.from({ length: n ** 3 }, (_, i) => {
    const x = i % n, y = Math.floor(i / n) % n, z = Math.floor(i / n / n);
    const k = regions.findIndex((r) => Math.hypot(x - r.centre[0], y - r.centre[1], z - r.centre[2]) <= 6);
    return k + 1;
  });
  let mask: Uint8Array;
  let result: MonoResHalfMapsResult;
  beforeAll(async () => {
    const phantom = regionalResolutionPhantom(dims, 1, regions, { seed: 31 });
    mask = phantom.mask;
    const { half1, half2 } = halfMapPair(phantom.signal, { seed: 32, noiseSd: 0.5 });
    result = await monoResHalfMaps(half1.data as Float32Array, half2.data as Float32Array, mask, dims, { voxelSize: 1, maxResolution: 12, threads: 1 });
  });

  it('gives each region core its resolution, within the sweep quantisation and the 0.02 high-pass tail', () => {
    const sweep = resolutionSweep({ voxelSize: 1, boxSize: n, maxResolution: 12, minResolution: 2, step: 0.5 });
    for (const [k, region] of regions.entries()) {
      const [finest, coarsest] = expectedInterval(sweep, 1, region.resolution);
      const core = (values: Float32Array) => percentile(Array.from(values).filter((_, i) => inner[i] === k + 1), 50);
      const raw = core(result.rawResolution);
      const final = core(result.resolution);
      expect(raw, `${region.resolution} Å raw`).toBeGreaterThanOrEqual(finest - 1e-6);
      expect(raw, `${region.resolution} Å raw`).toBeLessThanOrEqual(coarsest + 1e-6);
      expect(final, `${region.resolution} Å final`).toBeGreaterThanOrEqual(finest - 0.25);
      expect(final, `${region.resolution} Å final`).toBeLessThanOrEqual(coarsest + 1e-6);
    }
  });

  it('takes the noise from the halves inside the mask: every mask voxel is evaluated and is noise', () => {
    const maskVoxels = mask.reduce((a, v) => a + v, 0);
    expect(result.maskVoxels).toBe(maskVoxels);
    // White noise everywhere: no cliff, nothing beyond n/2 = 32 is in the regions.
    expect(result.cliffRadius).toBe(32);
    expect(result.evaluatedVoxels).toBe(maskVoxels);
    expect(result.noiseVoxels).toBe(maskVoxels);
    expect(result.frequencies[0]!.noiseVoxels).toBe(maskVoxels);
    for (let i = 0; i < mask.length; i++) if (!mask[i]) expect(result.resolution[i]).toBe(0);
  });
});

describe('monoResHalfMaps on noise alone', () => {
  it('finds nothing, or only the coarsest resolution of the sweep', async () => {
    const empty = new Volume(new Float32Array(n ** 3), grid);
    const { half1, half2 } = halfMapPair(empty, { seed: 41, noiseSd: 1 });
    const ball = Uint8Array.from({ length: n ** 3 }, (_, i) => (Math.hypot((i % n) - 32, (Math.floor(i / n) % n) - 32, Math.floor(i / n / n) - 32) < 14 ? 1 : 0));
    const sweep = resolutionSweep({ voxelSize: 1, boxSize: n, maxResolution: 12, minResolution: 2, step: 0.5 });
    let result: MonoResHalfMapsResult;
    try {
      result = await monoResHalfMaps(half1.data as Float32Array, half2.data as Float32Array, ball, dims, { voxelSize: 1, maxResolution: 12, threads: 1 });
    } catch (error) {
      expect(error).toBeInstanceOf(MonoResFailure);
      return;
    }
    // The mean and the difference of the halves are the same kind of noise: about 5 % of the
    // voxels pass each frequency by chance, every other voxel finishes at the second failure with
    // the first resolution of the sweep (two steps back from the start), the coarsest there is.
    const coarsest = sweep[0]!.resolution;
    const raw = Array.from(result.rawResolution).filter((v) => v > 0);
    const atCoarsest = raw.filter((v) => Math.abs(v - coarsest) < 1e-4).length;
    expect(atCoarsest / result.evaluatedVoxels).toBeGreaterThan(0.9);
    // Smoothing may only lower a value towards its neighbours': the median stays coarse.
    expect(percentile(Array.from(result.resolution).filter((v) => v > 0), 50)).toBeGreaterThanOrEqual(sweep[1]!.resolution);
    expect(result.frequencies[0]!.passed / result.evaluatedVoxels).toBeLessThan(0.1);
  });
});

describe('monoResHalfMaps input checks', () => {
  const small = 24;
  const d: Vec3 = [small, small, small];
  const noise = Float32Array.from({ length: small ** 3 }, (_, i) => (Math.sin(i * 12.9898) * 43758.5453) % 1);
  const other = Float32Array.from({ length: small ** 3 }, (_, i) => (Math.sin(i * 78.233) * 43758.5453) % 1);
  const ball = Uint8Array.from({ length: small ** 3 }, (_, i) => (Math.hypot((i % small) - 12, (Math.floor(i / small) % small) - 12, Math.floor(i / small / small) - 12) < 5 ? 1 : 0));
  const run = (a: Float32Array, b: Float32Array, m: Uint8Array) => monoResHalfMaps(a, b, m, d, { voxelSize: 1, maxResolution: 8, threads: 1 });

  it('refuses identical halves, a non-finite voxel (naming the half) and an empty mask', async () => {
    await expect(run(noise, noise, ball)).rejects.toThrow(/identical/);
    const withNaN = Float32Array.from(other);
    withNaN[9] = NaN;
    await expect(run(noise, withNaN, ball)).rejects.toThrow(/half map 2 has a non-finite value \(NaN\) at voxel 9/);
    await expect(run(noise, other, new Uint8Array(small ** 3))).rejects.toThrow(/mask is empty/);
    await expect(run(noise, other.subarray(1), ball)).rejects.toThrow(/half2 has/);
  });
});
