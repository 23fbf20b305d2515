import { describe, expect, it } from 'vitest';
import type { Vec3 } from '../../volume/index.js';
import { spocCircularMask } from './spocCircularMask.js';
import { spocShells } from './spocShells.js';

/** numpy's fftfreq(n)[k]·n: the signed index of frequency bin k. */
function signedIndex(k: number, n: number): number {
  return k < Math.ceil(n / 2) ? k : k - n;
}

describe('spocShells', () => {
  it('puts every half-spectrum point with res_i − Δ/2 < |f| < res_i + Δ/2 in shell i (brute force, non-cubic box and voxels)', () => {
    const dims: Vec3 = [10, 8, 7];
    const ts: Vec3 = [1.5, 1.2, 2];
    const shells = spocShells(dims, ts);
    const delta = 1 / (10 * 1.5);
    expect(shells.count).toBe(6);
    shells.frequency.forEach((f, i) => expect(f).toBeCloseTo(i * delta, 15));
    const expected: number[][] = Array.from({ length: 6 }, () => []);
    let p = 0;
    for (let kz = 0; kz < 7; kz++)
      for (let ky = 0; ky < 8; ky++)
        for (let kx = 0; kx <= 5; kx++, p++) {
          const f = Math.hypot(kx / (10 * 1.5), signedIndex(ky, 8) / (8 * 1.2), signedIndex(kz, 7) / (7 * 2));
          for (let i = 0; i < 6; i++) if (i * delta - delta / 2 < f && f < i * delta + delta / 2) expected[i]!.push(p);
        }
    for (let i = 0; i < 6; i++) {
      expect(shells.size[i]).toBe(expected[i]!.length);
      expect(Array.from(shells.points.subarray(shells.start[i]!, shells.start[i + 1]!))).toEqual(expected[i]);
    }
  });

  it('counts the shells of a cube: 1 DC point, Hermitian partners of the x = 0 plane both counted', () => {
    const n = 8;
    const shells = spocShells([n, n, n], [1, 1, 1]);
    expect(shells.size[0]).toBe(1);
    // |k| in (0.5, 1.5) with kx ≥ 0: |k| = 1 → (1,0,0) and (0,±1,0), (0,0,±1): 5; |k| = √2 →
    // (1,±1,0), (1,0,±1), (0,±1,±1): 8; |k| = √3 > 1.5 is shell 2.
    expect(shells.size[1]).toBe(5 + 8);
  });
});

describe('spocCircularMask', () => {
  it('is 1 within the radius and exp(−(r − R)²/(2σ²)) beyond, 0 below 1e-6, centred at floor(n/2)', () => {
    const n = 20;
    const mask = spocCircularMask([n, n, n]);
    const radius = n / 2 - 4;
    const at = (x: number, y: number, z: number) => mask[(z * n + y) * n + x]!;
    expect(at(10, 10, 10)).toBe(1);
    expect(at(10 + 5, 10, 10)).toBe(1);
    expect(at(10 + 6, 10, 10)).toBe(1);
    expect(at(10 + 8, 10, 10)).toBeCloseTo(Math.exp(-((8 - radius) ** 2) / 8), 6);
    expect(at(10 - 9, 10, 10)).toBeCloseTo(Math.exp(-((9 - radius) ** 2) / 8), 6);
    // r = 10·√3 ≈ 17.3 at the corner: exp(−(11.3)²/8) ≈ 1e-7 < 1e-6 → 0.
    expect(at(0, 0, 0)).toBe(0);
    const custom = spocCircularMask([n, n, n], { radius: 3, sigma: 1 });
    expect(custom[(10 * n + 10) * n + 14]).toBeCloseTo(Math.exp(-0.5), 6);
  });
});
