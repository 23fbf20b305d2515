/**
 * Mean, variance and standard deviation of a whole array, two passes in float64 (the second pass on
 * deviations from the mean avoids the cancellation of Σx² − n·mean²). ddof as in numpy: 0 gives the
 * population variance (numpy's default, `np.var`), 1 the sample variance (scipy's t-test).
 */

export function mean(values: ArrayLike<number>): number {
  const n = values.length;
  if (n === 0) throw new RangeError('mean of an empty array');
  let sum = 0;
  for (let i = 0; i < n; i++) sum += values[i]!;
  return sum / n;
}

export function variance(values: ArrayLike<number>, ddof = 0): number {
  const n = values.length;
  if (n - ddof <= 0) throw new RangeError(`variance needs more than ${ddof} values, got ${n}`);
  const m = mean(values);
  let sumSq = 0;
  let sumDev = 0;
  for (let i = 0; i < n; i++) {
    const d = values[i]! - m;
    sumSq += d * d;
    sumDev += d;
  }
  // The Σd term corrects for the rounding of the mean itself (compensated two-pass formula).
  return (sumSq - (sumDev * sumDev) / n) / (n - ddof);
}

export function standardDeviation(values: ArrayLike<number>, ddof = 0): number {
  return Math.sqrt(variance(values, ddof));
}

/** [min, max] ignoring nothing: a NaN anywhere gives [NaN, NaN]. */
export function extent(values: ArrayLike<number>): [number, number] {
  const n = values.length;
  if (n === 0) throw new RangeError('extent of an empty array');
  let lo = Infinity;
  let hi = -Infinity;
  for (let i = 0; i < n; i++) {
    const v = values[i]!;
    if (v !== v) return [Number.NaN, Number.NaN];
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  return [lo, hi];
}
