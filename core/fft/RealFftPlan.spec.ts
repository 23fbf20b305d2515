import { describe, expect, it } from 'vitest';
import { naiveDft, realToComplex } from './naiveDft.js';
import { RealFftPlan } from './RealFftPlan.js';
import { seededUniform } from './testSignals.js';

const LENGTHS = [...Array.from({ length: 40 }, (_, i) => i + 1), 64, 97, 184, 194, 220, 432, 1001];

function maxAbs(a: ArrayLike<number>): number {
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i]!));
  return m;
}

describe('RealFftPlan', () => {
  it.each(LENGTHS)('gives bins 0…n/2 of the naive DFT for n = %i', (n) => {
    const x = seededUniform(n, n + 100);
    const plan = new RealFftPlan(n);
    expect(plan.bins).toBe(Math.floor(n / 2) + 1);
    const spectrum = new Float64Array(2 * plan.bins);
    plan.forward(x, spectrum);
    const full = naiveDft(realToComplex(x), n, -1);
    const tol = 1e-13 * maxAbs(full);
    for (let i = 0; i < 2 * plan.bins; i++) expect(Math.abs(spectrum[i]! - full[i]!)).toBeLessThan(tol);
    // Bin 0 and, for even n, bin n/2 of a real signal are real.
    expect(spectrum[1]).toBe(0);
    if (n % 2 === 0) expect(Math.abs(spectrum[2 * (n / 2) + 1]!)).toBeLessThan(tol);
  });

  it.each(LENGTHS)('inverse returns n·x for n = %i (round trip < 1e-12)', (n) => {
    const x = seededUniform(n, 5 * n);
    const plan = new RealFftPlan(n);
    const spectrum = new Float64Array(2 * plan.bins);
    plan.forward(x, spectrum);
    const back = new Float64Array(n);
    plan.inverse(spectrum, back);
    for (let i = 0; i < n; i++) expect(Math.abs(back[i]! / n - x[i]!)).toBeLessThan(1e-12 * maxAbs(x));
  });

  it('ignores the imaginary parts of bins 0 and n/2, as numpy irfft does', () => {
    for (const n of [8, 9]) {
      const plan = new RealFftPlan(n);
      const spectrum = new Float64Array(2 * plan.bins);
      spectrum[0] = 3; // DC = 3 → every sample 3/n
      spectrum[1] = 5;
      if (n % 2 === 0) spectrum[2 * (n / 2) + 1] = -7;
      const out = new Float64Array(n);
      plan.inverse(spectrum, out);
      for (let i = 0; i < n; i++) expect(out[i]).toBeCloseTo(3, 14);
    }
  });

  it('accepts Float32Array input with the same result as the equal Float64 values', () => {
    const n = 30;
    const x32 = Float32Array.from(seededUniform(n, 1));
    const plan = new RealFftPlan(n);
    const a = new Float64Array(2 * plan.bins);
    const b = new Float64Array(2 * plan.bins);
    plan.forward(x32, a);
    plan.forward(Float64Array.from(x32), b);
    expect(Array.from(a)).toEqual(Array.from(b));
  });

  it('transforms rows in place when rows are laid out with the spectrum stride', () => {
    const n = 10;
    const rows = 37; // more than one batch of rows
    const plan = new RealFftPlan(n);
    const stride = 2 * plan.bins;
    const data = new Float64Array(rows * stride);
    const originals: Float64Array[] = [];
    for (let r = 0; r < rows; r++) {
      const x = seededUniform(n, r);
      originals.push(x);
      data.set(x, r * stride);
    }
    plan.forwardRows(data, 0, stride, data, 0, stride, rows, 1);
    for (let r = 0; r < rows; r++) {
      const expected = naiveDft(realToComplex(originals[r]!), n, -1);
      for (let i = 0; i < stride; i++) expect(data[r * stride + i]).toBeCloseTo(expected[i]!, 12);
    }
  });

  it('checks that arrays are long enough', () => {
    const plan = new RealFftPlan(8);
    expect(() => plan.forward(new Float64Array(7), new Float64Array(10))).toThrow(RangeError);
    expect(() => plan.forward(new Float64Array(8), new Float64Array(9))).toThrow(RangeError);
    expect(() => new RealFftPlan(0)).toThrow(RangeError);
  });
});
