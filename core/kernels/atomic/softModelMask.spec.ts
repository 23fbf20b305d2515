import { describe, expect, it } from 'vitest';
import { normalCdf } from '../../stats/normalCdf.js';
import { softModelMask } from './softModelMask.js';

describe('softModelMask', () => {
  it('blurs a half-space into the normal CDF with σ = radius/2, in Å whatever the voxel size', () => {
    const n = 40;
    const mask = new Uint8Array(n * n * n);
    for (let k = 0; k < n; k++) for (let j = 0; j < n; j++) for (let i = 0; i < 20; i++) mask[(k * n + j) * n + i] = 1;
    for (const voxel of [1, 0.5]) {
      const radius = 4 * voxel;
      const soft = softModelMask(mask, { dims: [n, n, n], voxelSize: [voxel, voxel, voxel], origin: [0, 0, 0] }, radius);
      const sigma = radius / 2;
      for (let i = 12; i < 28; i++) {
        // The edge lies half-way between voxels 19 and 20.
        const expected = normalCdf(((19.5 - i) * voxel) / sigma);
        expect(soft[(20 * n + 20) * n + i]).toBeCloseTo(expected, 2);
      }
      expect(soft[(3 * n + 37) * n + 2]).toBeCloseTo(1, 6);
      expect(soft[(3 * n + 37) * n + 38]).toBeCloseTo(0, 6);
      expect(Math.min(...soft)).toBeGreaterThanOrEqual(0);
      expect(Math.max(...soft)).toBeLessThanOrEqual(1);
    }
  });
});
