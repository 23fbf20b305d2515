/**
 * Pearson correlation coefficient of two equally long arrays (two passes in float64, deviations from
 * the means). NaN when either array is constant. Optional mask: only indices where mask[i] != 0.
 */
export function pearson(x: ArrayLike<number>, y: ArrayLike<number>, mask?: ArrayLike<number>): number {
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
  if (count < 2) throw new RangeError('pearson needs at least two values');
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
  return sxy / Math.sqrt(sxx * syy);
}
