import { describe, expect, it } from 'vitest';
import { extent, mean, standardDeviation, variance } from './mean.js';
import { RunningMoments } from './RunningMoments.js';

// [2,4,4,4,5,5,7,9]: mean 5, Σ(x−5)² = 32 → population variance 4, sample variance 32/7.
const data = [2, 4, 4, 4, 5, 5, 7, 9];

describe('mean / variance', () => {
  it('matches the hand-worked example', () => {
    expect(mean(data)).toBe(5);
    expect(variance(data)).toBeCloseTo(4, 14);
    expect(variance(data, 1)).toBeCloseTo(32 / 7, 14);
    expect(standardDeviation(data)).toBeCloseTo(2, 14);
    expect(extent(new Float32Array(data))).toEqual([2, 9]);
  });

  it('keeps precision with a large offset (no Σx² − n·mean² cancellation)', () => {
    const shifted = Float64Array.from(data, (v) => v + 1e9);
    expect(variance(shifted)).toBeCloseTo(4, 6);
  });

  it('streams and merges to the same answer', () => {
    const a = new RunningMoments();
    const b = new RunningMoments();
    data.slice(0, 3).forEach((v) => a.push(v + 1e9));
    b.pushAll(Float64Array.from(data.slice(3), (v) => v + 1e9));
    a.merge(b);
    expect(a.count).toBe(8);
    expect(a.mean - 1e9).toBeCloseTo(5, 6);
    expect(a.variance()).toBeCloseTo(4, 6);
    expect(a.variance(1)).toBeCloseTo(32 / 7, 6);
    expect([a.min - 1e9, a.max - 1e9]).toEqual([2, 9]);
  });

  it('uses only masked values when a mask is given', () => {
    const m = new RunningMoments();
    m.pushAll([1, 100, 3], new Uint8Array([0, 1, 0]), 0);
    expect(m.mean).toBe(2);
    expect(m.variance(1)).toBe(2);
  });
});
