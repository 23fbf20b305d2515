import type { Vec3 } from '../volume/index.js';

/** Pole of the cubic B-spline interpolation prefilter, √3 − 2. */
const POLE = Math.sqrt(3) - 2;
/** Its gain (1 − z)(1 − 1/z) = 6. */
const GAIN = 6;

/**
 * In-place conversion of samples into cubic B-spline coefficients along every axis (Unser's
 * recursive prefilter: causal and anti-causal first-order passes with pole √3 − 2), with
 * whole-sample mirror boundaries (s[−k] = s[k], s[n−1+k] = s[n−1−k]) as Xmipp's
 * `produceSplineCoefficients`. Interpolating the result with bsplineWeights reproduces the samples.
 */
export function bsplineCoefficients(data: Float64Array, dims: Vec3): Float64Array {
  const [nx, ny, nz] = dims;
  prefilterAxis(data, nz * ny, nx, 1);
  prefilterAxis(data, nz, ny, nx);
  prefilterAxis(data, 1, nz, nx * ny);
  return data;
}

/**
 * Filters `outer` blocks of `n` lines × `inner` contiguous values (the lines of one axis), all
 * lines of a block at once so that the inner loop runs over contiguous memory.
 */
function prefilterAxis(d: Float64Array, outer: number, n: number, inner: number): void {
  if (n === 1) return;
  const z = POLE;
  const horizon = Math.ceil(Math.log(1e-16) / Math.log(Math.abs(z)));
  const exact = horizon >= n;
  const zn = z ** (n - 1);
  const z2n = z ** (2 * n - 2);
  const block = n * inner;
  for (let o = 0; o < outer; o++) {
    const b = o * block;
    for (let i = 0; i < block; i++) d[b + i]! *= GAIN;
    // causal initialisation c⁺[0] = Σ_k z^k s[mirror(k)]
    for (let j = 0; j < inner; j++) {
      let sum: number;
      if (exact) {
        sum = d[b + j]! + zn * d[b + (n - 1) * inner + j]!;
        let zk = z;
        for (let k = 1; k < n - 1; k++) {
          sum += (zk + z2n / zk) * d[b + k * inner + j]!;
          zk *= z;
        }
        sum /= 1 - z2n;
      } else {
        sum = d[b + j]!;
        let zk = z;
        for (let k = 1; k < horizon; k++) {
          sum += zk * d[b + k * inner + j]!;
          zk *= z;
        }
      }
      d[b + j] = sum;
    }
    for (let k = 1; k < n; k++) {
      const row = b + k * inner;
      for (let j = 0; j < inner; j++) d[row + j]! += z * d[row - inner + j]!;
    }
    // anti-causal initialisation c[n−1] = z/(z² − 1)·(c⁺[n−1] + z·c⁺[n−2])
    const last = b + (n - 1) * inner;
    for (let j = 0; j < inner; j++) d[last + j] = (z / (z * z - 1)) * (d[last + j]! + z * d[last - inner + j]!);
    for (let k = n - 2; k >= 0; k--) {
      const row = b + k * inner;
      for (let j = 0; j < inner; j++) d[row + j] = z * (d[row + inner + j]! - d[row + j]!);
    }
  }
}

/** Cubic B-spline β³(x). */
export function cubicBSpline(x: number): number {
  const a = Math.abs(x);
  if (a < 1) return 2 / 3 - a * a + (a * a * a) / 2;
  if (a < 2) return (2 - a) ** 3 / 6;
  return 0;
}

/** Index of a whole-sample mirror extension of n samples (period 2n − 2). */
export function mirrorIndex(k: number, n: number): number {
  if (n === 1) return 0;
  const period = 2 * n - 2;
  let m = k % period;
  if (m < 0) m += period;
  return m < n ? m : period - m;
}
