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
  let harmonic = 0;
  for (let i = 1; i <= m; i++) harmonic += 1 / i;
  const level = alpha / (m * harmonic);
  for (let j = candidates.length; j >= 1; j--) {
    const s = candidates[j - 1]!;
    if (survival(s) <= j * level) return s;
  }
  return Infinity;
}
