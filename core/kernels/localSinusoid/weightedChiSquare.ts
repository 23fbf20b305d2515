import { logGamma, regularizedGammaQ } from '../../stats/index.js';

/** Σ λ_j X_j² with X_j independent standard normals and λ_j > 0: the null law of the local-sinusoid statistic. */
export interface WeightedChiSquare {
  weights: readonly number[];
  /** Ruben's scale β (the smallest weight) and mixture coefficients a_k: P(Q > x) = Σ a_k P(χ²_{n+2k} > x/β). */
  beta: number;
  coefficients: Float64Array;
  /** P(Q > x). */
  survival(x: number): number;
  /** The x with P(Q > x) = p (0 < p < 1). */
  quantile(p: number): number;
}

const MAX_TERMS = 20_000;
const TAIL_COEFFICIENT = 1e-30;

/**
 * The weighted χ² distribution by Ruben's series (Ruben, Ann. Math. Stat. 33:542, 1962), the method
 * ResMap uses: with β ≤ min λ, Q/β is a mixture of central χ² laws of n, n+2, n+4, … degrees of
 * freedom whose weights a_k ≥ 0 sum to 1 (a₀ = Π (β/λ_j)^½, g_k = ½ Σ (1 − β/λ_j)^k,
 * a_k = (1/k) Σ_{r<k} g_{k−r} a_r). The survival function is summed directly over the χ² tails, so
 * small p-values keep their relative accuracy. The coefficients are computed once; each evaluation
 * is O(terms) through the recurrence Q(s+1, y) = Q(s, y) + yˢe^{−y}/Γ(s+1).
 */
export function weightedChiSquare(weights: readonly number[]): WeightedChiSquare {
  if (weights.length === 0) throw new RangeError('weightedChiSquare: no weights');
  for (const w of weights) if (!(w > 0) || !Number.isFinite(w)) throw new RangeError(`weightedChiSquare: weights must be positive and finite, got ${w}`);
  const n = weights.length;
  const beta = Math.min(...weights);
  const gammas = weights.map((w) => 1 - beta / w);
  let logA0 = 0;
  for (const w of weights) logA0 += 0.5 * Math.log(beta / w);
  // g_k for k ≥ 1, grown alongside a_k; powers of γ_j kept per weight.
  const powers = gammas.slice();
  const g: number[] = [0];
  const a: number[] = [Math.exp(logA0)];
  let mass = a[0]!;
  for (let k = 1; k < MAX_TERMS; k++) {
    let gk = 0;
    for (let j = 0; j < n; j++) {
      gk += powers[j]!;
      powers[j]! *= gammas[j]!;
    }
    g.push(0.5 * gk);
    let sum = 0;
    for (let r = 0; r < k; r++) sum += g[k - r]! * a[r]!;
    const ak = sum / k;
    a.push(ak);
    mass += ak;
    // Far in the tail of Q the survival function is carried by the high-order terms (they hold the
    // heaviest weight's slow decay), so the series runs until the coefficients, which end up decaying
    // geometrically, are negligible in absolute terms against any p-value a test can use (≥ 1e-20).
    if (ak < TAIL_COEFFICIENT && ak < a[k - 1]! && 1 - mass < 1e-14) break;
    if (k === MAX_TERMS - 1) throw new RangeError(`weightedChiSquare: Ruben's series did not converge in ${MAX_TERMS} terms (weights spread ${Math.max(...weights) / beta})`);
  }
  const coefficients = Float64Array.from(a);

  const survival = (x: number): number => {
    if (!(x > 0)) return x <= 0 ? 1 : Number.NaN;
    if (x === Infinity) return 0;
    const y = x / (2 * beta);
    let s = n / 2;
    let q = regularizedGammaQ(s, y);
    // Density-like increment yˢe^{−y}/Γ(s+1), updated multiplicatively.
    let increment = Math.exp(s * Math.log(y) - y - logGamma(s + 1));
    let total = coefficients[0]! * q;
    for (let k = 1; k < coefficients.length; k++) {
      q += increment;
      s += 1;
      increment *= y / (s);
      total += coefficients[k]! * Math.min(1, q);
    }
    return Math.min(1, total);
  };

  const quantile = (p: number): number => {
    if (!(p > 0 && p < 1)) throw new RangeError(`weightedChiSquare.quantile: p must be in (0, 1), got ${p}`);
    let lo = 0;
    let hi = weights.reduce((t, w) => t + w, 0);
    while (survival(hi) > p) hi *= 2;
    for (let i = 0; i < 200 && hi - lo > 1e-13 * hi; i++) {
      const mid = 0.5 * (lo + hi);
      if (survival(mid) > p) lo = mid;
      else hi = mid;
    }
    return 0.5 * (lo + hi);
  };

  return { weights: weights.slice(), beta, coefficients, survival, quantile };
}
