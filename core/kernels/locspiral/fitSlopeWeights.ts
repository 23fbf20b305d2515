import { LinearLeastSquares } from '../../stats/index.js';

/**
 * Weights c_j such that Σ_j c_j·y_j is the least-squares slope of y against x (design [1, x]), as
 * numpy's pseudo-inverse gives it: with them a per-voxel fit is accumulated one observation at a
 * time, without keeping every observation. When all x are equal the design has rank 1 and the
 * pseudo-inverse gives the minimum-norm solution, slope = x·mean(y)/(1 + x²), i.e.
 * c_j = x/(m·(1 + x²)) (the original's degenerate sweep at R = 15 Å).
 */
export function fitSlopeWeights(x: ArrayLike<number>): Float64Array {
  const m = x.length;
  if (m === 0) throw new RangeError('fitSlopeWeights: no observations');
  const xs = Array.from(x);
  if (!xs.every(Number.isFinite)) throw new RangeError(`fitSlopeWeights: abscissae must be finite, got ${xs.join(', ')}`);
  if (xs.every((v) => v === xs[0])) {
    const v = xs[0]!;
    return new Float64Array(m).fill(v / (m * (1 + v * v)));
  }
  const fit = new LinearLeastSquares(xs.map((v) => [1, v]));
  return fit.pseudoInverse.slice(m, 2 * m);
}
