import { beforeAll, describe, expect, it } from 'vitest';
import { halfMapPair, regionalResolutionPhantom, Volume } from '../../../core/index.js';
import { cubeGeometry, numpyPercentile, runLocalResolution, type HalvesWithSoftMask } from '../testing/localResolutionTesting.js';
import { blocResProtocol } from './blocResProtocol.js';

const n = 40;
const geometry = cubeGeometry(n, 1.5);

type Inputs = HalvesWithSoftMask;

const run = (inputs: Inputs, params: Record<string, unknown>) => runLocalResolution(blocResProtocol, inputs, params);

describe('vrs.blocRes (1.c)', () => {
  let inputs: Inputs;
  beforeAll(() => {
    const phantom = regionalResolutionPhantom(geometry.dims, 1.5, [{ centre: [20, 20, 20], radius: 14, resolution: 7 }], { seed: 21 });
    const signal = new Volume(phantom.signal.data as Float32Array, geometry);
    const { half1, half2 } = halfMapPair(signal, { seed: 22, noiseSd: 1.5 });
    const mapData = new Float32Array(n ** 3);
    for (let i = 0; i < mapData.length; i++) mapData[i] = (half1.data[i]! + half2.data[i]!) / 2;
    inputs = {
      half1: half1 as Volume<Float32Array>,
      half2: half2 as Volume<Float32Array>,
      softMask: new Volume(Float32Array.from(phantom.mask), geometry),
      map: new Volume(mapData, geometry),
    };
  });

  it('reports the statistics of its own local-resolution map, with the criteria applied', async () => {
    for (const resolution of [2, 6]) {
      const { section, files, map } = await run(inputs, { resolution, threshold: 0.5, step: 2 });
      expect(section.id).toBe('1.c');
      expect(section.level).toBe('1');
      expect(section.summaryLabel).toBe('1.c Local resolution (BlocRes)');
      const values = Array.from(map!.data).filter((v) => v > 0).sort((a, b) => a - b);
      // Measured voxels: soft mask ≥ 0.5 with the 20-voxel box inside the map (coordinates 10 … 30).
      let targets = 0;
      for (let i = 0; i < n ** 3; i++) {
        const x = i % n, y = Math.floor(i / n) % n, z = Math.floor(i / n / n);
        const inside = [x, y, z].every((c) => c >= 10 && c <= 30) && inputs.softMask.data[i]! >= 0.5;
        if (inside) targets++;
        else expect(map!.data[i]).toBe(0);
      }
      expect(values.length).toBe(targets);
      const metrics = section.metrics as { percentiles: Record<string, number>; reportedResolutionPercentile: number; voxelsEvaluated: number; box: number; step: number; boxesMeasured: number };
      const expected = { p2_5: 2.5, p25: 25, p50: 50, p75: 75, p97_5: 97.5 };
      for (const [key, p] of Object.entries(expected)) expect(metrics.percentiles[key]).toBeCloseTo(numpyPercentile(values, p), 5);
      const below = (100 * values.filter((v) => v < resolution).length) / values.length;
      expect(metrics.reportedResolutionPercentile).toBeCloseTo(below, 9);
      expect(metrics.voxelsEvaluated).toBe(targets);
      expect(metrics.box).toBe(20);
      expect(metrics.step).toBe(2);
      expect(metrics.boxesMeasured).toBeLessThan(targets / 4);
      // Nothing finer than Nyquist (3 Å): at 2 Å the reported resolution beats every voxel.
      expect(values[0]).toBeGreaterThanOrEqual(3 - 1e-6);
      expect(section.warnings.some((w) => w.includes('particularly high'))).toBe(below < 0.1);
      expect(section.status).toBe(resolution === 2 ? 'warnings' : 'ok');
      expect(section.resolutionEstimates).toEqual([{ method: 'BlocRes median local resolution', value: metrics.percentiles['p50'] }]);
      expect(section.plots![0]!.series[0]!.y.reduce((a, b) => a + b, 0)).toBe(targets);
      expect(section.figures![0]!.panels).toHaveLength(3);
      expect(Object.keys(files)).toHaveLength(3);
      expect(section.method).toMatch(/every 2 voxels and filled trilinearly/);
    }
  });

  it('measures every voxel with step 1 and has no criteria without a reported resolution', async () => {
    const small = new Float32Array(n ** 3);
    for (let i = 0; i < small.length; i++) small[i] = Math.hypot((i % n) - 20, (Math.floor(i / n) % n) - 20, Math.floor(i / n / n) - 20) <= 6 ? 1 : 0;
    const { section } = await run({ ...inputs, softMask: inputs.softMask.withData(small) }, { step: 1 });
    expect((section.metrics as { boxesMeasured: number }).boxesMeasured).toBe(small.reduce((a, v) => a + v, 0));
    expect(section.status).toBe('no-criteria');
    expect((section.metrics as { step: number }).step).toBe(1);
    expect(section.method).not.toMatch(/trilinear/);
    expect(section.figures).toHaveLength(0);
    expect(section.notes!.join(' ')).toMatch(/No threshold was given/);
    expect(section.plots![0]!.vLines).toBeUndefined();
  });

  it('fails with a reason on an empty soft mask or a NaN voxel, and refuses half maps on another grid', async () => {
    const empty = await run({ ...inputs, softMask: inputs.softMask.withData(new Float32Array(n ** 3)) }, { resolution: 6 });
    expect(empty.section.status).toBe('failed');
    expect(empty.section.reason).toMatch(/no voxel ≥ 0.5/);
    const nan = inputs.half2.clone();
    nan.data[5] = NaN;
    const bad = await run({ ...inputs, half2: nan }, { resolution: 6 });
    expect(bad.section.status).toBe('failed');
    expect(bad.section.reason).toMatch(/half map 2 has a NaN/);
    const other = new Volume(new Float32Array(n ** 3), { ...geometry, voxelSize: [1.4, 1.4, 1.4] });
    await expect(run({ ...inputs, half2: other }, { resolution: 6 })).rejects.toThrow(/voxel size/);
  });
});
