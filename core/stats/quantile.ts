/**
 * Quantiles with numpy's default rule (`method="linear"`, R type 7): for n sorted values the
 * q-quantile sits at the virtual index h = (n - 1)·q and is interpolated linearly between the order
 * statistics floor(h) and floor(h) + 1. `percentile` takes p in [0, 100] like `numpy.percentile`;
 * `quantile` takes q in [0, 1] like `numpy.quantile`. Any NaN in the input gives NaN, as numpy does.
 */

/** Ascending float64 copy (NaN last); the input is never modified. */
export function sortedCopy(values: ArrayLike<number>): Float64Array {
  const sorted = Float64Array.from(values);
  sorted.sort();
  return sorted;
}

/** q-quantile of values already sorted ascending (no check that they are). */
export function quantileSorted(sorted: ArrayLike<number>, q: number): number {
  const n = sorted.length;
  if (n === 0) throw new RangeError('quantile of an empty array');
  if (!(q >= 0 && q <= 1)) throw new RangeError(`quantile q must be in [0, 1], got ${q}`);
  if (Number.isNaN(sorted[n - 1]!)) return Number.NaN;
  const h = (n - 1) * q;
  const lo = Math.floor(h);
  if (lo >= n - 1) return sorted[n - 1]!;
  const t = h - lo;
  const a = sorted[lo]!;
  const b = sorted[lo + 1]!;
  // numpy's _lerp: interpolate from the nearer end so that t = 1 gives b exactly.
  return t >= 0.5 ? b - (b - a) * (1 - t) : a + (b - a) * t;
}

export function quantile(values: ArrayLike<number>, q: number): number {
  return quantileSorted(sortedCopy(values), q);
}

/** Several quantiles with a single sort. */
export function quantiles(values: ArrayLike<number>, qs: readonly number[]): number[] {
  const sorted = sortedCopy(values);
  return qs.map((q) => quantileSorted(sorted, q));
}

/** p-th percentile, p in [0, 100] (numpy.percentile, linear rule). */
export function percentile(values: ArrayLike<number>, p: number): number {
  return quantileSorted(sortedCopy(values), checkPercent(p) / 100);
}

/** Several percentiles (p in [0, 100]) with a single sort. */
export function percentiles(values: ArrayLike<number>, ps: readonly number[]): number[] {
  const sorted = sortedCopy(values);
  return ps.map((p) => quantileSorted(sorted, checkPercent(p) / 100));
}

function checkPercent(p: number): number {
  if (!(p >= 0 && p <= 100)) throw new RangeError(`percentile p must be in [0, 100], got ${p}`);
  return p;
}
