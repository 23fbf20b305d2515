import { describe, expect, it } from 'vitest';
import { directionalSummaries } from './directionalSummaries.js';
import { monoDirRadialProfile, radialAverages } from './radialAverages.js';
import type { Vec3 } from '../../volume/index.js';

describe('directionalSummaries', () => {
  it('lowest/highest by index floor(0.95n)/floor(0.05n), radial (≤ 45°) and azimuthal (≥ 70°) means, histogram of directions within 0.1 Å of the best (hand-computed)', () => {
    const dims: Vec3 = [8, 8, 8];
    // One voxel 3 voxels along +x from the centre (4, 4, 4): its radius vector is x.
    const maskIndex = Int32Array.from([(4 * 8 + 4) * 8 + 7, (4 * 8 + 4) * 8 + 4]);
    const c50 = Math.cos((50 * Math.PI) / 180), s50 = Math.sin((50 * Math.PI) / 180);
    // d0 along x (radial), d1 along z (azimuthal, 90°), d2 at 50° from x (neither), d3 at 170°
    // from x (10° as an axis: radial).
    const vectors: [number, number, number][] = [[1, 0, 0], [0, 0, 1], [c50, 0, s50], [-Math.cos(Math.PI / 18), Math.sin(Math.PI / 18), 0]];
    // [direction][voxel]: voxel 0 has 4, 5, 6, 4.05; voxel 1 (the centre) has 7, −1 (removed), 7, 9.
    const results = Float32Array.from([4, 7, 5, -1, 6, 7, 4.05, 9]);
    const s = directionalSummaries(results, 4, maskIndex, dims, vectors);
    // Voxel 0: sorted (4, 4.05, 5, 6), n = 4: highest = v[0] = 4, lowest = v[floor(3.8)] = v[3] = 6.
    expect(s.highest[0]).toBeCloseTo(4, 6);
    expect(s.lowest[0]).toBeCloseTo(6, 6);
    expect(s.radial[0]).toBeCloseTo((4 + 4.05) / 2, 5);
    expect(s.azimuthal[0]).toBeCloseTo(5, 6);
    // Voxel 1: valid (7, 7, 9): highest 7, lowest v[floor(2.85)] = 9; at the centre no radius
    // vector: radial = azimuthal = ½(lowest + highest) = 8.
    expect(s.highest[1]).toBeCloseTo(7, 6);
    expect(s.lowest[1]).toBeCloseTo(9, 6);
    expect(s.radial[1]).toBeCloseTo(8, 6);
    expect(s.azimuthal[1]).toBeCloseTo(8, 6);
    // Histogram: voxel 0 counts d0 (4) and d3 (4.05); voxel 1 counts d0 and d2 (7).
    expect(Array.from(s.histogram)).toEqual([2, 0, 1, 1]);
  });
});

describe('radialAverages', () => {
  it('equals a brute-force loop over shells kk−1 ≤ r < kk+1 (kk = 1 … n/2 − 1)', () => {
    const dims: Vec3 = [10, 10, 10];
    const maskIndex: number[] = [];
    for (let p = 0; p < 1000; p += 7) maskIndex.push(p);
    const index = Int32Array.from(maskIndex);
    const values = Float32Array.from(index, (p) => 1 + (p % 13));
    const rows = radialAverages(index, dims, [values]);
    const expected: { radius: number; mean: number }[] = [];
    for (let kk = 1; kk < 5; kk++) {
      let sum = 0, n = 0;
      for (let m = 0; m < index.length; m++) {
        const p = index[m]!;
        const x = (p % 10) - 5, y = (Math.floor(p / 10) % 10) - 5, z = Math.floor(p / 100) - 5;
        const r = Math.sqrt(x * x + y * y + z * z);
        if (r >= kk - 1 && r < kk + 1) { sum += values[m]!; n++; }
      }
      if (n > 0) expected.push({ radius: kk, mean: sum / n });
    }
    expect(rows.map((r) => r.radius)).toEqual(expected.map((e) => e.radius));
    rows.forEach((row, k) => expect(row.values[0]).toBeCloseTo(expected[k]!.mean, 5));
  });

  it('monoDirRadialProfile reads the MonoRes map at the evaluated voxels; voxels without a MonoRes value do not enter its mean', () => {
    const dims: Vec3 = [8, 8, 8];
    // Voxels at r = 1 (along +x), r = 3 (along +y) and r = 1 (along −x) from (4, 4, 4); the last has no MonoRes value.
    const index = Int32Array.from([(4 * 8 + 4) * 8 + 5, (4 * 8 + 7) * 8 + 4, (4 * 8 + 4) * 8 + 3]);
    const monoRes = new Float32Array(512);
    monoRes[index[0]!] = 6;
    monoRes[index[1]!] = 8;
    const summaries = { highest: Float32Array.from([4, 5, 6]), lowest: Float32Array.from([9, 11, 9]), radial: Float32Array.from([5, 6, 5]), azimuthal: Float32Array.from([7, 8, 7]) };
    const rows = monoDirRadialProfile(index, dims, summaries, monoRes);
    // r = 1 lies in shells 1 and 2; r = 3 in shells 3 (2 ≤ 3 < 4) only, as kk = 4 = n/2 is not a row.
    expect(rows.map((r) => r.radius)).toEqual([1, 2, 3]);
    // Shell 1: min (4 + 6)/2 = 5; avg 6 from the one voxel with a MonoRes value (not (6 + 0)/2).
    expect(rows[0]).toEqual({ radius: 1, min: 5, max: 9, avg: 6, radial: 5, azimuthal: 7 });
    expect(rows[2]).toEqual({ radius: 3, min: 5, max: 11, avg: 8, radial: 6, azimuthal: 8 });
  });
});
