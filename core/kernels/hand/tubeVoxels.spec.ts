import { describe, expect, it } from 'vitest';
import { type Vec3, Volume } from '../../volume/index.js';
import { tubeVoxels } from './tubeVoxels.js';

const n = 48;
const dims: Vec3 = [n, n, n];

/** Sum of analytic shapes sampled at voxel centres (1 Å voxels). */
function shapes(fn: (x: number, y: number, z: number) => number): Volume<Float32Array> {
  const v = Volume.zeros(dims);
  for (let z = 0, i = 0; z < n; z++) for (let y = 0; y < n; y++) for (let x = 0; x < n; x++, i++) v.data[i] = fn(x, y, z);
  return v;
}

/** Distance from p to the line through c along unit d. */
function lineDistance(p: Vec3, c: Vec3, d: Vec3): number {
  const q = [p[0] - c[0], p[1] - c[1], p[2] - c[2]];
  const t = q[0]! * d[0] + q[1]! * d[1] + q[2]! * d[2];
  return Math.hypot(q[0]! - t * d[0], q[1]! - t * d[1], q[2]! - t * d[2]);
}

describe('tubeVoxels', () => {
  const axisDir: Vec3 = [1 / Math.sqrt(3), 1 / Math.sqrt(3), 1 / Math.sqrt(3)];
  const rodCentre: Vec3 = [24, 24, 24];
  const rod = (x: number, y: number, z: number) => Math.exp(-(lineDistance([x, y, z], rodCentre, axisDir) ** 2) / (2 * 3 * 3));

  it('keeps the centre line of an oblique Gaussian rod and nothing farther than the ridge distance', () => {
    const v = shapes(rod);
    const region = new Uint8Array(v.size).fill(1);
    const tube = tubeVoxels(v, region);
    let kept = 0;
    let maxDistance = 0;
    for (let z = 0, i = 0; z < n; z++)
      for (let y = 0; y < n; y++)
        for (let x = 0; x < n; x++, i++) {
          if (!tube[i]) continue;
          kept++;
          maxDistance = Math.max(maxDistance, lineDistance([x, y, z], rodCentre, axisDir));
        }
    // a straight Gaussian rod: the Newton step −g·e/λ is the exact distance to the axis, so every
    // kept voxel is within 1 Å of it (√2 when both cross directions are at their limit)
    expect(maxDistance).toBeLessThanOrEqual(Math.SQRT2 + 1e-6);
    // and the axis is covered along its whole length inside the box (≈ 48·√3 Å ≈ 80 voxels along it)
    expect(kept).toBeGreaterThan(80);
  });

  it('rejects a slab (one curvature) and the centre of a round blob (three equal curvatures)', () => {
    const slab = shapes((x) => Math.exp(-((x - 24) ** 2) / 18));
    const blob = shapes((x, y, z) => Math.exp(-((x - 24) ** 2 + (y - 24) ** 2 + (z - 24) ** 2) / 18));
    const region = new Uint8Array(n * n * n).fill(1);
    expect(tubeVoxels(slab, region).reduce((s, v) => s + v, 0)).toBe(0);
    const blobTube = tubeVoxels(blob, region);
    // near its centre a blob curves equally in all directions: no tube there. (Its shell at r ≈ σ,
    // where the radial curvature vanishes, does look tubular locally; segments and the helix
    // template weed it out.)
    for (let z = 22; z <= 26; z++) for (let y = 22; y <= 26; y++) for (let x = 22; x <= 26; x++) {
      if ((x - 24) ** 2 + (y - 24) ** 2 + (z - 24) ** 2 <= 3) expect(blobTube[(z * n + y) * n + x]).toBe(0);
    }
  });

  it('looks only inside the region, never on the outer layer', () => {
    const v = shapes(rod);
    const region = new Uint8Array(v.size);
    for (let z = 0; z < 24; z++) for (let y = 0; y < n; y++) for (let x = 0; x < n; x++) region[(z * n + y) * n + x] = 1;
    const tube = tubeVoxels(v, region);
    for (let z = 0, i = 0; z < n; z++)
      for (let y = 0; y < n; y++)
        for (let x = 0; x < n; x++, i++) {
          if (!tube[i]) continue;
          expect(z).toBeLessThan(24);
          expect(Math.min(x, y, z)).toBeGreaterThan(0);
          expect(Math.max(x, y, z)).toBeLessThan(n - 1);
        }
    expect(() => tubeVoxels(v, new Uint8Array(10))).toThrow(RangeError);
  });
});
