export interface Line {
  slope: number;
  intercept: number;
}

/**
 * Weighted straight-line fit y ≈ slope·x + intercept with Xmipp's closed form (xmippCore
 * `least_squares_line_fit`, used by the Guinier B-factor, algorithms §2.7 step 4):
 *   slope = (Sx·Sy − Sw·Sxy) / (Sx² − Sw·Sxx),  intercept = (Sy − slope·Sx) / Sw,
 * with Sx = Σw·x, Sy = Σw·y, Sxx = Σw²·x², Sxy = Σw²·x·y, Sw = Σw. For weights in {0, 1} (the only
 * case Xmipp uses) this is ordinary least squares over the selected points. Without weights, all 1.
 * Throws a RangeError when fewer than two distinct x carry weight (the slope is undefined).
 */
export function leastSquaresLine(x: ArrayLike<number>, y: ArrayLike<number>, w?: ArrayLike<number>): Line {
  const n = x.length;
  if (y.length !== n || (w && w.length !== n)) {
    throw new RangeError(`leastSquaresLine: x, y${w ? ', w' : ''} differ in length`);
  }
  let sx = 0;
  let sy = 0;
  let sxx = 0;
  let sxy = 0;
  let sw = 0;
  for (let i = 0; i < n; i++) {
    const wi = w ? w[i]! : 1;
    if (wi === 0) continue;
    const xi = x[i]!;
    const yi = y[i]!;
    sx += wi * xi;
    sy += wi * yi;
    sxx += wi * wi * xi * xi;
    sxy += wi * wi * xi * yi;
    sw += wi;
  }
  const den = sx * sx - sw * sxx;
  if (!(sw > 0) || !(Math.abs(den) > 1e-300) || Math.abs(den) <= 1e-14 * sw * sxx) {
    throw new RangeError('leastSquaresLine: fewer than two distinct weighted x values; slope undefined');
  }
  const slope = (sx * sy - sw * sxy) / den;
  return { slope, intercept: (sy - slope * sx) / sw };
}
