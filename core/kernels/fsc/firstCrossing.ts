/**
 * The original service's first-crossing rule (vrs-spec §7, algorithms §1.7), shared by every
 * curve of level 1 (FSC, DPR, SSNR, FSO, directional FSC): the first index i with y[i] < y0
 * ('lesser') or y[i] > y0 ('greater'); accepted only when i ≥ 2 (a curve already below the
 * threshold at its first points says nothing); x is then interpolated linearly as a function of y
 * between points i−1 and i. Null when the curve never crosses (or crosses at i ≤ 1). Non-finite
 * y values never count as a crossing; when the point before the crossing is not finite, there is
 * nothing to interpolate from and x[i] itself is returned.
 */
export function firstCrossing(x: ArrayLike<number>, y: ArrayLike<number>, y0: number, mode: 'lesser' | 'greater' = 'lesser'): number | null {
  if (x.length !== y.length) throw new RangeError(`firstCrossing: ${x.length} x values for ${y.length} y values`);
  for (let i = 0; i < y.length; i++) {
    const v = y[i]!;
    if (!Number.isFinite(v)) continue;
    const crossed = mode === 'lesser' ? v < y0 : v > y0;
    if (!crossed) continue;
    if (i <= 1) return null;
    const yPrev = y[i - 1]!;
    const xPrev = x[i - 1]!;
    if (!Number.isFinite(yPrev) || yPrev === v) return x[i]!;
    return xPrev + ((y0 - yPrev) * (x[i]! - xPrev)) / (v - yPrev);
  }
  return null;
}
