import { firstCrossing } from './firstCrossing.js';
import { levenbergMarquardt, type LeastSquaresModel } from './levenbergMarquardt.js';

/** Fitted parameters of the FSC logistic, in the original's order (a, b, x0, c). */
export interface FscLogisticParams {
  a: number;
  b: number;
  x0: number;
  c: number;
}

export interface FscLogisticFit {
  params: FscLogisticParams;
  /** The fitted curve at each frequency of the input. */
  fitted: Float64Array;
  /** First crossing of the fitted curve below 0.9 (1/Å), or null. */
  f90: number | null;
  sumOfSquares: number;
  converged: boolean;
}

/**
 * The logistic the original service fits to the FSC, as its Python evaluates it:
 * y = 1 − a/(1 + c + exp(−b·(x − x0))). The intended form was 1 − (a/(1 + exp(−b(x − x0))) + c),
 * but the parentheses put c inside the denominator (algorithms §3.1); we evaluate what the
 * original evaluates, so the curve and "FSC > 0.9 up to" are the original's. The model is
 * over-parameterised: only a/(1 + c), b and x0 − ln(1 + c)/b change the curve.
 */
export function fscLogistic(x: number, p: FscLogisticParams | Float64Array): number {
  const [a, b, x0, c] = p instanceof Float64Array ? p : [p.a, p.b, p.x0, p.c];
  return 1 - a! / (1 + c! + safeExp(-b! * (x - x0!)));
}

const MODEL: LeastSquaresModel = {
  value: (x, p) => fscLogistic(x, p),
  gradient(x, p, g) {
    const a = p[0]!;
    const b = p[1]!;
    const x0 = p[2]!;
    const c = p[3]!;
    const e = safeExp(-b * (x - x0));
    const d = 1 + c + e;
    const aOverD2 = a / (d * d);
    g[0] = -1 / d;
    g[1] = -aOverD2 * e * (x - x0);
    g[2] = aOverD2 * e * b;
    g[3] = aOverD2;
  },
};

/**
 * "Information well preserved" (vrs-spec §7.1): the logistic fitted to (frequency, FSC) by
 * Levenberg–Marquardt from (a, b, x0, c) = (1, 1, f05, 0), f05 being the FSC = 0.5 crossing (and
 * from starts with steeper slopes, keeping the least sum of squares), and
 * the first crossing of the fitted curve (evaluated at the same frequencies) below 0.9. Null when
 * there is no f05 (the original then crashed, bug B11) or fewer than four finite points.
 */
export function fitFscLogistic(frequency: ArrayLike<number>, fsc: ArrayLike<number>, f05: number | null): FscLogisticFit | null {
  if (f05 === null || !Number.isFinite(f05)) return null;
  const x: number[] = [];
  const y: number[] = [];
  for (let i = 0; i < fsc.length; i++) {
    if (Number.isFinite(fsc[i]!) && Number.isFinite(frequency[i]!)) {
      x.push(frequency[i]!);
      y.push(fsc[i]!);
    }
  }
  if (x.length < 4) return null;
  // The original's start (1, 1, f05, 0) is a nearly flat curve (b = 1 against frequencies below
  // 0.5/Å): from it a damped Gauss–Newton step can jump to a step-shaped curve with a vanishing
  // gradient and stop at the FSC's mean. Starts with the slope of the data at f05 avoid that; the
  // fit of least sum of squares is kept, which is the original's whenever it found the minimum.
  const starts: number[][] = [[1, 1, f05, 0], [1, 4 / f05, f05, 0], [1, 10 / f05, f05, 0]];
  const f90Data = firstCrossing(x, y, 0.9, 'lesser');
  if (f90Data !== null && f90Data < f05) starts.push([1, Math.log(9) / (f05 - f90Data), f05, 0]);
  let result: ReturnType<typeof levenbergMarquardt> | null = null;
  for (const start of starts) {
    const candidate = levenbergMarquardt(MODEL, x, y, start);
    if (Number.isFinite(candidate.sumOfSquares) && (result === null || candidate.sumOfSquares < result.sumOfSquares)) result = candidate;
  }
  if (result === null) return null;
  const [a, b, x0, c] = result.params;
  const params = { a: a!, b: b!, x0: x0!, c: c! };
  const fitted = Float64Array.from({ length: frequency.length }, (_, i) => fscLogistic(frequency[i]!, result.params));
  if (!fitted.every(Number.isFinite)) return null;
  return { params, fitted, f90: firstCrossing(frequency, fitted, 0.9, 'lesser'), sumOfSquares: result.sumOfSquares, converged: result.converged };
}

/** exp that saturates instead of overflowing: past e^700 the logistic is flat anyway. */
function safeExp(t: number): number {
  return Math.exp(Math.min(t, 700));
}
