import { describe, expect, it } from 'vitest';
import { fitSlopeWeights } from './fitSlopeWeights.js';
import { inscribedBackgroundIndices } from './inscribedBackgroundIndices.js';
import { maskIndices } from './maskIndices.js';
import { occupancyFrequencyCount } from './occupancyFrequencyCount.js';
import { shellWidth } from './shellWidth.js';
import { sweepFrequencies } from './sweepFrequencies.js';

describe('LocSpiral sweep parameters', () => {
  it('K of LocOccupancy is the one the three example reports show (vrs-spec §20.4)', () => {
    // 5107: 58³ at 9 Å, R = 18 Å → (1/18 − 1/15)/(4.8/522) = −1.21 → int −1 → K = 1.
    // 5138: 106³ at 2.4 Å, R = 4.8 → 0.141667/0.018868 = 7.51 → 7.
    // 23398: 152³ at 2.45 Å, R = 4.9 → 0.137415/0.012889 = 10.66 → 10.
    const k = (n: number, ts: number, r: number) => occupancyFrequencyCount(r, 15, shellWidth([n, n, n], [ts, ts, ts]));
    expect(k(58, 9, 18)).toBe(1);
    expect(k(106, 2.4, 4.8)).toBe(7);
    expect(k(152, 2.45, 4.9)).toBe(10);
    // emd_0093 resized: 168³ at 1.75 Å, R = 3.5 → 0.219048/0.016327 = 13.42 → 13.
    expect(k(168, 1.75, 3.5)).toBe(13);
  });

  it('shell width is 4.8 Fourier voxels of the smallest box extent', () => {
    expect(shellWidth([106, 106, 106], [2.4, 2.4, 2.4])).toBeCloseTo(4.8 / 254.4, 15);
    expect(shellWidth([60, 40, 50], [2, 2, 2])).toBeCloseTo(4.8 / 80, 15);
    expect(() => shellWidth([10, 10, 10], [1, 1, 1], 0)).toThrow(RangeError);
  });

  it('sweeps frequencies like numpy.linspace(1/15, 1/R, n)', () => {
    const f = sweepFrequencies(15, 3.5, 10);
    expect(f.length).toBe(10);
    expect(f[0]).toBe(1 / 15);
    expect(f[9]).toBe(1 / 3.5);
    const step = (1 / 3.5 - 1 / 15) / 9;
    for (let i = 0; i < 9; i++) expect(f[i]).toBe(i * step + 1 / 15);
    expect(Array.from(sweepFrequencies(15, 18, 1))).toEqual([1 / 15]);
    // R > 15 Å (the original's degenerate case): the sweep runs backwards.
    expect(sweepFrequencies(15, 18, 3)[2]).toBe(1 / 18);
    expect(() => sweepFrequencies(15, 0, 3)).toThrow(RangeError);
  });

  it('slope weights give the least-squares slope, and numpy’s minimum-norm one for equal abscissae', () => {
    const x = [0.1, 0.4, 0.5, 0.9];
    const c = fitSlopeWeights(x);
    // y = 3 − 2x exactly → slope −2; y with residuals: slope by the textbook formula.
    expect(x.reduce((s, xi, j) => s + c[j]! * (3 - 2 * xi), 0)).toBeCloseTo(-2, 12);
    const y = [1, 0, 2, 5];
    const mx = x.reduce((a, b) => a + b) / 4;
    const my = y.reduce((a, b) => a + b) / 4;
    const slope = x.reduce((s, xi, j) => s + (xi - mx) * (y[j]! - my), 0) / x.reduce((s, xi) => s + (xi - mx) ** 2, 0);
    expect(y.reduce((s, yj, j) => s + c[j]! * yj, 0)).toBeCloseTo(slope, 12);
    // X = [[1, 2]] × 3, y = 1: minimum-norm solution of α + 2β = 1 is (1, 2)/5 → β = 0.4.
    const d = fitSlopeWeights([2, 2, 2]);
    expect(d[0]! + d[1]! + d[2]!).toBeCloseTo(0.4, 15);
  });

  it('selects mask voxels (> 0.5) and the background inside the inscribed sphere', () => {
    expect(Array.from(maskIndices(Float32Array.of(0, 0.5, 0.51, 1, 0)))).toEqual([2, 3]);
    // 4³ box: offsets from n/2 = 2 are −2…1; r² < 4 excludes any −2, leaving {−1, 0, 1}³ = 27 voxels.
    const empty = new Uint8Array(64);
    expect(inscribedBackgroundIndices(empty, [4, 4, 4]).length).toBe(27);
    // Centre voxel (2, 2, 2) in the mask → 26; the corner (0, 0, 0) is outside the sphere anyway.
    const mask = new Uint8Array(64);
    mask[(2 * 4 + 2) * 4 + 2] = 1;
    mask[0] = 1;
    const background = inscribedBackgroundIndices(mask, [4, 4, 4]);
    expect(background.length).toBe(26);
    expect(background.includes((2 * 4 + 2) * 4 + 2)).toBe(false);
    // Non-cubic 6×4×4: radius 2 around (3, 2, 2): x offsets −3…2, only −1…1 fit → 27 again.
    expect(inscribedBackgroundIndices(new Uint8Array(96), [6, 4, 4]).length).toBe(27);
  });
});
