import { describe, expect, it } from 'vitest';
import { Volume } from '../volume/index.js';
import { componentsByThreshold } from './componentsByThreshold.js';
import { connectedComponents } from './connectedComponents.js';
import { threshold } from './threshold.js';

const grid = (n: number) => ({ dims: [n, n, n] as [number, number, number], voxelSize: [1, 1, 1] as [number, number, number], origin: [0, 0, 0] as [number, number, number] });

describe('componentsByThreshold', () => {
  it('two blobs joined by a weaker bridge: two components above the bridge, one at and below it (hand count)', () => {
    const n = 12;
    const data = new Float32Array(n ** 3);
    const at = (x: number, y: number, z: number) => x + n * (y + n * z);
    // Two 2×2×2 cubes of 5 at x 1–2 and 7–8, a bridge of 3 along x 3–6 at (y, z) = (1, 1).
    for (const x0 of [1, 7]) for (let z = 1; z <= 2; z++) for (let y = 1; y <= 2; y++) for (let x = x0; x <= x0 + 1; x++) data[at(x, y, z)] = 5;
    for (let x = 3; x <= 6; x++) data[at(x, 1, 1)] = 3;
    data[at(10, 10, 10)] = 1; // a lone weak voxel
    const r = componentsByThreshold(new Volume(data, grid(n)), [6, 5, 4, 3, 2, 1, 0.5]);
    expect(Array.from(r.voxels)).toEqual([0, 16, 16, 20, 20, 21, 21]);
    expect(Array.from(r.components)).toEqual([0, 2, 2, 1, 1, 2, 2]);
    expect(Array.from(r.largest)).toEqual([0, 8, 8, 20, 20, 20, 20]);
  });

  it('agrees with a fresh labelling at every level on a random field (diagonal contacts count: 26-connectivity)', () => {
    const n = 14;
    let s = 12345;
    const data = Float32Array.from({ length: n ** 3 }, () => ((s = (s * 16807) % 2147483647) / 2147483647));
    const volume = new Volume(data, grid(n));
    const levels = [0.95, 0.9, 0.85, 0.8, 0.75, 0.7, 0.6];
    const r = componentsByThreshold(volume, levels);
    levels.forEach((t, k) => {
      const labelled = connectedComponents(threshold(volume, t), 26);
      expect(r.components[k]).toBe(labelled.count);
      expect(r.voxels[k]).toBe(labelled.sizes.slice(1).reduce((a, b) => a + b, 0));
      expect(r.largest[k]).toBe(Math.max(0, ...labelled.sizes.slice(1)));
    });
  });

  it('refuses thresholds that are not strictly decreasing or not finite', () => {
    const v = new Volume(new Float32Array(8), grid(2));
    expect(() => componentsByThreshold(v, [1, 1])).toThrow(/strictly decreasing/);
    expect(() => componentsByThreshold(v, [NaN])).toThrow(/not finite/);
  });
});
