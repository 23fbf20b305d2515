import { logBeta } from './logGamma.js';

const EPS = 1e-16;
const TINY = 1e-300;

/**
 * Regularised incomplete beta I_x(a, b), evaluated with the classical continued fraction
 * (modified Lentz). When x lies above the fraction's fast-converging region, (a+1)/(a+b+2), the
 * symmetry I_x(a, b) = 1 − I_{1−x}(b, a) is used. Pass `oneMinusX` when 1 − x is known more
 * accurately than by subtraction (for the t distribution, t²/(ν+t²) next to ν/(ν+t²)).
 */
export function regularizedIncompleteBeta(x: number, a: number, b: number, oneMinusX = 1 - x): number {
  if (!(a > 0 && b > 0) || !(x >= 0 && x <= 1)) return Number.NaN;
  if (x === 0) return 0;
  if (x === 1) return 1;
  if (x > (a + 1) / (a + b + 2)) return 1 - betaTail(oneMinusX, x, b, a);
  return betaTail(x, oneMinusX, a, b);
}

/**
 * Upper tail 1 − I_x(a, b) = I_{1−x}(b, a), computed without subtraction when it is the small side.
 */
export function regularizedIncompleteBetaComplement(x: number, a: number, b: number, oneMinusX = 1 - x): number {
  return regularizedIncompleteBeta(oneMinusX, b, a, x);
}

/** x^a (1−x)^b / (a·B(a,b)) times the continued fraction; x is below the switch point. */
function betaTail(x: number, y: number, a: number, b: number): number {
  // ln x from ln(1 − y) when x is near 1: with a ≈ 10⁸, a·ln x must not inherit the rounding of x.
  const logX = x > 0.5 ? Math.log1p(-y) : Math.log(x);
  const logY = y > 0.5 ? Math.log1p(-x) : Math.log(y);
  const logFront = a * logX + b * logY - logBeta(a, b) - Math.log(a);
  if (logFront < -745) return 0;
  return Math.exp(logFront) * continuedFraction(x, y, a, b);
}

function continuedFraction(x: number, y: number, a: number, b: number): number {
  const qab = a + b;
  const qap = a + 1;
  const qam = a - 1;
  let c = 1;
  // 1 − (a+b)x/(a+1) rewritten without cancellation: near the switch point it is ~1/a.
  let d = ((a + 1) * y + (1 - b) * x) / qap;
  if (Math.abs(d) < TINY) d = TINY;
  d = 1 / d;
  let h = d;
  // Convergence takes O(√max(a, b)) steps near the switch point; allow for ν up to ~1e10.
  const maxIter = 1000 + Math.ceil(20 * Math.sqrt(Math.max(a, b)));
  for (let m = 1; m <= maxIter; m++) {
    const m2 = 2 * m;
    let aa = (m * (b - m) * x) / ((qam + m2) * (a + m2));
    d = 1 + aa * d;
    if (Math.abs(d) < TINY) d = TINY;
    c = 1 + aa / c;
    if (Math.abs(c) < TINY) c = TINY;
    d = 1 / d;
    h *= d * c;
    aa = (-(a + m) * (qab + m) * x) / ((a + m2) * (qap + m2));
    d = 1 + aa * d;
    if (Math.abs(d) < TINY) d = TINY;
    c = 1 + aa / c;
    if (Math.abs(c) < TINY) c = TINY;
    d = 1 / d;
    const delta = d * c;
    h *= delta;
    if (Math.abs(delta - 1) < EPS) return h;
  }
  throw new Error(`regularizedIncompleteBeta: continued fraction did not converge (x=${x}, a=${a}, b=${b})`);
}
