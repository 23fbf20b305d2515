/**
 * Pearson correlation coefficient of x and y, optionally restricted to mask != 0. Two passes in
 * float64 (means first), as numpy.corrcoef does. Throws below two values; NaN for a constant.
 */
export function pearson(x: ArrayLike<number>, y: ArrayLike<number>, mask?: ArrayLike<number>): number {
  const { count, r } = maskedCorrelation(x, y, mask);
  if (count < 2) throw new RangeError('pearson needs at least two values');
  return r;
}

/** The same, NaN (not an error) below two values or for a constant: for selections that may be empty. */
export function pearsonOrNaN(x: ArrayLike<number>, y: ArrayLike<number>, mask?: ArrayLike<number>): number {
  const { count, r } = maskedCorrelation(x, y, mask);
  return count >= 2 && Number.isFinite(r) ? r : Number.NaN;
}

/** Pearson correlation over the listed indices; NaN below two points or for a constant. */
export function pearsonAt(x: ArrayLike<number>, y: ArrayLike<number>, points: ArrayLike<number>): number {
  const n = points.length;
  if (n < 2) return Number.NaN;
  let sx = 0;
  let sy = 0;
  for (let q = 0; q < n; q++) {
    sx += x[points[q]!]!;
    sy += y[points[q]!]!;
  }
  const mx = sx / n;
  const my = sy / n;
  let sxx = 0;
  let syy = 0;
  let sxy = 0;
  for (let q = 0; q < n; q++) {
    const dx = x[points[q]!]! - mx;
    const dy = y[points[q]!]! - my;
    sxx += dx * dx;
    syy += dy * dy;
    sxy += dx * dy;
  }
  return sxx > 0 && syy > 0 ? sxy / Math.sqrt(sxx * syy) : Number.NaN;
}

function maskedCorrelation(x: ArrayLike<number>, y: ArrayLike<number>, mask?: ArrayLike<number>): { count: number; r: number } {
  const n = x.length;
  if (y.length !== n) throw new RangeError(`pearson: arrays differ in length (${n} vs ${y.length})`);
  if (mask && mask.length !== n) throw new RangeError(`pearson: mask has ${mask.length} elements, arrays ${n}`);
  let count = 0;
  let sx = 0;
  let sy = 0;
  for (let i = 0; i < n; i++) {
    if (mask && mask[i] === 0) continue;
    sx += x[i]!;
    sy += y[i]!;
    count++;
  }
  if (count < 2) return { count, r: Number.NaN };
  const mx = sx / count;
  const my = sy / count;
  let sxx = 0;
  let syy = 0;
  let sxy = 0;
  for (let i = 0; i < n; i++) {
    if (mask && mask[i] === 0) continue;
    const dx = x[i]! - mx;
    const dy = y[i]! - my;
    sxx += dx * dx;
    syy += dy * dy;
    sxy += dx * dy;
  }
  return { count, r: sxy / Math.sqrt(sxx * syy) };
}
