/**
 * Ordinary least squares for a fixed design matrix A (m observations × p parameters), factorised
 * once by Householder QR so that many right-hand sides (one per voxel, e.g. LocBFactor's fit of
 * ln amplitude against f² at every voxel) cost only a p×m matrix–vector product each. The
 * pseudo-inverse rows are exposed for callers that accumulate the fit on the fly.
 */
export class LinearLeastSquares {
  readonly m: number;
  readonly p: number;
  /** Pseudo-inverse (AᵀA)⁻¹Aᵀ, p rows of m, row-major. coefficient k = Σ_j pinv[k·m + j]·y[j]. */
  readonly pseudoInverse: Float64Array;

  /** @param design rows of A: design[j] holds the p regressors of observation j. */
  constructor(design: readonly (readonly number[])[]) {
    const m = design.length;
    const p = m > 0 ? design[0]!.length : 0;
    if (p === 0 || m < p) throw new RangeError(`LinearLeastSquares needs at least as many rows as columns (got ${m}×${p})`);
    this.m = m;
    this.p = p;
    // Column-major copy of A, overwritten by the Householder vectors.
    const a = new Float64Array(m * p);
    for (let j = 0; j < m; j++) {
      const row = design[j]!;
      if (row.length !== p) throw new RangeError(`design row ${j} has ${row.length} entries, expected ${p}`);
      for (let k = 0; k < p; k++) a[k * m + j] = row[k]!;
    }
    const r = new Float64Array(p * p);
    const v = new Float64Array(m * p);
    let scale = 0;
    for (let i = 0; i < a.length; i++) scale = Math.max(scale, Math.abs(a[i]!));
    for (let k = 0; k < p; k++) {
      let norm = 0;
      for (let j = k; j < m; j++) norm += a[k * m + j]! ** 2;
      norm = Math.sqrt(norm);
      if (!(norm > 1e-13 * scale * Math.sqrt(m))) throw new RangeError('LinearLeastSquares: design matrix is rank deficient');
      const alpha = a[k * m + k]! > 0 ? -norm : norm;
      // v = x − α·e_k, normalised
      let vnorm = 0;
      for (let j = k; j < m; j++) {
        const vj = a[k * m + j]! - (j === k ? alpha : 0);
        v[k * m + j] = vj;
        vnorm += vj * vj;
      }
      vnorm = Math.sqrt(vnorm);
      for (let j = k; j < m; j++) v[k * m + j]! /= vnorm;
      for (let c = k; c < p; c++) {
        let dot = 0;
        for (let j = k; j < m; j++) dot += v[k * m + j]! * a[c * m + j]!;
        for (let j = k; j < m; j++) a[c * m + j]! -= 2 * dot * v[k * m + j]!;
      }
      for (let c = k; c < p; c++) r[k * p + c] = a[c * m + k]!;
    }
    // pinv = R⁻¹ · (first p rows of Qᵀ). Build Qᵀ e_j column by column.
    const qt = new Float64Array(p * m);
    const e = new Float64Array(m);
    for (let j = 0; j < m; j++) {
      e.fill(0);
      e[j] = 1;
      for (let k = 0; k < p; k++) {
        let dot = 0;
        for (let i = k; i < m; i++) dot += v[k * m + i]! * e[i]!;
        for (let i = k; i < m; i++) e[i]! -= 2 * dot * v[k * m + i]!;
      }
      for (let k = 0; k < p; k++) qt[k * m + j] = e[k]!;
    }
    const pinv = new Float64Array(p * m);
    for (let j = 0; j < m; j++) {
      for (let k = p - 1; k >= 0; k--) {
        let s = qt[k * m + j]!;
        for (let c = k + 1; c < p; c++) s -= r[k * p + c]! * pinv[c * m + j]!;
        pinv[k * m + j] = s / r[k * p + k]!;
      }
    }
    this.pseudoInverse = pinv;
  }

  /** Least-squares coefficients for observations y (length m). */
  solve(y: ArrayLike<number>, out: Float64Array = new Float64Array(this.p)): Float64Array {
    if (y.length !== this.m) throw new RangeError(`solve: expected ${this.m} observations, got ${y.length}`);
    const { m, p, pseudoInverse } = this;
    for (let k = 0; k < p; k++) {
      let s = 0;
      for (let j = 0; j < m; j++) s += pseudoInverse[k * m + j]! * y[j]!;
      out[k] = s;
    }
    return out;
  }
}
