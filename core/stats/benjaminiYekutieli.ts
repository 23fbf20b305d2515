// Benjamini–Yekutieli false-discovery-rate control (Ann. Stat. 29:1165, 2001), valid under any
// dependence between the tests: as q-values (FDR-FSC, 1.b) and as a rejection threshold on test
// statistics (local sinusoid test, 1.d).

/**
 * Benjamini–Yekutieli adjusted p-values (q-values), the correction SPOC's FDR-FSC uses
 * (`pAdjust(p, 'BY')`, algorithms §3.2 step 5): FDR control under any dependence between the tests.
 * With p sorted ascending, q_(k) = min_{j ≥ k} min(1, m·c(m)·p_(j)/j), c(m) = Σ_{i=1..m} 1/i; the
 * q-values come back in the order of the input.
 */
export function benjaminiYekutieli(pValues: ArrayLike<number>): Float64Array {
  const m = pValues.length;
  const q = new Float64Array(m);
  if (m === 0) return q;
  for (let i = 0; i < m; i++) {
    const p = pValues[i]!;
    if (!(p >= 0 && p <= 1)) throw new RangeError(`benjaminiYekutieli: p-value ${i} is ${p}, not in [0, 1]`);
  }
  const harmonic = harmonicNumber(m);
  // Stable sort: ties keep their input order, so equal p-values get equal q-values either way.
  const order = Array.from({ length: m }, (_, i) => i).sort((a, b) => pValues[a]! - pValues[b]! || a - b);
  let running = 1;
  for (let k = m - 1; k >= 0; k--) {
    const i = order[k]!;
    running = Math.min(running, (m * harmonic * pValues[i]!) / (k + 1));
    q[i] = running;
  }
  return q;
}

/**
 * Benjamini–Yekutieli step-up (Ann. Stat. 29:1165, 2001) on test statistics whose p-value is
 * `survival(statistic)`: among m tests, reject the j largest statistics for the largest j with
 * p_(j) ≤ j·α/(m·c(m)), c(m) = Σ_{i≤m} 1/i (valid under any dependence — neighbouring windows
 * overlap). Only statistics beyond `candidateFloor` (the uncorrected threshold, whose p-value is
 * already ≥ α) can be rejected, so only those are sorted and evaluated.
 * Returns the smallest rejected statistic (reject s ≥ it), or Infinity when none is rejected.
 */
export function benjaminiYekutieliThreshold(
  statistics: ArrayLike<number>, m: number, alpha: number, survival: (x: number) => number, candidateFloor = 0,
): number {
  if (m <= 0) return Infinity;
  const candidates: number[] = [];
  for (let i = 0; i < statistics.length; i++) if (statistics[i]! > candidateFloor) candidates.push(statistics[i]!);
  if (candidates.length === 0) return Infinity;
  candidates.sort((a, b) => b - a);
  const harmonic = harmonicNumber(m);
  const level = alpha / (m * harmonic);
  for (let j = candidates.length; j >= 1; j--) {
    const s = candidates[j - 1]!;
    if (survival(s) <= j * level) return s;
  }
  return Infinity;
}

/** c(m) = Σ_{i=1..m} 1/i, the dependence factor of the procedure. */
function harmonicNumber(m: number): number {
  let sum = 0;
  for (let i = 1; i <= m; i++) sum += 1 / i;
  return sum;
}
