import { beforeAll, describe, expect, it } from 'vitest';
import { halfMapPair, regionalResolutionPhantom, Volume } from '../../../core/index.js';
import { cubeGeometry, numpyPercentile, runLocalResolution, type HalvesWithHardMask } from '../testing/localResolutionTesting.js';
import { monoResHalfMapsProtocol } from './monoResHalfMapsProtocol.js';

const n = 40;
const geometry = cubeGeometry(n, 1);

type Inputs = HalvesWithHardMask;

const run = (inputs: Inputs, params: Record<string, unknown>) => runLocalResolution(monoResHalfMapsProtocol, inputs, params);

describe('vrs.monoResHalfMaps (1.e)', () => {
  let inputs: Inputs;
  beforeAll(() => {
    const phantom = regionalResolutionPhantom(geometry.dims, 1, [{ centre: [20, 20, 20], radius: 12, resolution: 6 }], { seed: 51 });
    const { half1, half2 } = halfMapPair(new Volume(phantom.signal.data as Float32Array, geometry), { seed: 52, noiseSd: 0.5 });
    const mapData = Float32Array.from(half1.data, (v, i) => (v + half2.data[i]!) / 2);
    inputs = {
      half1: half1 as Volume<Float32Array>,
      half2: half2 as Volume<Float32Array>,
      mask: new Volume(phantom.mask, geometry),
      map: new Volume(mapData, geometry),
    };
  });

  it('reports the statistics of its own local-resolution map, with the criteria applied', async () => {
    const statuses: string[] = [];
    for (const resolution of [2.5, 5.8]) {
      const { section, files, map } = await run(inputs, { resolution, threshold: 0.5, resample: 'never' });
      statuses.push(section.status);
      expect(section.id).toBe('1.e');
      expect(section.level).toBe('1');
      expect(section.summaryLabel).toBe('1.e Local resolution (MonoRes, half maps)');
      const values = Array.from(map!.data).filter((v) => v > 0).sort((a, b) => a - b);
      for (let i = 0; i < n ** 3; i++) if (!inputs.mask.data[i]) expect(map!.data[i]).toBe(0);
      const metrics = section.metrics as { percentiles: Record<string, number>; reportedResolutionPercentile: number; voxelsEvaluated: number; sweep: { maxResolution: number }; resampling: unknown };
      const expected = { p2_5: 2.5, p25: 25, p50: 50, p75: 75, p97_5: 97.5 };
      for (const [key, p] of Object.entries(expected)) expect(metrics.percentiles[key]).toBeCloseTo(numpyPercentile(values, p), 5);
      const below = (100 * values.filter((v) => v < resolution).length) / values.length;
      expect(metrics.reportedResolutionPercentile).toBeCloseTo(below, 9);
      expect(metrics.voxelsEvaluated).toBe(values.length);
      expect(metrics.sweep.maxResolution).toBe(Math.max(10, 5 * resolution));
      expect(metrics.resampling).toBeNull();
      // The region is 6 Å by construction: its median cannot be far from it.
      expect(metrics.percentiles['p50']).toBeGreaterThan(5);
      expect(metrics.percentiles['p50']).toBeLessThan(7.5);
      expect(section.warnings.some((w) => w.includes('particularly high'))).toBe(below < 0.1);
      expect(section.status).toBe(below < 0.1 ? 'warnings' : 'ok');
      expect(section.resolutionEstimates).toEqual([{ method: 'MonoRes half-map median local resolution', value: metrics.percentiles['p50'] }]);
      expect(section.plots![0]!.series[0]!.y.reduce((a, b) => a + b, 0)).toBe(values.length);
      expect(section.figures![0]!.panels).toHaveLength(3);
      expect(Object.keys(files)).toHaveLength(3);
    }
    // 2.5 Å is finer than every local resolution of a 6 Å region; 5.8 Å is within the distribution.
    expect(statuses).toEqual(['warnings', 'ok']);
  });

  it('evaluates on the half maps resampled to R/3 when that is coarser than Ts (R = 9 Å: 40³ of 1 Å → 14³ of 2.86 Å, the fast FFT size at or above 40/3)', async () => {
    const { section, map } = await run(inputs, { resolution: 9 });
    expect(map!.dims).toEqual([14, 14, 14]);
    expect(map!.voxelSize[0]).toBeCloseTo(40 / 14, 12);
    expect((section.metrics as { resampling: { dims: number[] } }).resampling.dims).toEqual([14, 14, 14]);
    // Nothing below Nyquist of the coarser grid, 2·40/14 Å.
    expect(Math.min(...Array.from(map!.data).filter((v) => v > 0))).toBeGreaterThanOrEqual((2 * 40) / 14 - 1e-5);
    expect(section.notes![0]).toMatch(/half maps Fourier-resampled from 40 × 40 × 40 voxels/);
  });

  it('does not apply without a resolution; fails with a reason on identical halves or an empty mask; refuses another grid', async () => {
    const none = await run(inputs, {});
    expect(none.section.status).toBe('not-applicable');
    expect(none.section.reason).toMatch(/No resolution was reported/);
    const same = await run({ ...inputs, half2: inputs.half1 }, { resolution: 4 });
    expect(same.section.status).toBe('failed');
    expect(same.section.reason).toMatch(/identical/);
    const empty = await run({ ...inputs, mask: inputs.mask.withData(new Uint8Array(n ** 3)) }, { resolution: 4 });
    expect(empty.section.status).toBe('failed');
    expect(empty.section.reason).toMatch(/hard mask is empty/);
    const shifted = new Volume(inputs.half2.data, { ...geometry, origin: [5, 0, 0] });
    await expect(run({ ...inputs, half2: shifted }, { resolution: 4 })).rejects.toThrow(/origin/);
  });
});
