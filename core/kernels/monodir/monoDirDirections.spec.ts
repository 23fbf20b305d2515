import { describe, expect, it } from 'vitest';
import { monoDirDirections } from './monoDirDirections.js';

const angle = (a: readonly number[], b: readonly number[]) => (Math.acos(Math.min(1, Math.abs(a[0]! * b[0]! + a[1]! * b[1]! + a[2]! * b[2]!))) * 180) / Math.PI;

describe('monoDirDirections', () => {
  it('46 distinct unit directions in the upper hemisphere; with their antipodes, the 92 vertices of a frequency-3 geodesic sphere', () => {
    const dirs = monoDirDirections();
    expect(dirs).toHaveLength(46);
    for (const d of dirs) {
      expect(Math.hypot(...d.vector)).toBeCloseTo(1, 12);
      expect(d.vector[2]).toBeGreaterThan(0);
      const t = (d.tilt * Math.PI) / 180, r = (d.rot * Math.PI) / 180;
      expect(d.vector[0]).toBeCloseTo(Math.sin(t) * Math.cos(r), 12);
      expect(d.vector[1]).toBeCloseTo(Math.sin(t) * Math.sin(r), 12);
    }
    // Nearest neighbours are the edge thirds, 63.435°/3 = 21.145° apart (face centres are farther):
    // no pair is within the outlier-removal angle of 20°.
    let closest = 180;
    for (let i = 0; i < 46; i++) for (let j = i + 1; j < 46; j++) closest = Math.min(closest, angle(dirs[i]!.vector, dirs[j]!.vector));
    expect(closest).toBeCloseTo(63.4349488 / 3, 4);
  });

  it('holds the original table entries (0°, 0°), (36°, 21.145°), (36°, 42.29°), (36°, 63.435°) and (59.6043°, −81.0207°) as its upper-hemisphere axis', () => {
    const dirs = monoDirDirections();
    const has = (rot: number, tilt: number) => dirs.some((d) => Math.abs(d.rot - rot) < 1e-3 && Math.abs(d.tilt - tilt) < 1e-3);
    expect(has(0, 0)).toBe(true);
    expect(has(36, 21.145)).toBe(true);
    expect(has(36, 42.29)).toBe(true);
    expect(has(36, 63.435)).toBe(true);
    // tilt −81.0207 at rot 59.6043 is the axis of tilt 81.0207 at rot 239.6043.
    expect(has(239.6043, 81.0207)).toBe(true);
  });

  it("'original47' repeats the pole first, as the original's table", () => {
    const dirs = monoDirDirections('original47');
    expect(dirs).toHaveLength(47);
    expect(dirs[0]!.vector).toEqual([0, 0, 1]);
    expect(angle(dirs[1]!.vector, [0, 0, 1])).toBeCloseTo(0, 9);
  });
});
