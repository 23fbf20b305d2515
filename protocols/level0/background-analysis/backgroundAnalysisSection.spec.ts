import { describe, expect, it } from 'vitest';
import { erfc, SeededRandom, Volume, type BinaryMask } from '../../../core/index.js';
import { backgroundAnalysisSection, GAUSSIAN_FRACTION_BEYOND_5_SIGMA } from './backgroundAnalysisSection.js';

const n = 60;

/** White noise N(mean, σ²) with a block of value 10 in the middle and the mask covering the block. */
function noisyMap(mean: number, sd: number, seed: number): { map: Volume; mask: BinaryMask } {
  const map = Volume.zeros([n, n, n]);
  const rnd = new SeededRandom(seed);
  for (let i = 0; i < map.size; i++) map.data[i] = mean + sd * rnd.normal();
  const mask = new Volume(new Uint8Array(map.size), { dims: [n, n, n], voxelSize: [1, 1, 1], origin: [0, 0, 0] });
  for (let z = 20; z < 40; z++)
    for (let y = 20; y < 40; y++)
      for (let x = 20; x < 40; x++) {
        map.data[map.index(x, y, z)] = 10;
        mask.data[mask.index(x, y, z)] = 1;
      }
  return { map, mask };
}

/** The background statistics by plain loops over a list (mean, σ with ddof 0 and 1, outliers). */
function bruteForce(map: Volume, mask: BinaryMask) {
  const values: number[] = [];
  for (let i = 0; i < map.size; i++) if (!mask.data[i]) values.push(map.data[i]!);
  const mean = values.reduce((a, b) => a + b, 0) / values.length;
  const ss = values.reduce((a, b) => a + (b - mean) ** 2, 0);
  const std = Math.sqrt(ss / values.length);
  const t = mean / (Math.sqrt(ss / (values.length - 1)) / Math.sqrt(values.length));
  const outliers = values.filter((v) => Math.abs(v) > 5 * std).length;
  return { n: values.length, mean, std, t, outliers };
}

describe('0.c background analysis', () => {
  it('zero-mean white noise: mean ≈ 0, σ as generated, a p-value from the t distribution, no outliers → OK', () => {
    const { map, mask } = noisyMap(0, 0.5, 1);
    const { section } = backgroundAnalysisSection(map, mask);
    const m = section.metrics as Record<string, number>;
    const expected = bruteForce(map, mask);
    expect(m['backgroundVoxels']).toBe(n ** 3 - 20 ** 3);
    expect(m['mean']).toBeCloseTo(expected.mean, 12);
    expect(m['std']).toBeCloseTo(expected.std, 12);
    expect(m['tStatistic']).toBeCloseTo(expected.t, 9);
    // the generating process: σ = 0.5 (standard error of σ̂ ≈ 0.5/√(2n) = 0.0008), mean 0 (SE 0.0011)
    expect(Math.abs(m['std']! - 0.5)).toBeLessThan(0.004);
    expect(Math.abs(m['mean']!)).toBeLessThan(0.005);
    // with 208 000 − 1 degrees of freedom the t distribution is the normal to ~1e-5: p ≈ erfc(|t|/√2)
    expect(m['pValue']).toBeCloseTo(erfc(Math.abs(m['tStatistic']!) / Math.SQRT2), 4);
    // a Gaussian puts 2Φ(−5) = 5.7e-7 of 208 000 voxels, 0.12, beyond 5σ: none here
    expect(m['outlierVoxels']).toBe(expected.outliers);
    expect(expected.outliers).toBe(0);
    expect(m['cdf5Ratio']).toBe(0);
    expect(m['gaussianOutlierPercent']).toBeCloseTo(5.733031e-5, 10);
    expect(section.status).toBe('ok');
    expect(section.abstract).toBe("There seems to be no problem with the map's background.");
  });

  it('a shifted mean and 50 planted outliers: t, p, outlier fraction and cdf5 ratio as computed by hand → 2 warnings', () => {
    const { map, mask } = noisyMap(0.01, 0.5, 2);
    const rnd = new SeededRandom(3);
    for (let k = 0; k < 50; k++) map.data[map.index(Math.floor(rnd.uniform(0, 15)), Math.floor(rnd.uniform(0, 60)), k)] = k % 2 === 0 ? 20 : -20;
    const { section, files } = backgroundAnalysisSection(map, mask);
    const m = section.metrics as Record<string, number>;
    const expected = bruteForce(map, mask);
    expect(expected.outliers).toBeGreaterThanOrEqual(50);
    expect(m['outlierVoxels']).toBe(expected.outliers);
    expect(m['outlierPercent']).toBeCloseTo((100 * expected.outliers) / expected.n, 12);
    expect(m['cdf5Ratio']).toBeCloseTo(expected.outliers / expected.n / 5.733031e-7, 3);
    expect(m['tStatistic']).toBeCloseTo(expected.t, 9);
    // mean 0.01 over σ/√n ≈ 0.0013: t ≈ 7.6, p ≈ 3e-14
    expect(m['tStatistic']).toBeGreaterThan(4);
    expect(m['pValue']).toBeLessThan(1e-4);
    expect(section.warnings).toEqual([
      'The null hypothesis that the background mean is 0 is rejected: the p-value of the test is smaller than 0.001.',
      `There is a significant proportion of outlier values in the background (cdf5 ratio = ${(m['cdf5Ratio'] ?? 0).toFixed(2)}).`,
    ]);
    expect(Object.keys(files).sort()).toEqual(['background_5sigma_x.png', 'background_5sigma_y.png', 'background_5sigma_z.png']);
    expect(GAUSSIAN_FRACTION_BEYOND_5_SIGMA).toBeCloseTo(5.733031e-7, 12);
  });

  it('a masked map (constant background) does not apply; an empty mask could not be measured; a full mask leaves no background', () => {
    const { map, mask } = noisyMap(0, 0.5, 4);
    for (let i = 0; i < map.size; i++) if (!mask.data[i]) map.data[i] = 0;
    const masked = backgroundAnalysisSection(map, mask).section;
    expect(masked.status).toBe('not-applicable');
    expect(masked.reason).toMatch(/same value \(0\).*masked/);
    const empty = backgroundAnalysisSection(map, mask.withData(new Uint8Array(map.size))).section;
    expect(empty.status).toBe('failed');
    expect(empty.reason).toMatch(/empty/);
    const full = backgroundAnalysisSection(map, mask.withData(new Uint8Array(map.size).fill(1))).section;
    expect(full.status).toBe('not-applicable');
    expect(full.reason).toMatch(/whole box/);
  });
});
