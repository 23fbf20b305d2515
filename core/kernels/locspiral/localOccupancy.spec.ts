import { describe, expect, it } from 'vitest';
import { localOccupancy } from './localOccupancy.js';
import { GaussianSpiralAmplitudeLaw } from './testing/gaussianSpiralAmplitudeLaw.js';
import { halfBoxPartition, randomPhaseField } from './testing/randomPhaseFields.js';

describe('localOccupancy', () => {
  it('gives a half-amplitude region the lower occupancy the amplitude law predicts', async () => {
    // One random-phase field, amplitude 1 in the left half and ½ in the right half; the mask is two
    // equal slabs, one in each half, away from the partition. At every φ, m = σ(φ)·√T (left) or
    // σ(φ)·√T/2 (right), so the 0.25-quantile over the mask is q = σ·t with
    // ½F_T(t²) + ½F_T(4t²) = 0.25 at every φ, and the expected occupancies are 1 − F_T(t²) and
    // 1 − F_T(4t²) (0.941 and 0.559).
    const n = 64;
    const ts = 1.5;
    const field = randomPhaseField(n, ts, 50, 3);
    const volume = new Float32Array(n ** 3);
    const mask = new Uint8Array(n ** 3);
    const region = new Int8Array(n ** 3);
    for (let i = 0; i < volume.length; i++) {
      const x = i % n;
      const p = halfBoxPartition(x, n);
      volume[i] = field[i]! * (p + 0.5 * (1 - p));
      region[i] = x >= n / 8 && x < (3 * n) / 8 ? 1 : x >= (5 * n) / 8 && x < (7 * n) / 8 ? 2 : 0;
      mask[i] = region[i] ? 1 : 0;
    }
    const result = await localOccupancy(volume, [n, n, n], [ts, ts, ts], mask, { resolution: 3.5 });
    // K = int((1/3.5 − 1/15)/(4.8/96)) = int(4.38) = 4 → values are multiples of ¼.
    expect(result.frequencyCount).toBe(4);
    expect(result.occupancy.filter((v) => ![0, 0.25, 0.5, 0.75, 1].includes(v)).length).toBe(0);

    const law = new GaussianSpiralAmplitudeLaw();
    const t2 = GaussianSpiralAmplitudeLaw.solve((t) => 0.5 * law.cdfAt(t) + 0.5 * law.cdfAt(4 * t), 0.25);
    const sums = [0, 0, 0];
    const counts = [0, 0, 0];
    result.occupancy.forEach((v, i) => {
      sums[region[i]!]! += v;
      counts[region[i]!]!++;
    });
    // Each slab holds 65 536 voxels, ≈ 150 kernels of the band-pass: SD of a mean ≈ 0.4/√150 ≈ 0.03
    // for one frequency, less over four; observed within 0.003. Tolerance 0.02.
    expect(Math.abs(sums[1]! / counts[1]! - (1 - law.cdfAt(t2)))).toBeLessThan(0.02);
    expect(Math.abs(sums[2]! / counts[2]! - (1 - law.cdfAt(4 * t2)))).toBeLessThan(0.02);
    // By hand: 131 072 mask voxels, h = 131 071·0.25 = 32 767.75, so at every frequency exactly the
    // 98 304 voxels above the 32 768th smallest reach q: the mask mean is exactly 0.75.
    expect((sums[1]! + sums[2]!) / (counts[1]! + counts[2]!)).toBeCloseTo(0.75, 12);
  });

  it('uses one frequency (1/15 Å⁻¹) when the resolution is 15 Å or worse, as the original', async () => {
    const n = 32;
    const field = randomPhaseField(n, 9, 0, 1);
    const mask = new Uint8Array(n ** 3);
    mask.fill(1, 0, (n ** 3) / 2);
    const result = await localOccupancy(field, [n, n, n], [9, 9, 9], mask, { resolution: 18 });
    expect(result.frequencyCount).toBe(1);
    expect(result.frequencies).toEqual([1 / 15]);
    expect(result.occupancy.filter((v) => v !== 0 && v !== 1).length).toBe(0);
  });

  it('rejects an empty mask', async () => {
    await expect(localOccupancy(new Float32Array(512), [8, 8, 8], [1, 1, 1], new Uint8Array(512), { resolution: 3 })).rejects.toThrow(/empty/);
  });
});
