export interface Histogram {
  /** counts[k] = number of values in bin k. */
  counts: Float64Array;
  /** bins + 1 edges; bin k is [edges[k], edges[k+1]), the last bin also includes its right edge. */
  edges: Float64Array;
}

/**
 * Histogram with numpy's rules (`numpy.histogram`, also what matplotlib's `hist` draws): `bins`
 * equal-width bins over `range` (default [min, max] of the data; an empty span becomes
 * [v − 0.5, v + 0.5]); every bin is half-open except the last, which is closed; values outside the
 * range and NaN are not counted. Edges are computed like numpy's linspace so a value equal to an
 * edge lands in the same bin as in numpy.
 */
export function histogram(values: ArrayLike<number>, bins = 25, range?: [number, number]): Histogram {
  if (!Number.isInteger(bins) || bins < 1) throw new RangeError(`histogram bins must be a positive integer, got ${bins}`);
  let lo: number;
  let hi: number;
  if (range) {
    [lo, hi] = range;
    if (!(Number.isFinite(lo) && Number.isFinite(hi) && lo <= hi)) {
      throw new RangeError(`histogram range must be finite with min <= max, got [${lo}, ${hi}]`);
    }
  } else {
    lo = Infinity;
    hi = -Infinity;
    for (let i = 0; i < values.length; i++) {
      const v = values[i]!;
      if (v < lo) lo = v;
      if (v > hi) hi = v;
    }
    if (lo === Infinity) {
      lo = 0;
      hi = 1;
    }
  }
  if (lo === hi) {
    lo -= 0.5;
    hi += 0.5;
  }
  const edges = new Float64Array(bins + 1);
  const step = (hi - lo) / bins;
  for (let k = 0; k <= bins; k++) edges[k] = lo + k * step;
  edges[bins] = hi;
  const counts = new Float64Array(bins);
  const norm = bins / (hi - lo);
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    if (!(v >= lo && v <= hi)) continue;
    let k = Math.floor((v - lo) * norm);
    if (k >= bins) k = bins - 1;
    // The scaled index can be off by one next to an edge; the edges decide, as in numpy.
    if (v < edges[k]!) k--;
    else if (k < bins - 1 && v >= edges[k + 1]!) k++;
    counts[k]!++;
  }
  return { counts, edges };
}
