import { describe, expect, it } from 'vitest';
import { evaluationGrid, fastFftSize, resampleMaskNearest } from './evaluationGrid.js';

describe('evaluationGrid', () => {
  it('keeps a 220³ map of 1.34 Å at R = 3.5 Å (R/3 = 1.17 Å is finer than the voxel)', () => {
    expect(evaluationGrid([220, 220, 220], [1.34, 1.34, 1.34], 3.5)).toEqual({ dims: [220, 220, 220], voxelSize: [1.34, 1.34, 1.34], resampled: false });
  });

  it('shrinks a 432³ map of 0.6824 Å at R = 3.5 Å to 256³ (432·0.6824/1.1667 = 252.7 → next fast size 256)', () => {
    const ts = (1.34 * 220) / 432;
    const grid = evaluationGrid([432, 432, 432], [ts, ts, ts], 3.5);
    expect(grid.resampled).toBe(true);
    expect(grid.dims).toEqual([256, 256, 256]);
    expect(grid.voxelSize[0]).toBeCloseTo((ts * 432) / 256, 12);
    // The range the report needs, down to 2R/3, is still measurable: 2·Ts' ≤ 2R/3.
    expect(2 * grid.voxelSize[0]).toBeLessThanOrEqual((2 * 3.5) / 3);
  });

  it('resamples only when that saves a quarter of the voxels, never up; fast sizes are even 7-smooth numbers', () => {
    expect(evaluationGrid([100, 100, 100], [2, 2, 2], 5).resampled).toBe(false); // R/3 < Ts
    // 100·2/(7/3) = 85.7 → 90³: 27 % fewer voxels.
    expect(evaluationGrid([100, 100, 100], [2, 2, 2], 7)).toMatchObject({ dims: [90, 90, 90], resampled: true });
    // 256·1/1.0333 = 247.7 → 250³: 7 % fewer, not worth it.
    expect(evaluationGrid([256, 256, 256], [1, 1, 1], 3.1).resampled).toBe(false);
    expect([253, 220, 221, 97, 2, 249].map((m) => fastFftSize(m))).toEqual([256, 224, 224, 98, 2, 250]);
  });
});

describe('resampleMaskNearest', () => {
  it('takes old voxel round(i·Ts′/Ts) along each axis', () => {
    // 1-D along x: 10 voxels of 1 Å → 4 voxels of 2.5 Å: old indices 0, 3 (2.5 → round half up), 5, 8 (7.5).
    const mask = Uint8Array.from([1, 0, 0, 1, 0, 1, 0, 0, 1, 0]);
    expect(Array.from(resampleMaskNearest(mask, [10, 1, 1], [1, 1, 1], [4, 1, 1], [2.5, 1, 1]))).toEqual([1, 1, 1, 1]);
    const shifted = Uint8Array.from([0, 1, 1, 0, 1, 0, 1, 1, 0, 1]);
    expect(Array.from(resampleMaskNearest(shifted, [10, 1, 1], [1, 1, 1], [4, 1, 1], [2.5, 1, 1]))).toEqual([0, 0, 0, 0]);
  });

  it('fastFftSize: even sizes with the given prime factors only', () => {
    // 168 = 2³·3·7 is the first even 7-smooth size at or above 165 (166 = 2·83); without 7 it is 180 = 2²·3²·5
    expect(fastFftSize(165)).toBe(168);
    expect(fastFftSize(165, [2, 3, 5])).toBe(180);
    // 220·1.34/(5.361/3) = 164.97
    expect(evaluationGrid([220, 220, 220], [1.34, 1.34, 1.34], 5.361).dims).toEqual([168, 168, 168]);
    expect(evaluationGrid([220, 220, 220], [1.34, 1.34, 1.34], 5.361, { fftPrimes: [2, 3, 5] }).dims).toEqual([180, 180, 180]);
  });
});
