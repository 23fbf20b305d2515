import { describe, expect, it } from 'vitest';
import type { Volume } from 'cryo-vrs';
import { boxEdgeFraction } from './boxEdgeFraction.js';

/** A 20³ grid of 2 Å voxels, 1 inside the block [x0, x1) × [y0, y1) × [z0, z1), 0 elsewhere. */
function block(x: [number, number], y: [number, number], z: [number, number], n = 20, voxel = 2): Volume<Float32Array> {
  const data = new Float32Array(n * n * n);
  for (let k = z[0]; k < z[1]; k++) for (let j = y[0]; j < y[1]; j++) for (let i = x[0]; i < x[1]; i++) data[(k * n + j) * n + i] = 1;
  // Structural stand-in for cryo-vrs's Volume: the function reads data, dims and voxelSize only.
  return { data, dims: [n, n, n], voxelSize: [voxel, voxel, voxel] } as unknown as Volume<Float32Array>;
}

describe('boxEdgeFraction', () => {
  it('a centred block is clear of the faces', () => {
    const measure = boxEdgeFraction(block([5, 15], [5, 15], [5, 15]), 0.5, 4);
    expect(measure).toMatchObject({ voxelsAbove: 1000, voxelsAboveNearFaces: 0, fraction: 0 });
  });

  it('a block against the −x face: with 2 Å voxels and 4 Å, the two outer layers count', () => {
    // Voxel centres at 1 Å and 3 Å from the face are within 4 Å; the next, at 5 Å, is not.
    const measure = boxEdgeFraction(block([0, 10], [5, 15], [5, 15]), 0.5, 4);
    expect(measure.layers).toEqual([2, 2, 2]);
    expect(measure.voxelsAbove).toBe(1000);
    expect(measure.voxelsAboveNearFaces).toBe(200);
    expect(measure.fraction).toBeCloseTo(0.2, 12);
    expect(measure.perFace).toEqual([0.2, 0, 0, 0, 0, 0]);
  });

  it('counts a corner voxel once overall but for each face it is near', () => {
    // A 2×2×2 block in the (−x, −y, −z) corner, distance 1 Å: one layer, only voxel (0,0,0) is near
    // −x, −y and −z at once; the 4 voxels with x = 0 are near −x.
    const measure = boxEdgeFraction(block([0, 2], [0, 2], [0, 2]), 0.5, 1);
    expect(measure.layers).toEqual([1, 1, 1]);
    expect(measure.voxelsAboveNearFaces).toBe(7);
    expect(measure.perFace).toEqual([0.5, 0, 0.5, 0, 0.5, 0]);
  });

  it('returns 0 when nothing is above the threshold', () => {
    expect(boxEdgeFraction(block([0, 10], [0, 10], [0, 10]), 2, 4)).toMatchObject({ voxelsAbove: 0, fraction: 0 });
  });
});
