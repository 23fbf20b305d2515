import { describe, expect, it } from 'vitest';
import { removeDirectionalOutliers } from './removeDirectionalOutliers.js';

const vec = (rot: number, tilt: number): [number, number, number] => {
  const r = (rot * Math.PI) / 180, t = (tilt * Math.PI) / 180;
  return [Math.sin(t) * Math.cos(r), Math.sin(t) * Math.sin(r), Math.cos(t)];
};

describe('removeDirectionalOutliers', () => {
  it('removes the one direction of a tight cluster whose resolution vector is far from its neighbours (hand-computed)', () => {
    // Pole + 8 directions at tilt 8° (rot 45°·k): all 72 ordered pairs are within 20°. Resolutions
    // 10 Å except 20 Å for the first ring direction. Distances |r_i d_i − r_j d_j|: mean 3.7487,
    // sd 3.6000 → threshold 3.7487 + 1.6449·3.6000 = 9.6702; the 20 Å direction's own mean is
    // 10.4009 (removed), the others' at most 3.0545 (kept).
    const vectors = [vec(0, 0), ...Array.from({ length: 8 }, (_, k) => vec(45 * k, 8))];
    const voxels = 2;
    const results = new Float32Array(vectors.length * voxels).fill(10);
    results[1 * voxels + 0] = 20; // voxel 0 only
    const removed = removeDirectionalOutliers(results, vectors.length, voxels, vectors);
    expect(removed).toBe(1);
    expect(results[1 * voxels + 0]).toBe(-1);
    for (let d = 0; d < vectors.length; d++) {
      if (d !== 1) expect(results[d * voxels + 0]).toBe(10);
      expect(results[d * voxels + 1]).toBe(10); // a uniform voxel keeps everything (σ = 0 and sums > 1)
    }
  });

  it('removes directions whose distance sum is ≤ 1 (two directions 10° apart at 5 Å: 2·5·sin 5° = 0.872)', () => {
    const vectors = [vec(0, 0), vec(0, 10), vec(0, 90)];
    const results = Float32Array.from([5, 5, 5]);
    expect(removeDirectionalOutliers(results, 3, 1, vectors)).toBe(2);
    expect(Array.from(results)).toEqual([-1, -1, 5]);
    // At 10 Å the distance is 1.743 > 1: nothing goes.
    const coarser = Float32Array.from([10, 10, 10]);
    expect(removeDirectionalOutliers(coarser, 3, 1, vectors)).toBe(0);
  });

  it('changes nothing when no two directions are within 20° (the 46 fast-mode directions are 21.1° apart)', () => {
    const vectors = [vec(0, 0), vec(0, 21.145), vec(36, 42.29)];
    const results = Float32Array.from([5, 50, 0.5]);
    expect(removeDirectionalOutliers(results, 3, 1, vectors)).toBe(0);
    expect(Array.from(results)).toEqual([5, 50, 0.5]);
  });
});
