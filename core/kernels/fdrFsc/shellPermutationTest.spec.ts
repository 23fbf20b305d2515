import { describe, expect, it } from 'vitest';
import { SeededRandom } from '../../stats/index.js';
import { randomBelow, shellPermutationTest } from './shellPermutationTest.js';

/** All permutations of 0 … n−1 (Heap's algorithm). */
function permutations(n: number): number[][] {
  const out: number[][] = [];
  const a = Array.from({ length: n }, (_, i) => i);
  const c = new Array<number>(n).fill(0);
  out.push([...a]);
  let i = 0;
  while (i < n) {
    if (c[i]! < i) {
      const j = i % 2 === 0 ? 0 : c[i]!;
      [a[j], a[i]] = [a[i]!, a[j]!];
      out.push([...a]);
      c[i]!++;
      i = 0;
    } else {
      c[i] = 0;
      i++;
    }
  }
  return out;
}

describe('shellPermutationTest', () => {
  it('estimates the exact permutation p-value of 4 coefficients (all 24 pairings enumerated by hand)', () => {
    // complex a, b (re, im interleaved); the test slice starts at complex index 1
    const a = Float64Array.from([9, 9, 1, 0.5, -0.3, 2, 0.7, -1, 1.5, 0.2]);
    const b = Float64Array.from([9, 9, 0.7, -0.9, 1.2, -0.6, 0.1, 1.7, 0.9, -0.4]);
    const offset = 1;
    const count = 4;
    const re = (x: Float64Array, i: number) => x[2 * (offset + i)]!;
    const im = (x: Float64Array, i: number) => x[2 * (offset + i) + 1]!;
    let sa = 0;
    let sb = 0;
    for (let i = 0; i < count; i++) {
      sa += re(a, i) ** 2 + im(a, i) ** 2;
      sb += re(b, i) ** 2 + im(b, i) ** 2;
    }
    const correlation = (perm: number[]) => perm.reduce((sum, j, i) => sum + re(a, i) * re(b, j) + im(a, i) * im(b, j), 0) / Math.sqrt(sa * sb);
    const all = permutations(count);
    expect(all).toHaveLength(24);
    const trueFsc = correlation([0, 1, 2, 3]);
    const exact = all.filter((perm) => correlation(perm) > trueFsc).length / 24;
    expect(exact).toBeGreaterThan(0);
    expect(exact).toBeLessThan(1);
    const total = 24000;
    const outcome = shellPermutationTest(a, b.slice(), offset, count, trueFsc, new SeededRandom(5), { maxPermutations: total, blockSize: 1000, tolerance: 0 });
    expect(outcome.permutations).toBe(total);
    // binomial standard error ≤ √(0.25/24000) = 0.0032; 4.5σ
    expect(Math.abs(outcome.pValue - exact)).toBeLessThan(0.015);
    expect(outcome.exceeding).toBe(Math.round(outcome.pValue * total));
  });

  it('gives p = 0 after one block for identical halves (no rearrangement correlates better), and p = 1 for a zero half', () => {
    const random = new SeededRandom(9);
    const a = Float64Array.from({ length: 200 }, () => random.normal());
    const outcome = shellPermutationTest(a, a.slice(), 0, 100, 1, new SeededRandom(1));
    expect(outcome).toEqual({ pValue: 0, permutations: 200, exceeding: 0 });
    expect(shellPermutationTest(a, new Float64Array(200), 0, 100, 0, new SeededRandom(1)).pValue).toBe(1);
  });

  it('stops when the p-value moves by less than the tolerance between blocks, and is deterministic for a seed', () => {
    const random = new SeededRandom(10);
    const a = Float64Array.from({ length: 400 }, () => random.normal());
    const b = Float64Array.from({ length: 400 }, () => random.normal());
    const settings = { maxPermutations: 1000, blockSize: 200, tolerance: 0.001 };
    const first = shellPermutationTest(a, b.slice(), 0, 200, 0, new SeededRandom(3), settings);
    const again = shellPermutationTest(a, b.slice(), 0, 200, 0, new SeededRandom(3), settings);
    expect(again).toEqual(first);
    // Independent halves and threshold 0: about half the rearrangements exceed it.
    expect(first.pValue).toBeGreaterThan(0.3);
    expect(first.pValue).toBeLessThan(0.7);
    const loose = shellPermutationTest(a, b.slice(), 0, 200, 0, new SeededRandom(3), { ...settings, tolerance: 1 });
    expect(loose.permutations).toBe(200);
  });
});

describe('randomBelow', () => {
  it('draws every integer below the bound equally often (χ² with 6 degrees of freedom) and only those', () => {
    const random = new SeededRandom(4);
    const bound = 7;
    const counts = new Array<number>(bound).fill(0);
    const draws = 70000;
    let outside = 0;
    for (let i = 0; i < draws; i++) {
      const k = randomBelow(random, bound);
      if (Number.isInteger(k) && k >= 0 && k < bound) counts[k]!++;
      else outside++;
    }
    expect(outside).toBe(0);
    const expected = draws / bound;
    const chi2 = counts.reduce((sum, c) => sum + (c - expected) ** 2 / expected, 0);
    // χ²(6) exceeds 22.46 with probability 0.001
    expect(chi2).toBeLessThan(22.46);
    expect(randomBelow(random, 1)).toBe(0);
  });
});
