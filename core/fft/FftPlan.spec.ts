import { describe, expect, it } from 'vitest';
import { chooseRadices } from './chooseRadices.js';
import { FftPlan } from './FftPlan.js';
import { naiveDft } from './naiveDft.js';
import { seededUniform } from './testSignals.js';

const SMALL = Array.from({ length: 64 }, (_, i) => i + 1);
// Primes for the generic butterfly (≤ 53, 67, 71) and Bluestein (59, 61, 97, …), 2·97,
// 184 = 8·23, 220 = 2²·5·11, 432 = 2⁴·3³ and a few mixed lengths.
const LARGER = [17, 23, 31, 47, 53, 59, 61, 67, 71, 97, 101, 127, 143, 194, 184, 220, 256, 257, 343, 432, 625, 1000];

function maxAbs(a: ArrayLike<number>): number {
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i]!));
  return m;
}

function maxDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i]! - b[i]!));
  return m;
}

describe('chooseRadices', () => {
  it('splits into supported radices whose product is n', () => {
    expect(chooseRadices(1)).toEqual([]);
    expect(chooseRadices(256)).toEqual([8, 8, 4]);
    expect(chooseRadices(16)).toEqual([4, 4]);
    expect(chooseRadices(184)).toEqual([8, 23]);
    expect(chooseRadices(432)).toEqual([4, 4, 3, 3, 3]);
    expect(chooseRadices(220)).toEqual([4, 5, 11]);
  });
  it('sends lengths with a large prime factor to Bluestein when that is cheaper', () => {
    expect(chooseRadices(47)).toEqual([47]);
    expect(chooseRadices(53)).toEqual([53]);
    expect(chooseRadices(59)).toBeNull();
    expect(chooseRadices(97)).toBeNull();
    expect(chooseRadices(2 * 97)).toBeNull();
    expect(chooseRadices(11 * 13)).toEqual([11, 13]);
  });
  it('rejects lengths that are not positive integers', () => {
    expect(() => chooseRadices(0)).toThrow(RangeError);
    expect(() => chooseRadices(2.5)).toThrow(RangeError);
  });
});

describe('FftPlan', () => {
  it.each([...SMALL, ...LARGER])('matches the naive DFT for n = %i in both directions', (n) => {
    const x = seededUniform(2 * n, n);
    const plan = new FftPlan(n);
    for (const sign of [-1, 1] as const) {
      const expected = naiveDft(x, n, sign);
      const y = Float64Array.from(x);
      if (sign < 0) plan.forward(y);
      else plan.inverse(y);
      expect(maxDiff(y, expected) / maxAbs(expected)).toBeLessThan(1e-13);
    }
  });

  it('transforms an impulse to a constant and a pure tone to a single bin', () => {
    const n = 184;
    const plan = new FftPlan(n);
    const impulse = new Float64Array(2 * n);
    impulse[0] = 1;
    plan.forward(impulse);
    for (let k = 0; k < n; k++) {
      expect(impulse[2 * k]).toBeCloseTo(1, 14);
      expect(impulse[2 * k + 1]).toBeCloseTo(0, 14);
    }
    // exp(+2πi·f·j/n) has forward spectrum n at bin f and 0 elsewhere.
    const f = 37;
    const tone = new Float64Array(2 * n);
    for (let j = 0; j < n; j++) {
      tone[2 * j] = Math.cos((2 * Math.PI * f * j) / n);
      tone[2 * j + 1] = Math.sin((2 * Math.PI * f * j) / n);
    }
    plan.forward(tone);
    for (let k = 0; k < n; k++) {
      expect(tone[2 * k]).toBeCloseTo(k === f ? n : 0, 10);
      expect(tone[2 * k + 1]).toBeCloseTo(0, 10);
    }
  });

  it.each([4096, 432, 10007, 2 * 4099, 184 * 3])('satisfies Parseval and round-trips to 1e-12 for n = %i', (n) => {
    const x = seededUniform(2 * n, 7);
    const y = Float64Array.from(x);
    const plan = new FftPlan(n);
    plan.forward(y);
    let energyX = 0;
    let energyY = 0;
    for (let i = 0; i < 2 * n; i++) {
      energyX += x[i]! ** 2;
      energyY += y[i]! ** 2;
    }
    expect(Math.abs(energyY / n - energyX) / energyX).toBeLessThan(1e-13);
    plan.inverse(y);
    for (let i = 0; i < 2 * n; i++) y[i]! /= n;
    expect(maxDiff(y, x) / maxAbs(x)).toBeLessThan(1e-12);
  });

  it('transforms at an offset without touching the rest of the array', () => {
    const n = 12;
    const data = seededUniform(2 * n + 10, 3);
    const before = Float64Array.from(data);
    new FftPlan(n).forward(data, 4);
    expect(Array.from(data.subarray(0, 4))).toEqual(Array.from(before.subarray(0, 4)));
    expect(Array.from(data.subarray(4 + 2 * n))).toEqual(Array.from(before.subarray(4 + 2 * n)));
    const expected = naiveDft(before, n, -1, 4);
    expect(maxDiff(data.subarray(4, 4 + 2 * n), expected)).toBeLessThan(1e-13 * maxAbs(expected));
    expect(() => new FftPlan(n).forward(data, 20)).toThrow(RangeError);
  });

  it.each([7, 64, 184, 67])('batched transform of n = %i equals the per-line transform', (n) => {
    const batch = 5;
    const plan = new FftPlan(n);
    const a = seededUniform(2 * n * batch, 11);
    const lines = Array.from({ length: batch }, (_, t) => {
      const line = new Float64Array(2 * n);
      for (let j = 0; j < n; j++) {
        line[2 * j] = a[2 * (j * batch + t)]!;
        line[2 * j + 1] = a[2 * (j * batch + t) + 1]!;
      }
      return naiveDft(line, n, 1);
    });
    const b = new Float64Array(a.length);
    const result = plan.transformBatch(a, 0, b, 0, batch, 1) ? b : a;
    for (let t = 0; t < batch; t++) {
      for (let j = 0; j < n; j++) {
        expect(result[2 * (j * batch + t)]).toBeCloseTo(lines[t]![2 * j]!, 11);
        expect(result[2 * (j * batch + t) + 1]).toBeCloseTo(lines[t]![2 * j + 1]!, 11);
      }
    }
  });
});
