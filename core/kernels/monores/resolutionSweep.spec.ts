import { describe, expect, it } from 'vitest';
import { resolutionSweep } from './resolutionSweep.js';

describe('resolutionSweep', () => {
  it('snaps nominal resolutions to Fourier indices, skips repeats and stops before Nyquist (hand-computed, 64 voxels of 1 Å)', () => {
    // Nominal 12, 11.5, … Å → index round(64/res): 12→5.33→5, 11.5→5.57→6, 11→5.8→6 (skip),
    // 10.5→6.1→6 (skip), 10→6.4→6 (skip), 9.5→6.7→7, 9→7.1→7, 8.5→7.5→8 (round half up), 8→8,
    // 7.5→8.5→9, 7→9.1→9, 6.5→9.8→10, 6→10.7→11, 5.5→11.6→12, 5→12.8→13, 4.5→14.2→14,
    // 4→16, 3.5→18.3→18, 3→21.3→21, 2.5→25.6→26, 2→32 (resolution 2 = Nyquist: kept), 1.5→43 (< 2 Å: stop).
    const sweep = resolutionSweep({ voxelSize: 1, boxSize: 64, maxResolution: 12, minResolution: 2, step: 0.5 });
    expect(sweep.map((s) => s.fourierIndex)).toEqual([5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 16, 18, 21, 26, 32]);
    expect(sweep[0]!.resolution).toBeCloseTo(64 / 5, 12);
    expect(sweep[0]!.frequency).toBeCloseTo(5 / 64, 15);
    expect(sweep[1]!.nominalResolution).toBe(11.5);
    expect(sweep[2]!.nominalResolution).toBe(9.5);
    expect(sweep[sweep.length - 1]!.resolution).toBe(2);
  });

  it('uses the voxel size: 220 voxels of 1.34 Å from 17.5 Å (the emd_0093 sweep, 27 frequencies down to 3.0 Å)', () => {
    const sweep = resolutionSweep({ voxelSize: 1.34, boxSize: 220, maxResolution: 17.5, minResolution: 2.68, step: 0.5 });
    // round(294.8/res) for res = 17.5, 16.5, 15.5, 15, 14, 13.5, 13, 12.5, … without repeats.
    expect(sweep.map((s) => s.fourierIndex)).toEqual([17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 31, 33, 35, 37, 39, 42, 45, 49, 54, 59, 66, 74, 84, 98]);
    expect(sweep[sweep.length - 1]!.resolution).toBeCloseTo((1.34 * 220) / 98, 12);
  });

  it('raises a minimum resolution finer than Nyquist to 2·Ts, and stops right after reaching a coarser one', () => {
    const toNyquist = resolutionSweep({ voxelSize: 1, boxSize: 64, maxResolution: 4, minResolution: 0.5, step: 0.5 });
    expect(toNyquist.map((s) => s.fourierIndex)).toEqual([16, 18, 21, 26, 32]);
    // minRes 3.2: the loop ends after the first resolution ≤ 3.199 (3.048 Å, index 21).
    const coarse = resolutionSweep({ voxelSize: 1, boxSize: 64, maxResolution: 4, minResolution: 3.2, step: 0.5 });
    expect(coarse.map((s) => s.fourierIndex)).toEqual([16, 18, 21]);
  });

  it('skips index 0 (a resolution coarser than twice the box)', () => {
    const sweep = resolutionSweep({ voxelSize: 1, boxSize: 16, maxResolution: 40, minResolution: 2, step: 4 });
    expect(sweep[0]!.fourierIndex).toBe(1);
    expect(sweep.every((s) => s.fourierIndex > 0)).toBe(true);
  });
});
