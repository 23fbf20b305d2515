import { describe, expect, it } from 'vitest';
import { monoDirSweep } from './monoDirSweep.js';

describe('monoDirSweep', () => {
  it('steps one Fourier index from 18 Å and jumps when closer than the minimum step (hand-computed, 100 voxels of 1 Å)', () => {
    // Start round(100/18) = 6 (16.67 Å); 7…15 are ≥ the step from their predecessor (1 Å above
    // 8 Å, 0.5 Å below; at 11 and 12 the jump target rounds back to the same index).
    // 16 (6.25): Δ 0.417 from 6.667 → target 6.167 → 16.2 → 16. 17 (5.882) likewise.
    // 18 (5.556): Δ 0.327 → target 5.382 → 18.58 → 19. 20: Δ 0.263 → target 4.763 → 21.
    // 22: Δ 0.216 → target 4.262 → 23.46 → 23. 24: Δ 0.181 → target 3.848 → 25.99 → 26.
    const sweep = monoDirSweep({ voxelSize: 1, boxSize: 100 });
    expect(sweep.slice(0, 16).map((f) => f.fourierIndex)).toEqual([6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 19, 21, 23, 26]);
    for (const f of sweep) {
      expect(f.frequency).toBeCloseTo(f.fourierIndex / 100, 15);
      expect(f.resolution).toBeCloseTo(100 / f.fourierIndex, 12);
      expect(f.frequency).toBeLessThanOrEqual(0.49);
    }
    // Tails at 10 Å (index 10, step 1 Å): 1/11 → 9.09 → 9; 1/9 → 11.1 → 11.
    const ten = sweep.find((f) => f.fourierIndex === 10)!;
    expect(ten.highStart).toBeCloseTo(0.09, 15);
    expect(ten.lowEnd).toBeCloseTo(0.11, 15);
    // At 4.348 Å (index 23): width max(0.217, 0.5) = 0.5 → 1/4.848 → 20.6 → 21; 1/3.848 → 25.99 → 26.
    const fine = sweep.find((f) => f.fourierIndex === 23)!;
    expect(fine.highStart).toBeCloseTo(0.21, 15);
    expect(fine.lowEnd).toBeCloseTo(0.26, 15);
  });

  it('ends at the last index with digital frequency ≤ 0.49 (40 voxels of 2 Å: indices 4…19)', () => {
    // 80/18 = 4.4 → 4 (20 Å); 5…13 are ≥ their minimum step apart; 14 (5.714, Δ 0.44 → target
    // 5.654 → 14.15) and 15 (Δ 0.38 → 5.214 → 15.34) round back to themselves; 16 (5.0, Δ 0.33 →
    // target 4.833 → 16.55) jumps to 17; 18 (Δ 0.26 → 4.206 → 19.02) to 19; 20 is f = 0.5 > 0.49.
    const sweep = monoDirSweep({ voxelSize: 2, boxSize: 40 });
    expect(sweep.map((f) => f.fourierIndex)).toEqual([4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 17, 19]);
    // Tails are at least one index away from the frequency and inside [0, ½].
    for (const f of sweep) {
      expect(f.highStart).toBeLessThanOrEqual((f.fourierIndex - 1) / 40 + 1e-15);
      expect(f.lowEnd).toBeGreaterThanOrEqual(Math.min(0.5, (f.fourierIndex + 1) / 40) - 1e-15);
      expect(f.lowEnd).toBeLessThanOrEqual(0.5);
    }
  });

  it('refuses bad options', () => {
    expect(() => monoDirSweep({ voxelSize: 0, boxSize: 40 })).toThrow(RangeError);
    expect(() => monoDirSweep({ voxelSize: 1, boxSize: 2 })).toThrow(RangeError);
  });
});
