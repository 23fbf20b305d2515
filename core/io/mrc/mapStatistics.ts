import type { MapStatistics } from './MapFile.js';

export interface NonFiniteScan {
  count: number;
  /** Flat index of the first NaN/±Inf, -1 when there is none. */
  firstIndex: number;
}

export function scanNonFinite(data: Float32Array): NonFiniteScan {
  let count = 0;
  let firstIndex = -1;
  for (let i = 0; i < data.length; i++) {
    const v = data[i]!;
    // v - v is NaN exactly for NaN and ±Inf, and avoids a call per voxel.
    if (v - v !== 0) {
      if (count === 0) firstIndex = i;
      count++;
    }
  }
  return { count, firstIndex };
}

/** Replaces NaN/±Inf by `value` in place; returns how many were replaced. */
export function replaceNonFinite(data: Float32Array, value: number): number {
  let count = 0;
  for (let i = 0; i < data.length; i++) {
    const v = data[i]!;
    if (v - v !== 0) {
      data[i] = value;
      count++;
    }
  }
  return count;
}

/**
 * min, max, mean and population standard deviation with float64 accumulation. Two passes (mean, then
 * squared deviations) because the one-pass Σv² − n·mean² loses digits when |mean| ≫ std.
 * The data must be finite.
 */
export function computeMapStatistics(data: ArrayLike<number>): MapStatistics {
  const n = data.length;
  if (n === 0) return { min: Number.NaN, max: Number.NaN, mean: Number.NaN, rms: Number.NaN };
  let min = Number.POSITIVE_INFINITY;
  let max = Number.NEGATIVE_INFINITY;
  let sum = 0;
  for (let i = 0; i < n; i++) {
    const v = data[i]!;
    if (v < min) min = v;
    if (v > max) max = v;
    sum += v;
  }
  const mean = sum / n;
  let squares = 0;
  let deviations = 0;
  for (let i = 0; i < n; i++) {
    const d = data[i]! - mean;
    squares += d * d;
    deviations += d;
  }
  // The second sum corrects the rounding left in `mean` (compensated two-pass variance).
  const variance = (squares - (deviations * deviations) / n) / n;
  return { min, max, mean, rms: Math.sqrt(Math.max(variance, 0)) };
}
