import { describe, expect, it } from 'vitest';
import { SeededRandom } from '../../stats/index.js';
import { symmetricEigen3 } from './symmetricEigen3.js';

type M = [number, number, number, number, number, number];

/** Checks A·v = λ·v, ascending order, orthonormality and e0 × e1 = e2 (independent of how it was solved). */
function checkDecomposition(m: M, tolerance: number): Float64Array {
  const [a00, a01, a02, a11, a12, a22] = m;
  const out = symmetricEigen3(...m, new Float64Array(12));
  const scale = Math.max(1e-300, ...m.map(Math.abs));
  expect(out[0]!).toBeLessThanOrEqual(out[1]! + tolerance * scale);
  expect(out[1]!).toBeLessThanOrEqual(out[2]! + tolerance * scale);
  const vec = (k: number) => [out[3 + 3 * k]!, out[4 + 3 * k]!, out[5 + 3 * k]!] as const;
  for (let k = 0; k < 3; k++) {
    const [x, y, z] = vec(k);
    const l = out[k]!;
    expect(Math.abs(a00 * x + a01 * y + a02 * z - l * x)).toBeLessThan(tolerance * scale);
    expect(Math.abs(a01 * x + a11 * y + a12 * z - l * y)).toBeLessThan(tolerance * scale);
    expect(Math.abs(a02 * x + a12 * y + a22 * z - l * z)).toBeLessThan(tolerance * scale);
    for (let j = 0; j < 3; j++) {
      const [u, v, w] = vec(j);
      expect(Math.abs(x * u + y * v + z * w - (j === k ? 1 : 0))).toBeLessThan(1e-9);
    }
  }
  const [x0, y0, z0] = vec(0);
  const [x1, y1, z1] = vec(1);
  const [x2, y2, z2] = vec(2);
  expect(y0 * z1 - z0 * y1).toBeCloseTo(x2, 9);
  expect(z0 * x1 - x0 * z1).toBeCloseTo(y2, 9);
  expect(x0 * y1 - y0 * x1).toBeCloseTo(z2, 9);
  return out;
}

describe('symmetricEigen3', () => {
  it('diagonalises random symmetric matrices (A·v = λ·v, orthonormal right-handed frame, ascending λ)', () => {
    const rnd = new SeededRandom(7);
    for (let t = 0; t < 2000; t++) {
      const m = Array.from({ length: 6 }, () => 2 * rnd.next() - 1) as M;
      checkDecomposition(m, 1e-9);
    }
  });

  it('gives the known spectrum of a matrix built from a rotation and chosen eigenvalues', () => {
    // R = rotation by 30° about z; A = R·diag(−3, −1, 0.5)·Rᵀ
    const c = Math.cos(Math.PI / 6);
    const s = Math.sin(Math.PI / 6);
    const l = [-3, -1, 0.5];
    const r = [[c, -s, 0], [s, c, 0], [0, 0, 1]];
    const a = (i: number, j: number) => l.reduce((sum, lk, k) => sum + r[i]![k]! * lk * r[j]![k]!, 0);
    const out = checkDecomposition([a(0, 0), a(0, 1), a(0, 2), a(1, 1), a(1, 2), a(2, 2)], 1e-12);
    expect([out[0], out[1], out[2]].map((v) => Number(v!.toFixed(12)))).toEqual([-3, -1, 0.5]);
    // eigenvector of −3 is the first column of R (up to sign)
    expect(Math.abs(out[3]! * c + out[4]! * s)).toBeCloseTo(1, 12);
  });

  it('handles repeated eigenvalues (a tube: two equal negative, one zero), zero and huge matrices', () => {
    const tube = checkDecomposition([-2, 0, 0, -2, 0, 0], 1e-12);
    [-2, -2, 0].forEach((l, k) => expect(tube[k]!).toBeCloseTo(l, 12));
    expect(Math.abs(tube[11]!)).toBeCloseTo(1, 12); // the axis is z
    const blob = checkDecomposition([5, 0, 0, 5, 0, 5], 1e-12);
    [5, 5, 5].forEach((l, k) => expect(blob[k]!).toBeCloseTo(l, 12));
    checkDecomposition([0, 0, 0, 0, 0, 0], 1e-12);
    checkDecomposition([1e30, 2e29, 0, 3e30, 1e29, -1e30], 1e-9);
    // A repeated pair loses about half the digits in the closed-form cubic (acos near ±1): 1e-7.
    checkDecomposition([1e-30, 0, 0, 1e-30, 0, 2e-30], 1e-7);
    checkDecomposition([1, 1e-9, 0, 1, 0, 2], 1e-7);
    checkDecomposition([1, 0, 1e-12, 2, 0, 2], 1e-7);
  });
});
