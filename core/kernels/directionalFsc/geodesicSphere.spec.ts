import { describe, expect, it } from 'vitest';
import { directionsFromVectors, geodesicSphere, hemisphereDirections } from './geodesicSphere.js';

describe('geodesicSphere', () => {
  it('has 10·4^L + 2 unit vertices and 20·4^L outward faces', () => {
    for (const level of [0, 1, 2, 3]) {
      const { vertices, faces } = geodesicSphere(level);
      expect(vertices.length / 3).toBe(10 * 4 ** level + 2);
      expect(faces.length / 3).toBe(20 * 4 ** level);
      for (let v = 0; v < vertices.length; v += 3) expect(Math.hypot(vertices[v]!, vertices[v + 1]!, vertices[v + 2]!)).toBeCloseTo(1, 12);
      let volume = 0;
      for (let f = 0; f < faces.length; f += 3) {
        const [a, b, c] = [3 * faces[f]!, 3 * faces[f + 1]!, 3 * faces[f + 2]!];
        const triple =
          vertices[a]! * (vertices[b + 1]! * vertices[c + 2]! - vertices[b + 2]! * vertices[c + 1]!) +
          vertices[a + 1]! * (vertices[b + 2]! * vertices[c]! - vertices[b]! * vertices[c + 2]!) +
          vertices[a + 2]! * (vertices[b]! * vertices[c + 1]! - vertices[b + 1]! * vertices[c]!);
        expect(triple).toBeGreaterThan(0);
        volume += triple / 6;
      }
      // Inscribed polyhedron: below the ball's 4π/3, approaching it as the level grows.
      expect(volume).toBeLessThan((4 * Math.PI) / 3);
      if (level === 3) expect(volume).toBeGreaterThan(0.99 * ((4 * Math.PI) / 3));
    }
  });

  it('level 3 hemisphere: 321 directions, among them the entries of Xmipp FSO’s table', () => {
    const dirs = hemisphereDirections(3);
    expect(dirs.count).toBe(321);
    // (rot, tilt) pairs copied from Xmipp resolution_fso.cpp generateDirections; any antipode will do.
    const xmipp: [number, number][] = [
      [0, 0],
      [324, 63.4349],
      [36, 31.7175],
      [0, 58.2825],
      [342, 90],
      [346.3862, 43.6469],
      [225.7323, 73.955],
      [216, 26.565],
      [324, 15.8587],
      [341.533, 59.6208],
      [333.5057, 76.5584],
      [36, 47.5762],
      [4.7693, 81.9488],
      [13.5146, 20.3172],
      [199.6899, 51.609],
      [175.3133, 83.2562],
    ];
    const rad = Math.PI / 180;
    for (const [rot, tilt] of xmipp) {
      const x = Math.sin(tilt * rad) * Math.cos(rot * rad);
      const y = Math.sin(tilt * rad) * Math.sin(rot * rad);
      const z = Math.cos(tilt * rad);
      let best = 0;
      for (let d = 0; d < dirs.count; d++) best = Math.max(best, Math.abs(dirs.vectors[3 * d]! * x + dirs.vectors[3 * d + 1]! * y + dirs.vectors[3 * d + 2]! * z));
      // Within 0.005° (the table has four decimals).
      expect(Math.acos(Math.min(1, best)) / rad).toBeLessThan(0.005);
    }
    // One of each antipodal pair: no two directions are opposite.
    for (let a = 0; a < dirs.count; a++)
      for (let b = a + 1; b < dirs.count; b++) {
        const dot = dirs.vectors[3 * a]! * dirs.vectors[3 * b]! + dirs.vectors[3 * a + 1]! * dirs.vectors[3 * b + 1]! + dirs.vectors[3 * a + 2]! * dirs.vectors[3 * b + 2]!;
        expect(dot).toBeGreaterThan(-1 + 1e-9);
      }
  });

  it('gives Euler angles of vectors: d = (sin t cos r, sin t sin r, cos t)', () => {
    const d = directionsFromVectors([[1, 0, 0], [0, -2, 0], [0, 0, -1]]);
    expect(Array.from(d.rot)).toEqual([0, 270, 0]);
    expect(Array.from(d.tilt)).toEqual([90, 90, 180]);
    expect(d.vectors[4]).toBe(-1);
  });
});
