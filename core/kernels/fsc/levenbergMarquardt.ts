/**
 * A model for non-linear least squares: its value and its derivatives with respect to each
 * parameter at one x. `gradient` is filled in place (length = number of parameters).
 */
export interface LeastSquaresModel {
  value(x: number, params: Float64Array): number;
  gradient(x: number, params: Float64Array, gradient: Float64Array): void;
}

export interface LevenbergMarquardtOptions {
  /** Stop when an accepted step lowers the sum of squares by less than this fraction (MINPACK ftol). */
  ftol?: number;
  /** Stop when an accepted step changes every parameter by less than this fraction of its size (MINPACK xtol). */
  xtol?: number;
  /** Most iterations (each solves one damped normal system). */
  maxIterations?: number;
}

export interface LevenbergMarquardtResult {
  params: Float64Array;
  /** Σ (model − y)² at `params`. */
  sumOfSquares: number;
  iterations: number;
  /** True when a tolerance was met; false when the iteration limit or the damping limit stopped it. */
  converged: boolean;
}

/**
 * Levenberg–Marquardt with Marquardt's scaling: each step solves (JᵀJ + λ·diag(JᵀJ))·δ = −Jᵀr,
 * λ divided by 10 after a step that lowers the sum of squares and multiplied by 10 otherwise — the
 * method of scipy's `curve_fit` default (MINPACK lmdif) with analytic derivatives. A parameter the
 * data do not determine (a zero column of J) gets a tiny diagonal floor so the damped system stays
 * solvable, and stays where it is.
 */
export function levenbergMarquardt(
  model: LeastSquaresModel,
  x: ArrayLike<number>,
  y: ArrayLike<number>,
  start: ArrayLike<number>,
  opts: LevenbergMarquardtOptions = {},
): LevenbergMarquardtResult {
  const ftol = opts.ftol ?? 1.49012e-8;
  const xtol = opts.xtol ?? 1.49012e-8;
  const maxIterations = opts.maxIterations ?? 1000;
  const m = x.length;
  const n = start.length;
  if (y.length !== m) throw new RangeError(`levenbergMarquardt: ${m} x values for ${y.length} y values`);
  if (m < n) throw new RangeError(`levenbergMarquardt: ${m} points cannot determine ${n} parameters`);
  let params = Float64Array.from(start);
  const g = new Float64Array(n);
  const jtj = new Float64Array(n * n);
  const jtr = new Float64Array(n);
  const system = new Float64Array(n * n);
  const step = new Float64Array(n);
  const sumOfSquares = (p: Float64Array) => {
    let s = 0;
    for (let i = 0; i < m; i++) {
      const r = model.value(x[i]!, p) - y[i]!;
      s += r * r;
    }
    return s;
  };
  let cost = sumOfSquares(params);
  if (!Number.isFinite(cost)) return { params, sumOfSquares: cost, iterations: 0, converged: false };
  let lambda = 1e-3;
  for (let iteration = 1; iteration <= maxIterations; iteration++) {
    jtj.fill(0);
    jtr.fill(0);
    for (let i = 0; i < m; i++) {
      const r = model.value(x[i]!, params) - y[i]!;
      model.gradient(x[i]!, params, g);
      for (let a = 0; a < n; a++) {
        jtr[a]! += g[a]! * r;
        for (let b = 0; b <= a; b++) jtj[a * n + b]! += g[a]! * g[b]!;
      }
    }
    let maxDiagonal = 0;
    for (let a = 0; a < n; a++) {
      for (let b = 0; b < a; b++) jtj[b * n + a] = jtj[a * n + b]!;
      maxDiagonal = Math.max(maxDiagonal, jtj[a * n + a]!);
    }
    if (maxDiagonal === 0) return { params, sumOfSquares: cost, iterations: iteration, converged: true };
    // Raise λ until a step lowers the sum of squares (or λ says the minimum is here).
    for (;;) {
      system.set(jtj);
      for (let a = 0; a < n; a++) system[a * n + a]! += lambda * Math.max(jtj[a * n + a]!, 1e-12 * maxDiagonal);
      for (let a = 0; a < n; a++) step[a] = -jtr[a]!;
      const solved = solveInPlace(system, step, n);
      const trial = Float64Array.from(params, (v, a) => v + (solved ? step[a]! : 0));
      const trialCost = solved ? sumOfSquares(trial) : Number.NaN;
      if (solved && trialCost <= cost) {
        const reduction = cost > 0 ? (cost - trialCost) / cost : 0;
        let smallStep = true;
        for (let a = 0; a < n; a++) if (Math.abs(step[a]!) > xtol * (Math.abs(params[a]!) + xtol)) smallStep = false;
        params = trial;
        cost = trialCost;
        lambda = Math.max(lambda / 10, 1e-12);
        if (reduction < ftol || smallStep || cost === 0) return { params, sumOfSquares: cost, iterations: iteration, converged: true };
        break;
      }
      lambda *= 10;
      if (lambda > 1e16) return { params, sumOfSquares: cost, iterations: iteration, converged: true };
    }
  }
  return { params, sumOfSquares: cost, iterations: maxIterations, converged: false };
}

/** Gaussian elimination with partial pivoting on a dense n×n system; false when it is singular. */
function solveInPlace(a: Float64Array, b: Float64Array, n: number): boolean {
  for (let col = 0; col < n; col++) {
    let pivot = col;
    for (let row = col + 1; row < n; row++) if (Math.abs(a[row * n + col]!) > Math.abs(a[pivot * n + col]!)) pivot = row;
    const p = a[pivot * n + col]!;
    if (!(Math.abs(p) > 0) || !Number.isFinite(p)) return false;
    if (pivot !== col) {
      for (let k = 0; k < n; k++) {
        const t = a[col * n + k]!;
        a[col * n + k] = a[pivot * n + k]!;
        a[pivot * n + k] = t;
      }
      const t = b[col]!;
      b[col] = b[pivot]!;
      b[pivot] = t;
    }
    for (let row = col + 1; row < n; row++) {
      const factor = a[row * n + col]! / p;
      if (factor === 0) continue;
      for (let k = col; k < n; k++) a[row * n + k]! -= factor * a[col * n + k]!;
      b[row]! -= factor * b[col]!;
    }
  }
  for (let row = n - 1; row >= 0; row--) {
    let s = b[row]!;
    for (let k = row + 1; k < n; k++) s -= a[row * n + k]! * b[k]!;
    b[row] = s / a[row * n + row]!;
  }
  for (let k = 0; k < n; k++) if (!Number.isFinite(b[k]!)) return false;
  return true;
}
