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
    // Ts = 1 Å: the average blob of 8 voxels is 8 Å³; the corrected bound is max(5, π/6·27·1) =
    // 14.137 Å³ (one noise speck, a sphere 3 voxels across), so no warning.
    expect(m['averageRemainingBlobVolumeA3']).toBe(8);
    expect(m['averageBlobLimitA3']).toBeCloseTo(14.1372, 4);
    expect(m['constructedMaskVoxels']).toBe(dilatedCubeVoxels(10, 2));
    expect(m['overlap']).toBeCloseTo(1000 / 1024, 12);
    expect(section.status).toBe('ok');
    expect(section.warnings).toEqual([]);
    expect(section.criteria).toContain('an average volume below 14.14 Å³');
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

  it("original mode keeps the 5 Å³ bound and its criteria text", () => {
    const { section } = maskAnalysisSection(map, mask, info, { compatibility: 'original' });
    expect(section.metrics['averageBlobLimitA3']).toBe(5);
    expect(section.criteria).toContain('an average volume below 5 Å³,');
  });

  it('an empty mask: could not be measured, with the map maximum in the reason', () => {
    const empty = buildHardMask(map, 3);
    const { section } = maskAnalysisSection(map, empty.mask, empty.info);
    expect(section.status).toBe('failed');
    expect(section.reason).toMatch(/No voxel of the map reaches the threshold 3\.000000 \(the map maximum is 2\)/);
  });
});

describe('0.b average-blob bound by voxel size and mode (hand-computed)', () => {
  /** One 16³ block (4096 voxels, over 95 % of the mask) and three side-`blob` blocks on a 40³ grid of voxel size `ts`. */
  function phantom(ts: number, blob: number) {
    const map = Volume.zeros([40, 40, 40], [ts, ts, ts]);
    cube(map, [8, 8, 8], 16);
    cube(map, [30, 30, 30], blob);
    cube(map, [30, 3, 30], blob);
    cube(map, [3, 30, 30], blob);
    const { mask, info } = buildHardMask(map, 1);
    return { map, mask, info };
  }

  it('Ts = 2 Å, 1-voxel blobs (8 Å³): corrected bound 14.137·8 = 113.10 Å³, no warning; original 8 > 5 Å³ warns', () => {
    const { map, mask, info } = phantom(2, 1);
    const corrected = maskAnalysisSection(map, mask, info).section;
    expect(corrected.metrics['averageRemainingBlobVolumeA3']).toBe(8);
    expect(corrected.metrics['averageBlobLimitA3']).toBeCloseTo(113.097, 3);
    expect(corrected.warnings.filter((w) => w.includes('noise and artifacts'))).toEqual([]);
    const original = maskAnalysisSection(map, mask, info, { compatibility: 'original' }).section;
    expect(original.warnings).toContain('There might be a problem with noise and artifacts: the average noise blob has a volume of 8.000000 Å³ (more than 5 Å³).');
  });

  it('Ts = 1 Å, 27-voxel blobs: 27 Å³ > 14.14 Å³ warns in corrected mode', () => {
    const { map, mask, info } = phantom(1, 3);
    const s = maskAnalysisSection(map, mask, info).section;
    expect([s.metrics['components95'], s.metrics['averageRemainingVoxels']]).toEqual([1, 27]);
    expect(s.warnings).toContain('There might be a problem with noise and artifacts: the average noise blob has a volume of 27.000000 Å³ (more than 14.14 Å³).');
  });

  it('Ts = 0.5 Å: the bound is 5 Å³ (π/6·27·0.125 = 1.77 < 5); 27-voxel blobs (3.375 Å³) pass, 64-voxel blobs (8 Å³) warn', () => {
    const small = phantom(0.5, 3);
    const a = maskAnalysisSection(small.map, small.mask, small.info).section;
    expect(a.metrics['averageBlobLimitA3']).toBe(5);
    expect(a.metrics['averageRemainingBlobVolumeA3']).toBe(3.375);
    expect(a.warnings.filter((w) => w.includes('noise and artifacts'))).toEqual([]);
    const large = phantom(0.5, 4);
    const b = maskAnalysisSection(large.map, large.mask, large.info).section;
    expect(b.metrics['averageRemainingBlobVolumeA3']).toBe(8);
    expect(b.warnings).toContain('There might be a problem with noise and artifacts: the average noise blob has a volume of 8.000000 Å³ (more than 5.00 Å³).');
  });
});
