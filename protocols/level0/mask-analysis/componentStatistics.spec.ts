import { describe, expect, it } from 'vitest';
import { componentStatistics } from './componentStatistics.js';

const repeat = (size: number, count: number) => Array.from({ length: count }, () => size);

// The component lists below reproduce what the example reports print (vrs-spec §20): the listed
// components and totals are theirs; the sizes of the unlisted remaining blobs are made up to match
// the printed count, voxel total and smallest size.
describe('componentStatistics against the example reports', () => {
  it('EMD-5138: 446 components, 100206 voxels, 17 to reach 95 %, then 429 blobs of 4975 voxels (Ts 1.33 Å)', () => {
    const remaining = [...repeat(200, 12), ...repeat(7, 78), ...repeat(6, 338), 1];
    const sizes = [91567, ...repeat(236, 8), ...repeat(222, 8), ...remaining];
    expect(sizes.length).toBe(446);
    expect(sizes.reduce((a, b) => a + b, 0)).toBe(100206);
    const ts3 = 1.33 ** 3;
    const background = 192 ** 3 - 100206;
    const original = componentStatistics(sizes, background, ts3, 'original');
    expect(original.components95).toBe(17);
    expect(original.listed.map((c) => c.cumulativePercent.toFixed(2))).toEqual(
      ['91.38', '91.61', '91.85', '92.09', '92.32', '92.56', '92.79', '93.03', '93.26', '93.48', '93.71', '93.93', '94.15', '94.37', '94.59', '94.81', '95.04'],
    );
    expect(original.listed[0]!.percent.toFixed(2)).toBe('91.38');
    expect(original.listed[1]!.percent.toFixed(2)).toBe('0.24');
    expect(original.remainingComponents).toBe(429);
    expect(original.remainingVoxels).toBe(4975);
    expect(original.averageRemainingVoxels!.toFixed(2)).toBe('11.60');
    // printed "2.35 Å³" (B2: voxels/voxels·Ts³) and "from 222 voxels" (B3: the last listed), "to 1 voxel"
    expect(original.averageRemainingBlobVolumeA3!.toFixed(2)).toBe('2.35');
    expect(original.remainingFromVoxels).toBe(222);
    expect(original.remainingToVoxels).toBe(1);
    const corrected = componentStatistics(sizes, background, ts3);
    expect(corrected.components95).toBe(17);
    // vrs-spec §6.2: the corrected average is 27.28 Å³ for 5138
    expect(corrected.averageRemainingBlobVolumeA3!.toFixed(2)).toBe('27.28');
    expect(corrected.remainingFromVoxels).toBe(200);
    expect(corrected.remainingToVoxels).toBe(1);
  });

  it('EMD-5107: 61 components, 342806 voxels, the largest (333782) alone is 97.37 % (Ts 2.89 Å)', () => {
    const remaining = [...repeat(153, 42), ...repeat(152, 17), 14];
    const sizes = [333782, ...remaining];
    expect(sizes.length).toBe(61);
    expect(sizes.reduce((a, b) => a + b, 0)).toBe(342806);
    const ts3 = 2.89 ** 3;
    const original = componentStatistics(sizes, 184 ** 3 - 342806, ts3, 'original');
    expect(original.components95).toBe(1);
    expect(original.listed).toHaveLength(1);
    expect(original.listed[0]!.percent.toFixed(2)).toBe('97.37');
    expect((original.listed[0]!.voxels * ts3).toFixed(2)).toBe('8056686.06');
    expect(original.remainingComponents).toBe(60);
    expect(original.averageRemainingVoxels!.toFixed(2)).toBe('150.40');
    // the printed warning value 24.137569 (= Ts³) and "from 333782 voxels (8056686.06)" "to 14 voxels (337.93)"
    expect(original.averageRemainingBlobVolumeA3!.toFixed(6)).toBe('24.137569');
    expect(original.remainingFromVoxels).toBe(333782);
    expect((original.remainingToVoxels! * ts3).toFixed(2)).toBe('337.93');
    // corrected: 150.40 voxels · 24.137569 Å³ = 3630.29 Å³ (vrs-spec §20.1)
    expect(componentStatistics(sizes, 184 ** 3 - 342806, ts3).averageRemainingBlobVolumeA3!.toFixed(2)).toBe('3630.29');
  });

  it('EMD-23398: 137 components, the largest 368521 of 373967 voxels, 136 blobs of 5446 voxels (Ts 0.869 Å)', () => {
    const remaining = [...repeat(41, 45), ...repeat(40, 90), 1];
    const sizes = [368521, ...remaining];
    expect(sizes.reduce((a, b) => a + b, 0)).toBe(373967);
    const ts3 = 0.869 ** 3;
    const original = componentStatistics(sizes, 432 ** 3 - 373967, ts3, 'original');
    expect([original.components95, original.remainingComponents, original.remainingVoxels]).toEqual([1, 136, 5446]);
    expect(original.listed[0]!.percent.toFixed(2)).toBe('98.54');
    expect(original.averageRemainingVoxels!.toFixed(2)).toBe('40.04');
    expect(original.averageRemainingBlobVolumeA3!.toFixed(2)).toBe('0.66');
    expect(original.remainingFromVoxels).toBe(368521);
    expect(componentStatistics(sizes, 432 ** 3 - 373967, ts3).averageRemainingBlobVolumeA3!.toFixed(2)).toBe('26.28');
  });
});

describe('componentStatistics edge cases', () => {
  it('one component: nothing remains, no average and no range', () => {
    const s = componentStatistics([500], 10_000, 1);
    expect([s.components95, s.remainingComponents, s.averageRemainingBlobVolumeA3, s.remainingFromVoxels]).toEqual([1, 0, null, null]);
    expect(componentStatistics([500], 10_000, 1, 'original').averageRemainingBlobVolumeA3).toBeNull();
  });

  it('original mode when the mask fills most of the box: the background is not the largest label and n95 is off by one (B4)', () => {
    // raw mask 900 + 50 + 50 voxels in a 1100-voxel box: background 100 sorts after the largest
    const sizes = [900, 50, 50];
    expect(componentStatistics(sizes, 100, 1).components95).toBe(2);
    // the walk visits 900, then the background (a step, no voxels), then 50: steps 3 → n95 = 2, by luck
    // equal; with 95 % reached by the largest alone, steps = 1 → n95 = 0 in the original
    expect(componentStatistics([980, 10, 10], 100, 1, 'original').components95).toBe(0);
    expect(componentStatistics([980, 10, 10], 100, 1).components95).toBe(1);
  });

  it('lists at most 100 components', () => {
    const s = componentStatistics(repeat(1, 1000), 10, 1);
    expect(s.components95).toBe(950);
    expect(s.listed).toHaveLength(100);
  });
});
