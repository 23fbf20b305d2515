import { describe, expect, it } from 'vitest';
import { helixEvidenceVolume } from './helixEvidenceVolume.js';

describe('helixEvidenceVolume', () => {
  it('paints the capsule around each segment with its value, the nearest segment winning', () => {
    const grid = { dims: [30, 20, 20] as [number, number, number], voxelSize: [1, 1, 1] as [number, number, number], origin: [-5, 0, 0] as [number, number, number] };
    const v = helixEvidenceVolume(grid, [
      { centre: [10, 10, 10], axis: [1, 0, 0], length: 10, value: 0.5 },
      { centre: [10, 15, 10], axis: [1, 0, 0], length: 10, value: -0.25 },
      { centre: [10, 2, 2], axis: [0, 0, 1], length: 2, value: 0 },
    ], 4);
    const at = (x: number, y: number, z: number) => v.data[(z * 20 + y) * 30 + (x + 5)]!;
    expect(at(10, 10, 10)).toBe(0.5);
    expect(at(15, 10, 13)).toBe(0.5); // end of the segment, 3 Å off the axis
    expect(at(19, 10, 10)).toBe(0.5); // 4 Å past the end: on the capsule
    expect(at(20, 10, 10)).toBe(0); // 5 Å past the end
    expect(at(18, 10, 10)).toBe(0.5); // 3 Å past the end
    expect(at(10, 12, 10)).toBe(0.5); // 2 Å from the first, 3 Å from the second
    expect(at(10, 13, 10)).toBe(-0.25);
    expect(at(10, 2, 2)).toBeGreaterThan(0); // a value of 0 still counts as painted
    expect(at(10, 2, 2)).toBeLessThan(1e-40);
    expect(v.origin).toEqual([-5, 0, 0]);
  });
});
