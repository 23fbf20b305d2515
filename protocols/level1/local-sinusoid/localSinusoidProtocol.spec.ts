import { beforeAll, describe, expect, it } from 'vitest';
import { halfMapPair, regionalResolutionPhantom, SeededRandom, Volume } from '../../../core/index.js';
import { cubeGeometry, numpyPercentile, runLocalResolution, type HalvesWithHardMask } from '../testing/localResolutionTesting.js';
import { levelOneRecipeHalves } from '../../../core/kernels/localSinusoid/testing/levelOneRecipeHalves.js';
import { localSinusoidProtocol } from './localSinusoidProtocol.js';

const n = 48;
const geometry = cubeGeometry(n, 1);

type Inputs = HalvesWithHardMask;

const run = (inputs: Inputs, params: Record<string, unknown>) => runLocalResolution(localSinusoidProtocol, inputs, params);

function inputsOf(half1: Float32Array, half2: Float32Array, mask: Uint8Array): Inputs {
  const map = new Float32Array(half1.length);
  for (let i = 0; i < map.length; i++) map[i] = (half1[i]! + half2[i]!) / 2;
  return {
    half1: new Volume(half1, geometry),
    half2: new Volume(half2, geometry),
    mask: new Volume(mask, geometry),
    map: new Volume(map, geometry),
  };
}

describe('vrs.localSinusoidTest (1.d)', () => {
  let phantomInputs: Inputs;
  let labels: Uint8Array;
  beforeAll(() => {
    const phantom = regionalResolutionPhantom(geometry.dims, 1, [
      { centre: [14, 24, 24], radius: 11, resolution: 3.5 },
      { centre: [34, 24, 24], radius: 11, resolution: 7 },
    ], { seed: 5 });
    const { half1, half2 } = halfMapPair(phantom.signal, { seed: 9, noiseSd: 1 });
    phantomInputs = inputsOf(half1.data as Float32Array, half2.data as Float32Array, phantom.mask);
    labels = phantom.labels;
  });

  it('reports the statistics of its own smoothed map over the assigned voxels, with the criteria applied', async () => {
    const { section, files, map } = await run(phantomInputs, { resolution: 2, threshold: 2.5, maxResolution: 8 });
    expect(section.id).toBe('1.d');
    expect(section.summaryLabel).toBe('1.d Local resolution (local sinusoid test, ResMap method)');
    expect(section.method).toMatch(/not the ResMap program/);
    const values: number[] = [];
    for (let i = 0; i < map!.data.length; i++) if (map!.data[i]! > 0) values.push(map!.data[i]!);
    values.sort((a, b) => a - b);
    const p = section.metrics['percentiles'] as Record<string, number>;
    expect(p['p2_5']).toBeCloseTo(numpyPercentile(values, 2.5), 5);
    expect(p['p50']).toBeCloseTo(numpyPercentile(values, 50), 5);
    expect(p['p97_5']).toBeCloseTo(numpyPercentile(values, 97.5), 5);
    expect(section.metrics['voxelsEvaluated']).toBe(values.length);
    // Nothing is finer than 2 Å: percentile 0, below the 0.1 % limit → warning, printed as %4.0f.
    expect(section.metrics['reportedResolutionPercentile']).toBe(0);
    expect(section.status).toBe('warnings');
    expect(section.warnings.join(' ')).toMatch(/at the percentile 0\./);
    expect(section.resolutionEstimates).toEqual([{ method: 'Local sinusoid test (ResMap method) median local resolution', value: p['p50'] }]);
    expect(section.figures?.[0]?.panels).toHaveLength(3);
    expect(Object.keys(files)).toHaveLength(3);
    // The two regions keep their order through the smoothing.
    const median = (label: number) => {
      const v: number[] = [];
      for (let i = 0; i < labels.length; i++) if (labels[i] === label && map!.data[i]! > 0) v.push(map!.data[i]!);
      v.sort((a, b) => a - b);
      return numpyPercentile(v, 50);
    };
    expect(median(1)).toBeLessThan(median(2));
    // The published map is zero outside the mask (the test only examines mask voxels).
    for (let i = 0; i < map!.data.length; i++) if (phantomInputs.mask.data[i] === 0) expect(map!.data[i]).toBe(0);
  });

  it('a reported resolution inside the distribution passes; without one the criteria are not evaluated', async () => {
    const ok = await run(phantomInputs, { resolution: 6, maxResolution: 5 });
    expect(ok.section.status).toBe('ok');
    const values = Array.from(ok.map!.data).filter((v) => v > 0);
    const below = values.filter((v) => v < 6).length;
    expect(ok.section.metrics['reportedResolutionPercentile']).toBeCloseTo((100 * below) / values.length, 10);
    // Pre-whitened by default (ResMap split mode): 48/2 − 1 = 23 radial bins, elbow max(10, 2.1·1) Å.
    expect(ok.section.metrics['preWhitening']).toMatchObject({ bins: 23, elbowAngstrom: 10 });
    expect(ok.section.notes!.join(' ')).toMatch(/were pre-whitened/);
    const none = await run(phantomInputs, { maxResolution: 5, preWhitening: false, gaussianWeight: 'as-written' });
    expect(none.section.metrics['gaussianWeight']).toBe('as-written');
    expect(none.section.notes!.join(' ')).toMatch(/exp\(−\|u\|²\/2\)/);
    expect(none.section.status).toBe('no-criteria');
    expect(none.section.metrics['reportedResolutionPercentile']).toBeNull();
    expect(none.section.metrics['preWhitening']).toBeNull();
    expect(none.section.notes!.join(' ')).toMatch(/switched off/);
  });

  it('pure-noise halves: nothing passes, and the section says the test produced no result', async () => {
    const random = new SeededRandom(31);
    const h1 = new Float32Array(n ** 3).map(() => random.normal());
    const h2 = new Float32Array(n ** 3).map(() => random.normal());
    const { section, map } = await run(inputsOf(h1, h2, new Uint8Array(n ** 3).fill(1)), { resolution: 3 });
    expect(section.status).toBe('failed');
    expect(section.reason).toMatch(/did not produce any result/);
    expect(map).toBeUndefined();
    const levels = section.metrics['levels'] as { passed: number }[];
    expect(levels.length).toBeGreaterThan(0);
    for (const level of levels) expect(level.passed).toBe(0);
  });

  it('an empty mask fails; halves on different grids stop with an error naming the input', async () => {
    const empty = await run({ ...phantomInputs, mask: new Volume(new Uint8Array(n ** 3), geometry) }, { resolution: 5 });
    expect(empty.section.status).toBe('failed');
    expect(empty.section.reason).toMatch(/hard mask is empty/);
    const other = new Volume(new Float32Array(n ** 3), { ...geometry, voxelSize: [1.1, 1.1, 1.1] });
    await expect(run({ ...phantomInputs, half2: other }, { resolution: 5 })).rejects.toThrow(/half map 2/);
  });

  it('says when its finest window took most voxels near Nyquist (smooth density, not detail) and when a later level of the same window took none', async () => {
    // the level-1 recipe with nothing finer than 7 Å: the finest window (3.8 Å at 1.742 Å voxels)
    // takes over 90 % of the voxels (kernel test), which the section must not present unexplained
    const ts = 1.742;
    const { half1, half2, mask } = levelOneRecipeHalves(64, ts, 7, { radius: 20, atoms: 1500, blob: 3, seed: 31 });
    const g = cubeGeometry(64, ts);
    const map = new Float32Array(half1.data.length);
    for (let i = 0; i < map.length; i++) map[i] = (half1.data[i]! + half2.data[i]!) / 2;
    const inputs = { half1: new Volume(half1.data as Float32Array, g), half2: new Volume(half2.data as Float32Array, g), mask: new Volume(Uint8Array.from(mask), g), map: new Volume(map, g) };
    const { section } = await runLocalResolution(localSinusoidProtocol, inputs, { resolution: 7, maxResolution: 14 });
    const text = section.results!.join(' ');
    expect(text).toMatch(/assigned (9\d|100) % of the voxels to its finest tested resolution \(3\.8 Å, close to Nyquist\)/);
    expect(text).toMatch(/mark smooth density, not local resolution/);
  });
});
