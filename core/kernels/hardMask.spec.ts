import { describe, expect, it } from 'vitest';
import { Volume, type Vec3 } from '../volume/index.js';
import { hardMask } from './hardMask.js';
import { countOnes } from './testing.js';

/** A map with value = 10 − distance (voxels) from c1 near c1 and a small second peak at c2. */
function twoPeaks(dims: Vec3, voxelSize: Vec3): Volume {
  const v = Volume.zeros(dims, voxelSize);
  for (let z = 0; z < dims[2]; z++)
    for (let y = 0; y < dims[1]; y++)
      for (let x = 0; x < dims[0]; x++) {
        const r1 = Math.hypot(x - 10, y - 10, z - 10);
        const r2 = Math.hypot(x - 20, y - 20, z - 20);
        v.data[v.index(x, y, z)] = Math.max(10 - r1, 0) + (r2 <= 1 ? 9 : 0);
      }
  return v;
}

describe('hardMask', () => {
  it('thresholds, keeps the largest component and dilates ceil(2/Ts) times', () => {
    const vol = twoPeaks([24, 24, 24], [1, 1, 1]);
    // v ≥ 6 ⇔ r1 ≤ 4 (a lattice ball) or the 7-voxel cross around c2 (r2 ≤ 1)
    let ball = 0;
    for (let z = -4; z <= 4; z++) for (let y = -4; y <= 4; y++) for (let x = -4; x <= 4; x++) if (x * x + y * y + z * z <= 16) ball++;
    const r = hardMask(vol, 6);
    expect(r.rawCount).toBe(ball + 7);
    expect(r.componentCount).toBe(2);
    expect(r.largestComponentSize).toBe(ball);
    // sizes by label, background first: the ball's first voxel comes earlier in memory order
    expect(r.componentSizes.slice(1).sort((a, b) => b - a)).toEqual([ball, 7]);
    expect(r.componentSizes[0]).toBe(24 ** 3 - ball - 7);
    expect(r.passes).toBe(2);
    expect(r.mask.data[vol.index(20, 20, 20)]).toBe(0);
    // two 18-passes extend the ball by 2 voxels along the axes (r ≤ 6 on axis) but less on diagonals
    expect(r.mask.data[vol.index(16, 10, 10)]).toBe(1);
    expect(r.mask.data[vol.index(17, 10, 10)]).toBe(0);
    expect(r.count).toBe(countOnes(r.mask.data));
  });

  it('takes passes from the voxel size (vrs-spec examples) and the smallest of anisotropic sizes', () => {
    const passesFor = (ts: Vec3) => hardMask(Volume.zeros([4, 4, 4], ts), 1).passes;
    expect(passesFor([2.89, 2.89, 2.89])).toBe(1);
    expect(passesFor([1.33, 1.33, 1.33])).toBe(2);
    expect(passesFor([0.869, 0.869, 0.869])).toBe(3);
    expect(passesFor([1, 1, 1])).toBe(2);
    expect(passesFor([1.2, 0.8, 1.0])).toBe(3);
  });

  it('returns an empty mask when nothing reaches the threshold', () => {
    const r = hardMask(twoPeaks([24, 24, 24], [1, 1, 1]), 100);
    expect([r.rawCount, r.count, r.componentCount]).toEqual([0, 0, 0]);
  });
});
