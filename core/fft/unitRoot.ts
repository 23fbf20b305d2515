// Twiddle factors decide the accuracy of every FFT: computing cos(2πe/n) directly loses a few ulps
// for large e, so the angle is first reduced to the nearest multiple of π/4 with integer arithmetic.

const HALF_SQRT2 = Math.SQRT1_2;
// cos and sin of k·π/4 for k = 0..7, exact where the value is 0 or ±1.
const OCTANT_COS = [1, HALF_SQRT2, 0, -HALF_SQRT2, -1, -HALF_SQRT2, 0, HALF_SQRT2];
const OCTANT_SIN = [0, HALF_SQRT2, 1, HALF_SQRT2, 0, -HALF_SQRT2, -1, -HALF_SQRT2];

/**
 * Writes cos(2π·e/n) to out[at] and sin(2π·e/n) to out[at + 1]. `e` and `n` are integers with
 * 8·|e| and 8·n below 2^53; exact at multiples of π/4, within about one ulp elsewhere.
 */
export function unitRoot(e: number, n: number, out: Float64Array, at: number): void {
  let r = e % n;
  if (r < 0) r += n;
  // r/n = k/8 + rest/(8n) with |rest| <= n/2, so the residual angle is at most π/8.
  const k = Math.round((8 * r) / n);
  const rest = 8 * r - k * n;
  const angle = (2 * Math.PI * rest) / (8 * n);
  const c = Math.cos(angle);
  const s = Math.sin(angle);
  const octant = k & 7;
  const ck = OCTANT_COS[octant]!;
  const sk = OCTANT_SIN[octant]!;
  out[at] = ck * c - sk * s;
  out[at + 1] = sk * c + ck * s;
}
