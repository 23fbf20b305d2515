import { describe, expect, it } from 'vitest';
import { Volume, type Vec3 } from '../../../core/index.js';
import { buildHardMask } from '../../preprocessing/hard-mask/buildHardMask.js';
import { maskAnalysisSection } from './maskAnalysisSection.js';

/** Sets value 2 on the cube [lo, lo + side) along each axis. */
function cube(map: Volume, lo: Vec3, side: number): void {
  for (let z = lo[2]; z < lo[2] + side; z++) for (let y = lo[1]; y < lo[1] + side; y++) for (let x = lo[0]; x < lo[0] + side; x++) map.data[map.index(x, y, z)] = 2;
}

/**
 * Voxels of a side-s cube after k passes of 18-neighbour dilation: a voxel at per-axis distances
 * (dx, dy, dz) outside the cube is reached when max ≤ k and dx + dy + dz ≤ 2k (each step moves along
 * at most two axes) — counted here over the distances, not with the dilation kernel.
 */
function dilatedCubeVoxels(side: number, k: number): number {
  let count = 0;
  for (let x = -k; x < side + k; x++)
    for (let y = -k; y < side + k; y++)
      for (let z = -k; z < side + k; z++) {
        const d = [x, y, z].map((c) => (c < 0 ? -c : c >= side ? c - side + 1 : 0));
        if (Math.max(...d) <= k && d[0]! + d[1]! + d[2]! <= 2 * k) count++;
      }
  return count;
}

describe('0.b mask analysis on a phantom of one large and three small blocks', () => {
  const map = Volume.zeros([40, 40, 40], [1, 1, 1]);
  cube(map, [10, 10, 10], 10); // 1000 voxels
  cube(map, [30, 30, 30], 2); // three 8-voxel blocks, far from it and from each other
  cube(map, [30, 5, 30], 2);
  cube(map, [5, 30, 30], 2);
  const { mask, info } = buildHardMask(map, 1);

  it('counts components, the 95 % list, the remaining blobs and the overlap', () => {
    const { section, files } = maskAnalysisSection(map, mask, info);
    const m = section.metrics;
    expect([m['rawComponents'], m['rawVoxels'], m['components95']]).toEqual([4, 1024, 1]);
    expect([m['remainingComponents'], m['remainingVoxels'], m['averageRemainingVoxels']]).toEqual([3, 24, 8]);
    // Ts = 1 Å: the average blob of 8 voxels is 8 Å³ > 5 Å³ → warning (corrected)
    expect(m['averageRemainingBlobVolumeA3']).toBe(8);
    expect(m['constructedMaskVoxels']).toBe(dilatedCubeVoxels(10, 2));
    expect(m['overlap']).toBeCloseTo(1000 / 1024, 12);
    expect(section.status).toBe('warnings');
    expect(section.warnings).toEqual(['There might be a problem with noise and artifacts: the average noise blob has a volume of 8.000000 Å³ (more than 5 Å³).']);
    // every level of the mass table is below the maximum 2: all 1024 voxels exceed each
    const table = m['massTable'] as { threshold: number; voxels: number }[];
    expect(table.length).toBeGreaterThanOrEqual(24);
    for (const row of table) expect(row.voxels).toBe(row.threshold < 2 ? 1024 : 0);
    expect(section.figures?.[0]?.panels.map((p) => p.file)).toEqual(['raw_mask_x.png', 'raw_mask_y.png', 'raw_mask_z.png']);
    expect(Object.keys(files)).toHaveLength(3);
  });

  it("original statistics: the average blob 'volume' is Ts³ = 1 Å³, no warning; 'from' is the last listed component", () => {
    const { section } = maskAnalysisSection(map, mask, info, { compatibility: 'original' });
    expect(section.metrics['averageRemainingBlobVolumeA3']).toBe(1);
    expect(section.metrics['remainingSizeFromVoxels']).toBe(1000);
    expect(section.status).toBe('ok');
    expect(section.abstract).toBe('There seems to be no problem with the suggested threshold.');
  });

  it('an empty mask: could not be measured, with the map maximum in the reason', () => {
    const empty = buildHardMask(map, 3);
    const { section } = maskAnalysisSection(map, empty.mask, empty.info);
    expect(section.status).toBe('failed');
    expect(section.reason).toMatch(/No voxel of the map reaches the threshold 3\.000000 \(the map maximum is 2\)/);
  });
});
