/** Kolmogorov–Smirnov comparison of a direction histogram with the uniform distribution. */
export interface DirectionUniformityTest {
  /** D = max_k |C(k) − (k + 1)/K|: the histogram's CDF against the discrete uniform on the same K bins. */
  statistic: number;
  /** Kolmogorov asymptotic p-value Q(√n·D) for n = `sampleSize`. */
  pValue: number;
  sampleSize: number;
  bins: number;
  /** Sum of the counts. */
  total: number;
}

/**
 * Deterministic replacement of the VRS uniformity test of the preferred directions (vrs-spec §7.6,
 * bug B14). The original draws 50 000 indices from the histogram and runs a KS test against
 * scipy's randint(0, max), a uniform that leaves out the last index, so its p-value was random
 * and, with the support off by one, near 0 even for a flat histogram. Here D is computed exactly
 * between the histogram's own CDF and the discrete uniform on the same K bins (both step
 * functions jump only at the bins, so the supremum is the maximum over them), and p is the
 * Kolmogorov limit for `sampleSize` observations (default: the original's 50 000 draws, so
 * the test keeps the original's power without its sampling noise). For discrete distributions the
 * Kolmogorov limit is conservative (p is not too small).
 */
export function directionUniformityTest(counts: ArrayLike<number>, sampleSize = 50_000): DirectionUniformityTest {
  const bins = counts.length;
  if (bins === 0) throw new RangeError('directionUniformityTest: the histogram has no bins');
  if (!(sampleSize > 0)) throw new RangeError(`directionUniformityTest: sample size must be > 0, got ${sampleSize}`);
  let total = 0;
  for (let k = 0; k < bins; k++) {
    const c = counts[k]!;
    if (!(c >= 0) || !Number.isFinite(c)) throw new RangeError(`directionUniformityTest: count ${k} is ${c}; counts must be finite and ≥ 0`);
    total += c;
  }
  if (total === 0) throw new RangeError('directionUniformityTest: the histogram is empty (all counts 0)');
  let cumulative = 0;
  let statistic = 0;
  for (let k = 0; k < bins; k++) {
    cumulative += counts[k]!;
    statistic = Math.max(statistic, Math.abs(cumulative / total - (k + 1) / bins));
  }
  return { statistic, pValue: kolmogorovSurvival(Math.sqrt(sampleSize) * statistic), sampleSize, bins, total };
}

/**
 * Q(x) = P(K > x) of the Kolmogorov distribution: 2Σ(−1)^(k−1) exp(−2k²x²) for x ≥ 1, where it
 * converges in a few terms; for smaller x the Jacobi-theta form of the CDF,
 * P(K ≤ x) = (√(2π)/x) Σ exp(−(2k−1)²π²/(8x²)), converges fast instead.
 */
export function kolmogorovSurvival(x: number): number {
  if (!(x > 0)) return 1;
  if (x < 1) {
    let cdf = 0;
    for (let k = 1; k <= 20; k++) cdf += Math.exp(-((2 * k - 1) ** 2) * Math.PI * Math.PI / (8 * x * x));
    return Math.min(1, Math.max(0, 1 - (Math.sqrt(2 * Math.PI) / x) * cdf));
  }
  let q = 0;
  for (let k = 1; k <= 100; k++) {
    const term = Math.exp(-2 * k * k * x * x);
    q += (k % 2 === 1 ? 2 : -2) * term;
    if (term < 1e-300) break;
  }
  return Math.min(1, Math.max(0, q));
}

/**
 * Number of independent samples of a band-limited map in a region: its volume over the volume
 * (d/2)³ of one Nyquist sample at resolution d. The preferred-direction histogram counts voxels,
 * but neighbouring voxels closer than d/2 see the same local structure and vote alike, so a KS
 * test that took every vote (or the original's 50 000 draws) as independent would call any finite
 * isotropic structure non-uniform. Never more than the voxel count.
 */
export function independentSamples(voxels: number, voxelSize: number, resolution: number): number {
  if (!(voxels > 0) || !(voxelSize > 0) || !(resolution > 0)) {
    throw new RangeError(`independentSamples: voxels, voxel size and resolution must be > 0, got ${voxels}, ${voxelSize}, ${resolution}`);
  }
  return Math.min(voxels, Math.max(1, voxels * (voxelSize / (resolution / 2)) ** 3));
}
