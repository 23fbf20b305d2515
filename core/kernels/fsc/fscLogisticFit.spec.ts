import { describe, expect, it } from 'vitest';
import { SeededRandom } from '../../stats/index.js';
import { firstCrossing } from './firstCrossing.js';
import { fitFscLogistic, fscLogistic } from './fscLogisticFit.js';
import { levenbergMarquardt } from './levenbergMarquardt.js';

/** Shell frequencies of a 100-voxel box at 2 Å: i/200 for i = 1 … 50. */
const frequency = Array.from({ length: 50 }, (_, i) => (i + 1) / 200);

describe('levenbergMarquardt', () => {
  it('fits an exponential decay y = p·exp(−q·x) from a poor start', () => {
    const x = Array.from({ length: 20 }, (_, i) => i / 4);
    const y = x.map((v) => 3 * Math.exp(-0.7 * v));
    const fit = levenbergMarquardt(
      {
        value: (v, p) => p[0]! * Math.exp(-p[1]! * v),
        gradient: (v, p, g) => {
          g[0] = Math.exp(-p[1]! * v);
          g[1] = -p[0]! * v * Math.exp(-p[1]! * v);
        },
      },
      x,
      y,
      [1, 0.1],
    );
    expect(fit.converged).toBe(true);
    expect(fit.params[0]).toBeCloseTo(3, 7);
    expect(fit.params[1]).toBeCloseTo(0.7, 7);
  });
});

describe('fitFscLogistic', () => {
  it('recovers a known logistic 1 − a/(1 + c + e^(−b(x − x0))) from the original start (1, 1, f05, 0)', () => {
    const [a, b, x0, c] = [0.97, 45, 0.11, 0.08];
    const y = frequency.map((x) => 1 - a / (1 + c + Math.exp(-b * (x - x0))));
    const f05 = firstCrossing(frequency, y, 0.5)!;
    const fit = fitFscLogistic(frequency, y, f05)!;
    expect(fit.converged).toBe(true);
    // Only a/(1+c), b and the midpoint x0 − ln(1+c)/b shape the curve (a, c and x0 trade off).
    const p = fit.params;
    expect(p.a / (1 + p.c)).toBeCloseTo(a / (1 + c), 6);
    expect(p.b).toBeCloseTo(b, 4);
    expect(p.x0 - Math.log(1 + p.c) / p.b).toBeCloseTo(x0 - Math.log(1 + c) / b, 7);
    for (let i = 0; i < frequency.length; i++) expect(fit.fitted[i]).toBeCloseTo(y[i]!, 7);
    // "FSC > 0.9 up to": the crossing of the true curve at the same shells, which lies within one
    // shell of the continuous solution x = m − ln(10·a/(1+c) − 1)/b.
    expect(fit.f90).toBeCloseTo(firstCrossing(frequency, y, 0.9)!, 7);
    const continuous = x0 - Math.log(1 + c) / b - Math.log((10 * a) / (1 + c) - 1) / b;
    expect(Math.abs(fit.f90! - continuous)).toBeLessThan(1 / 200);
  });

  it('fits a noisy FSC-like curve close to the generating curve', () => {
    const random = new SeededRandom(3);
    const truth = (x: number) => fscLogistic(x, { a: 1, b: 60, x0: 0.08, c: 0 });
    const y = frequency.map((x) => truth(x) + 0.02 * random.normal());
    const fit = fitFscLogistic(frequency, y, firstCrossing(frequency, y, 0.5))!;
    // 50 points with σ = 0.02 fix a 3-parameter curve to well under 0.02 everywhere.
    for (let i = 0; i < frequency.length; i++) expect(Math.abs(fit.fitted[i]! - truth(frequency[i]!))).toBeLessThan(0.02);
    expect(Math.abs(fit.f90! - firstCrossing(frequency, frequency.map(truth), 0.9)!)).toBeLessThan(1 / 200);
  });

  it('gives no fit when the FSC never crosses 0.5 (bug B11), or with too few finite points', () => {
    const y = frequency.map(() => 0.9);
    expect(firstCrossing(frequency, y, 0.5)).toBeNull();
    expect(fitFscLogistic(frequency, y, null)).toBeNull();
    expect(fitFscLogistic([0.1, 0.2, 0.3, 0.4], [1, Number.NaN, 0.2, 0.1], 0.25)).toBeNull();
  });

  it('evaluates c inside the denominator, as the original evaluates its model', () => {
    expect(fscLogistic(0.1, { a: 1, b: 10, x0: 0.1, c: 1 })).toBeCloseTo(1 - 1 / 3, 14);
  });
});
