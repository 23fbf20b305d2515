import { describe, expect, it } from 'vitest';
import { SeededRandom } from '../../stats/index.js';
import type { Vec3 } from '../../volume/index.js';
import { findCliffRadius, maskRadius } from './findCliffRadius.js';

/** Unit noise where r² < inner² from the box centre floor(n/2), `outside` times it elsewhere. */
function noiseBall(n: number, inner: number, outside: number): Float32Array {
  const random = new SeededRandom(11);
  const c = Math.floor(n / 2);
  const map = new Float32Array(n * n * n);
  for (let z = 0, p = 0; z < n; z++) for (let y = 0; y < n; y++) for (let x = 0; x < n; x++, p++) {
    const r2 = (x - c) ** 2 + (y - c) ** 2 + (z - c) ** 2;
    map[p] = random.normal() * (r2 < inner * inner ? 1 : outside);
  }
  return map;
}

describe('maskRadius', () => {
  it('is the rounded largest distance of a mask voxel from the centre floor(n/2)', () => {
    const dims: Vec3 = [16, 15, 14];
    const mask = new Uint8Array(16 * 15 * 14);
    const at = (x: number, y: number, z: number) => (z * 15 + y) * 16 + x;
    mask[at(8 + 3, 7 + 4, 7)] = 1; // distance 5
    mask[at(8 - 1, 7 - 1, 7 + 1)] = 1; // √3
    expect(maskRadius(mask, dims)).toBe(5);
    mask[at(8 + 3, 7 + 4, 7)] = 0;
    expect(maskRadius(mask, dims)).toBe(2); // round(√3)
    expect(maskRadius(new Uint8Array(16 * 15 * 14), dims)).toBe(0);
  });
});

describe('findCliffRadius', () => {
  it('finds the edge of a spherically masked noise map: noise for r < 20, zero beyond → 19', () => {
    // Shell 19 (361 ≤ r² < 400) is all noise, shell 20 all zeros: variance ratio 0 < 1 % → 20 − 1.
    expect(findCliffRadius(noiseBall(64, 20, 0), [64, 64, 64], 10)).toBe(19);
  });

  it('needs a drop below 1 %: weak noise outside (variance ratio 0.25 %) is a cliff, 4 % is not', () => {
    expect(findCliffRadius(noiseBall(64, 20, 0.05), [64, 64, 64], 10)).toBe(19);
    expect(findCliffRadius(noiseBall(64, 20, 0.2), [64, 64, 64], 10)).toBe(32);
  });

  it('is floor(nx/2) for noise everywhere, and when the search starts at or beyond it', () => {
    expect(findCliffRadius(noiseBall(40, 100, 1), [40, 40, 40], 5)).toBe(20);
    expect(findCliffRadius(noiseBall(40, 10, 0), [40, 40, 40], 25)).toBe(20);
  });

  it('stops at the start when the first shell has no variance at all (compared with 1e-38)', () => {
    expect(findCliffRadius(noiseBall(40, 8, 0), [40, 40, 40], 12)).toBe(11);
  });
});
