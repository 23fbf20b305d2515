import { regularizedGammaP, regularizedGammaQ } from './regularizedGamma.js';

/**
 * Complementary error function with full relative accuracy in the tails, from
 * erfc(x) = Q(½, x²) for x ≥ 0 (regularised incomplete gamma). simple-statistics' `errorFunction`
 * is only good to ≈1e-7 absolute, useless for tails such as 2·Φ(−5) = 5.733e-7.
 */
export function erfc(x: number): number {
  if (Number.isNaN(x)) return x;
  return x >= 0 ? regularizedGammaQ(0.5, x * x) : 1 + regularizedGammaP(0.5, x * x);
}

export function erf(x: number): number {
  if (Number.isNaN(x)) return x;
  const p = regularizedGammaP(0.5, x * x);
  return x >= 0 ? p : -p;
}

/** Standard normal CDF Φ(x) = ½·erfc(−x/√2). */
export function normalCdf(x: number): number {
  return 0.5 * erfc(-x / Math.SQRT2);
}

/** Upper tail 1 − Φ(x), accurate for large x where 1 − normalCdf(x) would round to 0. */
export function normalSf(x: number): number {
  return 0.5 * erfc(x / Math.SQRT2);
}
