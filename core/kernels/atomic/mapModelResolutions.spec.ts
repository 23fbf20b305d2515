import { afterAll, describe, expect, it } from 'vitest';
import { irfft3d, rfft3d, shutdownFftWorkers } from '../../fft/index.js';
import { SeededRandom } from '../../stats/SeededRandom.js';
import { pearson } from '../../stats/pearson.js';
import type { Vec3, VolumeGeometry } from '../../volume/index.js';
import { applyRadialFilter } from '../applyRadialFilter.js';
import { mapModelResolutions } from './mapModelResolutions.js';
import { modelMap } from './modelMap.js';
import { syntheticHelix } from './testing/syntheticHelix.js';

afterAll(() => shutdownFftWorkers());

const N = 40;
const geometry: VolumeGeometry = { dims: [N, N, N], voxelSize: [1, 1, 1], origin: [0, 0, 0] };
const dims: Vec3 = [N, N, N];
/** Width of a Fourier shell, 1/(N·Ts), and of the scan's bins (a quarter of it). */
const SHELL = 1 / N;
const BIN = SHELL / 4;
const { atoms } = syntheticHelix({ length: 20, centre: [20, 20, 20], b: 20 });

/** The phantom: the helix's model map truncated at d0, plus white noise of 10 % of its rms. */
async function phantom(d0: number, seed = 1): Promise<Float32Array> {
  const map = (await modelMap(atoms, geometry, { style: 'electron', resolution: d0 })).volume.data;
  let power = 0;
  for (const v of map) power += v * v;
  new SeededRandom(seed).addNormalNoise(map, 0.1 * Math.sqrt(power / map.length));
  return map;
}

/** The model map to Nyquist, as the protocol computes it. */
async function fullModel(): Promise<Float32Array> {
  return (await modelMap(atoms, geometry, { style: 'electron', resolution: 2 })).volume.data;
}

/** Real-space check: the map Fourier-truncated at d (coefficients with |f| ≤ 1/d kept). */
async function truncated(map: Float32Array, d: number): Promise<Float64Array> {
  const spectrum = await rfft3d(map, dims);
  applyRadialFilter(spectrum, dims, (f) => (f <= 1 / d ? 1 : 0), { voxelSize: [1, 1, 1] });
  return irfft3d(spectrum, dims, { overwriteInput: true });
}

describe('mapModelResolutions', () => {
  it('scans CC(map, model map at d) equal to the real-space correlation with a model map computed at d', async () => {
    const map = await phantom(4);
    const result = await mapModelResolutions(map, await fullModel(), dims, [1, 1, 1]);
    const { d, cc } = result.scan;
    expect(d[d.length - 1]!).toBeGreaterThanOrEqual(2);
    for (const wanted of [2.6, 4.5, 7]) {
      let i = 0;
      while (i < d.length - 1 && Math.abs(d[i + 1]! - wanted) < Math.abs(d[i]! - wanted)) i++;
      const direct = await modelMap(atoms, geometry, { style: 'electron', resolution: d[i]! });
      expect(cc[i]!).toBeCloseTo(pearson(map, direct.volume.data), 4);
    }
  });

  it('d99: the map cut at d99 correlates ≥ 0.99 with itself, cut one bin coarser it does not', async () => {
    const map = await phantom(4);
    const { d99 } = await mapModelResolutions(map, await fullModel(), dims, [1, 1, 1]);
    expect(d99).not.toBeNull();
    expect(pearson(map, await truncated(map, d99!))).toBeGreaterThanOrEqual(0.99);
    expect(pearson(map, await truncated(map, 1 / (1 / d99! - BIN)))).toBeLessThan(0.99);
  });

  it('finds the phantom’s resolution d0: d_model within one scan step, d99 near it, the FSC 0.5 crossing within a shell', async () => {
    for (const d0 of [4, 5]) {
      const result = await mapModelResolutions(await phantom(d0), await fullModel(), dims, [1, 1, 1]);
      expect(Math.abs(result.dModel! - d0)).toBeLessThanOrEqual(result.dModelStepA * 1.01);
      expect(result.dModelStepA).toBeCloseTo(result.dModel! ** 2 * BIN, 10);
      // Beyond 1/d0 only the noise (1 % of the power): the 0.99 level is reached at or before d0.
      expect(result.d99!).toBeGreaterThan(d0 - result.dModelStepA);
      expect(result.d99!).toBeLessThan(1.25 * d0);
      // The shell holding 1/d0 is half signal: the crossing lies between it and the next shell.
      expect(1 / result.dFsc05!).toBeGreaterThanOrEqual(1 / d0 - 0.01 * SHELL);
      expect(1 / result.dFsc05!).toBeLessThanOrEqual(1 / d0 + SHELL);
      expect(result.dFsc0143!).toBeLessThanOrEqual(result.dFsc05!);
      expect(result.dFsc0!).toBeLessThanOrEqual(result.dFsc0143!);
    }
  });

  it('d_FSC,model(0.5) equals d0 when the phantom is cut half-way between two shells', async () => {
    const d0 = N / 10.5;
    const result = await mapModelResolutions(await phantom(d0), await fullModel(), dims, [1, 1, 1]);
    // FSC ≈ 1 on shell 10, ≈ 0 on shell 11: the linear crossing of 0.5 is at shell ≈ 10.5.
    expect(result.dFsc05!).toBeCloseTo(d0, 1);
  });

  it('says nothing for a flat map', async () => {
    const result = await mapModelResolutions(new Float32Array(N * N * N).fill(3), await fullModel(), dims, [1, 1, 1]);
    expect(result.d99).toBeNull();
    expect(result.dModel).toBeNull();
    expect(result.dFsc05).toBeNull();
  });
});

describe('d99 on a noisy map', () => {
  it('never lies beyond Nyquist: the cube corners (up to √3·Nyquist) hold noise, not resolution', async () => {
    const n = 32;
    const dims: Vec3 = [n, n, n];
    // A Gaussian blob (σ 3 voxels) plus white noise of comparable power: much of the noise sits in the corners.
    const map = new Float64Array(n ** 3);
    for (let k = 0; k < n; k++) for (let j = 0; j < n; j++) for (let i = 0; i < n; i++) map[(k * n + j) * n + i] = Math.exp(-((i - 16) ** 2 + (j - 16) ** 2 + (k - 16) ** 2) / 18);
    new SeededRandom(7).addNormalNoise(map, 0.3);
    const result = await mapModelResolutions(map, map, dims, [1, 1, 1]);
    expect(result.d99).not.toBeNull();
    expect(result.d99!).toBeGreaterThanOrEqual(2);
  });
});
