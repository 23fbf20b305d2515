import { studentTTwoSidedP } from './studentT.js';

export interface TTestResult {
  /** t = (mean − μ₀) / (s/√n), s the sample standard deviation (ddof 1). */
  t: number;
  /** Two-sided p-value from Student's t with n − 1 degrees of freedom. */
  p: number;
  dof: number;
  n: number;
  mean: number;
  /** Sample standard deviation (ddof 1). */
  sd: number;
}

export interface SampleSummary {
  mean: number;
  /** Sample standard deviation, ddof 1. */
  sd: number;
  n: number;
}

/**
 * One-sample Student t-test of H₀: mean = μ₀ (default 0), two-sided, as `scipy.stats.ttest_1samp`.
 * Accepts the values or their summary {mean, sd (ddof 1), n}. A zero standard deviation gives
 * t = ±Infinity, p = 0 (or t = NaN, p = NaN when the mean equals μ₀), like scipy.
 */
export function oneSampleTTest(sample: ArrayLike<number> | SampleSummary, mu0 = 0): TTestResult {
  const summary = isSummary(sample) ? sample : summarize(sample);
  const { mean, sd, n } = summary;
  if (!(n >= 2)) throw new RangeError(`t-test needs at least 2 values, got ${n}`);
  const dof = n - 1;
  const t = (mean - mu0) / (sd / Math.sqrt(n));
  return { t, p: studentTTwoSidedP(t, dof), dof, n, mean, sd };
}

function isSummary(s: ArrayLike<number> | SampleSummary): s is SampleSummary {
  return typeof (s as SampleSummary).sd === 'number' && typeof (s as SampleSummary).n === 'number';
}

function summarize(values: ArrayLike<number>): SampleSummary {
  const n = values.length;
  let sum = 0;
  for (let i = 0; i < n; i++) sum += values[i]!;
  const mean = sum / n;
  let ss = 0;
  let sd1 = 0;
  for (let i = 0; i < n; i++) {
    const d = values[i]! - mean;
    ss += d * d;
    sd1 += d;
  }
  return { mean, sd: Math.sqrt((ss - (sd1 * sd1) / n) / (n - 1)), n };
}
