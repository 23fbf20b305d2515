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
  let harmonic = 0;
  for (let i = 1; i <= m; i++) harmonic += 1 / i;
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
