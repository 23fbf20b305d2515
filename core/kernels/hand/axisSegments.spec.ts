import { describe, expect, it } from 'vitest';
import { type Vec3, Volume } from '../../volume/index.js';
import { type AxisSegment, axisSegments } from './axisSegments.js';

const opts = { minLength: 10, maxLength: 24, maxWidth: 1.2, minSeparation: 4 };

/** A mask with voxels within `radius` of the given polyline pieces (1 Å voxels, origin 0). */
function rods(dims: Vec3, pieces: [Vec3, Vec3][], radius = 0.5): Volume<Uint8Array> {
  const v = new Volume(new Uint8Array(dims[0] * dims[1] * dims[2]), { dims, voxelSize: [1, 1, 1], origin: [0, 0, 0] });
  for (let z = 0, i = 0; z < dims[2]; z++)
    for (let y = 0; y < dims[1]; y++)
      for (let x = 0; x < dims[0]; x++, i++) {
        for (const [a, b] of pieces) {
          const d = [b[0] - a[0], b[1] - a[1], b[2] - a[2]];
          const len2 = d[0]! ** 2 + d[1]! ** 2 + d[2]! ** 2;
          let t = ((x - a[0]) * d[0]! + (y - a[1]) * d[1]! + (z - a[2]) * d[2]!) / len2;
          t = Math.max(0, Math.min(1, t));
          const dist = Math.hypot(x - a[0] - t * d[0]!, y - a[1] - t * d[1]!, z - a[2] - t * d[2]!);
          if (dist <= radius + 1e-9) v.data[i] = 1;
        }
      }
  return v;
}

function angleDeg(a: Vec3, b: Vec3): number {
  const c = Math.abs(a[0] * b[0] + a[1] * b[1] + a[2] * b[2]) / (Math.hypot(...a) * Math.hypot(...b));
  return (Math.acos(Math.min(1, c)) * 180) / Math.PI;
}

function sortByCentre(segments: AxisSegment[], axis: 0 | 1 | 2): AxisSegment[] {
  return [...segments].sort((p, q) => p.centre[axis] - q.centre[axis]);
}

describe('axisSegments', () => {
  it('finds one straight segment with its length, direction and centre; drops pieces under 10 Å', () => {
    const mask = rods([40, 30, 30], [[[5, 10, 10], [25, 10, 10]], [[5, 20, 20], [12, 20, 20]]]);
    const segments = axisSegments(mask, opts);
    expect(segments).toHaveLength(1);
    const [s] = segments;
    expect(s!.length).toBeCloseTo(20, 6);
    expect(angleDeg(s!.direction, [1, 0, 0])).toBeLessThan(1e-6);
    s!.centre.forEach((c, k) => expect(c).toBeCloseTo([15, 10, 10][k]!, 6));
    expect(s!.voxels).toBe(21);
  });

  it('cuts a long rod into equal pieces no longer than maxLength', () => {
    const segments = sortByCentre(axisSegments(rods([70, 12, 12], [[[5, 6, 6], [64, 6, 6]]]), opts), 0);
    // 59 Å → 3 parts of ≈ 19.7 Å
    expect(segments).toHaveLength(3);
    for (const s of segments) {
      expect(s.length).toBeGreaterThan(17);
      expect(s.length).toBeLessThanOrEqual(24);
    }
  });

  it('splits an L (two helices joined at a corner) into its two arms', () => {
    const segments = axisSegments(rods([40, 40, 12], [[[5, 5, 6], [25, 5, 6]], [[5, 5, 6], [5, 25, 6]]]), opts);
    expect(segments).toHaveLength(2);
    const dirs = segments.map((s) => angleDeg(s.direction, [1, 0, 0])).sort((a, b) => a - b);
    expect(dirs[0]).toBeLessThan(5);
    expect(dirs[1]).toBeGreaterThan(85);
    for (const s of segments) expect(s.length).toBeGreaterThan(15);
  });

  it('separates two side-by-side rods 9 Å apart joined by a bridge (a helix hairpin)', () => {
    const segments = sortByCentre(
      axisSegments(rods([40, 30, 14], [[[5, 10, 7], [28, 10, 7]], [[5, 19, 7], [28, 19, 7]], [[28, 10, 7], [28, 19, 7]]]), opts),
      1,
    );
    expect(segments).toHaveLength(2);
    expect(segments[0]!.centre[1]).toBeCloseTo(10, 0);
    expect(segments[1]!.centre[1]).toBeCloseTo(19, 0);
    for (const s of segments) expect(angleDeg(s.direction, [1, 0, 0])).toBeLessThan(5);
  });

  it('keeps a thick rod whole instead of cutting it lengthwise', () => {
    const segments = axisSegments(rods([30, 16, 16], [[[4, 8, 8], [22, 8, 8]]], 1.8), opts);
    expect(segments.length).toBeGreaterThanOrEqual(1);
    for (const s of segments) {
      expect(angleDeg(s.direction, [1, 0, 0])).toBeLessThan(5);
      expect(Math.hypot(s.centre[1] - 8, s.centre[2] - 8)).toBeLessThan(0.5);
    }
  });

  it('uses the voxel size and origin (positions in Å)', () => {
    const mask = rods([40, 10, 10], [[[5, 5, 5], [25, 5, 5]]]);
    const scaled = new Volume(mask.data, { dims: [40, 10, 10], voxelSize: [0.5, 1, 1], origin: [100, 0, 0] });
    const segments = axisSegments(scaled, opts);
    expect(segments).toHaveLength(1);
    expect(segments[0]!.length).toBeCloseTo(10, 6);
    expect(segments[0]!.centre[0]).toBeCloseTo(107.5, 6);
    expect(axisSegments(scaled, { ...opts, minLength: 10.5 })).toHaveLength(0);
  });
});
