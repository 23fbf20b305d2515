import { erf } from '../../../stats/index.js';

/**
 * Test helper: the law of the spiral amplitude of a band-passed random-phase field. For such a
 * field v0 and the three Riesz maps are independent centred Gaussians, v0 of variance σ² and each
 * v_k of variance σ²/3 (the shell is isotropic), so m² = σ²·T with T = X + Y/3, X ~ χ²₁, Y ~ χ²₃ —
 * the same law at every frequency, only σ changes. This gives expected LocBFactor and
 * LocOccupancy values for phantoms without running the method.
 */
export class GaussianSpiralAmplitudeLaw {
  /** t grid (log-spaced) and F_T at each point. */
  private readonly t: Float64Array;
  private readonly cdf: Float64Array;

  constructor(points = 6000, tMin = 1e-10, tMax = 80) {
    this.t = new Float64Array(points);
    this.cdf = new Float64Array(points);
    const ratio = Math.log(tMax / tMin) / (points - 1);
    for (let i = 0; i < points; i++) {
      const t = tMin * Math.exp(i * ratio);
      this.t[i] = t;
      this.cdf[i] = cdfT(t);
    }
  }

  /** P(T ≤ t). */
  cdfAt(t: number): number {
    return cdfT(t);
  }

  /** E[g(T)], integrating g against dF_T on the grid (midpoint rule in F). */
  expectation(g: (t: number) => number): number {
    const { t, cdf } = this;
    let sum = g(t[0]! / 2) * cdf[0]!;
    for (let i = 1; i < t.length; i++) sum += g(Math.sqrt(t[i - 1]! * t[i]!)) * (cdf[i]! - cdf[i - 1]!);
    return sum / cdf[t.length - 1]!;
  }

  /** The t solving F(t) = p for a monotone F built from this law (bisection). */
  static solve(f: (t: number) => number, p: number, lo = 1e-12, hi = 200): number {
    for (let k = 0; k < 200; k++) {
      const mid = Math.sqrt(lo * hi);
      if (f(mid) < p) lo = mid;
      else hi = mid;
    }
    return Math.sqrt(lo * hi);
  }
}

/** χ²₃ CDF: erf(√(y/2)) − √(2y/π)·e^(−y/2). */
function chi2With3(y: number): number {
  if (y <= 0) return 0;
  return erf(Math.sqrt(y / 2)) - Math.sqrt((2 * y) / Math.PI) * Math.exp(-y / 2);
}

/** F_T(t) = √(2/π) ∫₀^√t e^(−u²/2) F_χ²₃(3(t − u²)) du (X = u², u half-normal), Simpson's rule. */
function cdfT(t: number): number {
  if (t <= 0) return 0;
  // P(T > 100) < P(X > 100) + P(Y > 300) < 1e-21: beyond it the integral's grid would be too coarse.
  if (t > 100) return 1;
  const top = Math.sqrt(t);
  const steps = 400;
  const h = top / steps;
  let sum = 0;
  for (let i = 0; i <= steps; i++) {
    const u = i * h;
    const w = i === 0 || i === steps ? 1 : i % 2 === 1 ? 4 : 2;
    sum += w * Math.exp(-(u * u) / 2) * chi2With3(3 * (t - u * u));
  }
  return Math.sqrt(2 / Math.PI) * (sum * h) / 3;
}
