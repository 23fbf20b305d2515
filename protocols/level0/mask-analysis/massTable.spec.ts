import { describe, expect, it } from 'vitest';
import { SeededRandom, Volume } from '../../../core/index.js';
import { DALTONS_PER_RESIDUE, massTable, PROTEIN_VOLUME_A3_PER_DA } from './massTable.js';

describe('massTable', () => {
  it('counts voxels strictly above step·(i+1), step = max/25, 24 rows for max = 1 (numpy arange length)', () => {
    const rnd = new SeededRandom(4);
    const map = Volume.zeros([30, 20, 10], [1.2, 1.2, 1.2]);
    for (let i = 0; i < map.size; i++) map.data[i] = rnd.uniform(-0.5, 1);
    map.data[17] = 1; // the maximum, exactly
    map.data[18] = 0.52; // a value between levels, and one exactly on level 12 (0.04·13 = 0.52)
    const rows = massTable(map, 1.2 ** 3);
    // (1 − 0.04)/0.04 = 23.999999999999996 in float64 → 24 levels, 0.04 … 0.96
    expect(rows).toHaveLength(24);
    rows.forEach((row, i) => {
      expect(row.threshold).toBeCloseTo(0.04 * (i + 1), 12);
      let count = 0;
      for (const v of map.data) if (v > row.threshold) count++;
      expect(row.voxels).toBe(count);
      expect(row.kDa).toBeCloseTo((count * 1.2 ** 3) / 1207, 10);
      expect(row.residues).toBeCloseTo((count * 1.2 ** 3) / (110 * 1.207), 10);
    });
  });

  it('reproduces the kDa and residue columns of the EMD-5107 table from its voxel counts (vrs-spec §20.4)', () => {
    const ts3 = 24.137569;
    const published: [number, number, number][] = [
      [469836, 9395.77, 85416.12],
      [339218, 6783.68, 61669.79],
      [152784, 3055.37, 27776.11],
      [2572, 51.43, 467.59],
      [40, 0.8, 7.27],
    ];
    for (const [voxels, kDa, residues] of published) {
      expect(((voxels * ts3) / (PROTEIN_VOLUME_A3_PER_DA * 1000)).toFixed(2)).toBe(kDa.toFixed(2));
      expect(((voxels * ts3) / (DALTONS_PER_RESIDUE * PROTEIN_VOLUME_A3_PER_DA)).toFixed(2)).toBe(residues.toFixed(2));
    }
  });

  it('gives no rows for a map without positive density', () => {
    expect(massTable(Volume.zeros([4, 4, 4]), 1)).toEqual([]);
    const negative = Volume.zeros([4, 4, 4]);
    negative.data.fill(-1);
    expect(massTable(negative, 1)).toEqual([]);
  });
});
