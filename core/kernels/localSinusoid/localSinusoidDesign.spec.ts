import { describe, expect, it } from 'vitest';
import { SeededRandom } from '../../stats/index.js';
import { localSinusoidDesign, steeringDirections } from './localSinusoidDesign.js';
import { likelihoodRatioStatistics } from './localSinusoidTest.js';
import { symmetricEigenvalues } from './symmetricEigenvalues.js';
import { weightedChiSquare } from './weightedChiSquare.js';

/** Solves M X = B (M n×n, B n×m, row-major) by Gaussian elimination with partial pivoting. */
function solve(m: Float64Array, b: Float64Array, n: number, cols: number): Float64Array {
  const a = Float64Array.from(m);
  const x = Float64Array.from(b);
  for (let c = 0; c < n; c++) {
    let pivot = c;
    for (let r = c + 1; r < n; r++) if (Math.abs(a[r * n + c]!) > Math.abs(a[pivot * n + c]!)) pivot = r;
    for (let k = 0; k < n; k++) [a[c * n + k], a[pivot * n + k]] = [a[pivot * n + k]!, a[c * n + k]!];
    for (let k = 0; k < cols; k++) [x[c * cols + k], x[pivot * cols + k]] = [x[pivot * cols + k]!, x[c * cols + k]!];
    for (let r = 0; r < n; r++) {
      if (r === c) continue;
      const f = a[r * n + c]! / a[c * n + c]!;
      for (let k = 0; k < n; k++) a[r * n + k]! -= f * a[c * n + k]!;
      for (let k = 0; k < cols; k++) x[r * cols + k]! -= f * x[c * cols + k]!;
    }
  }
  for (let r = 0; r < n; r++) for (let k = 0; k < cols; k++) x[r * cols + k]! /= a[r * n + r]!;
  return x;
}

/**
 * ResMap's matrices written out densely from their definitions: H = A(AᵀWA)⁻¹AᵀW over the given
 * columns, Hc = 1(1ᵀW1)⁻¹1ᵀW, and the returned W(H − Hc) (or W − WH when `constant` is false).
 */
function denseLambda(basis: Float64Array, weights: Float64Array, columns: number[], mode: 'diff' | 'residual'): Float64Array {
  const p = weights.length;
  const c = columns.length;
  const normal = new Float64Array(c * c);
  const rhs = new Float64Array(c * p); // AᵀW
  columns.forEach((j, a) => {
    for (let i = 0; i < p; i++) rhs[a * p + i] = basis[j * p + i]! * weights[i]!;
    columns.forEach((k, b) => {
      let s = 0;
      for (let i = 0; i < p; i++) s += basis[j * p + i]! * weights[i]! * basis[k * p + i]!;
      normal[a * c + b] = s;
    });
  });
  const coef = solve(normal, rhs, c, p); // (AᵀWA)⁻¹AᵀW, c×p
  const out = new Float64Array(p * p);
  let wsum = 0;
  for (let i = 0; i < p; i++) wsum += weights[i]!;
  for (let r = 0; r < p; r++) {
    for (let s = 0; s < p; s++) {
      let h = 0;
      columns.forEach((j, a) => (h += basis[j * p + r]! * coef[a * p + s]!));
      if (mode === 'diff') out[r * p + s] = weights[r]! * (h - weights[s]! / wsum);
      else out[r * p + s] = (r === s ? weights[r]! : 0) - weights[r]! * h;
    }
  }
  return out;
}

describe('localSinusoidDesign', () => {
  it('window, scaling and weight follow ResMap: w = ceil(r/2Ts), weight exp(−|a·Ts·offset|²)', () => {
    const d = localSinusoidDesign(4.4, 2.02);
    expect(d.halfWidth).toBe(2); // ceil(1.089)
    const a = ((2 * Math.PI) / 4.4) * Math.sqrt(0.4) * 2.02;
    const p = d.offsets.findIndex((_, i) => i % 3 === 0 && d.offsets[i] === 1 && d.offsets[i + 1] === -2 && d.offsets[i + 2] === 0) / 3;
    expect(d.weights[p]).toBeCloseTo(Math.exp(-5 * a * a), 14);
    // As the source reads under Python 3: exp(−|u|²/2).
    expect(localSinusoidDesign(4.4, 2.02, 'as-written').weights[p]).toBeCloseTo(Math.exp(-2.5 * a * a), 14);
    expect(d.filters.length).toBe(16);
    // Steering directions are unit vectors; the 6 second-order ones are ResMap's dodecahedron face normals.
    const { second, third } = steeringDirections();
    for (const v of [...second, ...third]) expect(Math.hypot(...v)).toBeCloseTo(1, 14);
    expect(second[0]![2] / second[0]![0]).toBeCloseTo((1 + Math.sqrt(5)) / 2, 14);
  });

  for (const [resolution, voxelSize] of [[2.2, 1], [4.2, 1], [7.4, 2.02]] as const) {
    it(`the low-rank statistic, summed directly and by FFT correlations, equals vᵀ·W(H − Hc)·v from the dense matrices (r = ${resolution} Å, Ts = ${voxelSize} Å)`, () => {
      const d = localSinusoidDesign(resolution, voxelSize);
      const p = d.weights.length;
      const lambda = denseLambda(d.basis, d.weights, Array.from({ length: 17 }, (_, j) => j), 'diff');
      // Eigenvalues: their sum and sum of squares are the trace and squared Frobenius norm of Λdiff.
      let trace = 0;
      let frob = 0;
      for (let i = 0; i < p; i++) trace += lambda[i * p + i]!;
      for (let i = 0; i < p * p; i++) frob += lambda[i]! * lambda[i]!;
      const e = Array.from(d.eigenvalues);
      expect(e.reduce((t, x) => t + x, 0) / trace).toBeCloseTo(1, 9);
      expect(e.reduce((t, x) => t + x * x, 0) / frob).toBeCloseTo(1, 8);

      const w = d.halfWidth;
      const n = 2 * w + 4;
      const dims: [number, number, number] = [n, n + 1, n + 2];
      const random = new SeededRandom(11);
      const map = new Float64Array(dims[0] * dims[1] * dims[2]).map(() => random.normal() + 3);
      const active = new Uint8Array(map.length).fill(1);
      const direct = likelihoodRatioStatistics(map, active, dims, d, 1, 'direct');
      const fft = likelihoodRatioStatistics(map, active, dims, d, 1, 'fft');
      expect([direct.method, fft.method]).toEqual(['direct', 'fft']);
      expect(Array.from(fft.indices)).toEqual(Array.from(direct.indices));
      let checked = 0;
      direct.indices.forEach((voxel, k) => {
        const x = voxel % dims[0];
        const y = Math.floor(voxel / dims[0]) % dims[1];
        const z = Math.floor(voxel / (dims[0] * dims[1]));
        const v = new Float64Array(p);
        for (let q = 0; q < p; q++) v[q] = map[x + d.offsets[3 * q]! + dims[0] * (y + d.offsets[3 * q + 1]! + dims[1] * (z + d.offsets[3 * q + 2]!))]!;
        let form = 0;
        for (let r = 0; r < p; r++) for (let s = 0; s < p; s++) form += v[r]! * lambda[r * p + s]! * v[s]!;
        expect((direct.values[k]! * (1 + 1e-10)) / form).toBeCloseTo(1, 8);
        expect((fft.values[k]! * (1 + 1e-10)) / form).toBeCloseTo(1, 8);
        checked++;
      });
      // Every voxel whose window fits was evaluated: (n − 2w) × (n + 1 − 2w) × (n + 2 − 2w).
      expect(checked).toBe(4 * 5 * 6);
    });
  }

  it('eigen-direction filters: orthogonal, |e_k|² = λ_k, and Λdiff v = Σ e_k (e_k·v) against the dense W(H − Hc)', () => {
    const d = localSinusoidDesign(5.8, 1.742);
    const p = d.weights.length;
    const lambda = denseLambda(d.basis, d.weights, Array.from({ length: 17 }, (_, j) => j), 'diff');
    const dot = (a: ArrayLike<number>, b: ArrayLike<number>) => {
      let t = 0;
      for (let i = 0; i < p; i++) t += a[i]! * b[i]!;
      return t;
    };
    expect(d.eigenFilters.length).toBe(16);
    d.eigenFilters.forEach((e, k) => {
      expect(dot(e, e) / d.eigenvalues[k]!).toBeCloseTo(1, 9);
      for (let l = k + 1; l < 16; l++) expect(Math.abs(dot(e, d.eigenFilters[l]!)) / d.eigenvalues[0]!).toBeLessThan(1e-10);
      // Λdiff e_k = λ_k e_k with the dense matrix.
      for (let i = 0; i < p; i += 7) {
        let row = 0;
        for (let j = 0; j < p; j++) row += lambda[i * p + j]! * e[j]!;
        expect(Math.abs(row - d.eigenvalues[k]! * e[i]!)).toBeLessThan(1e-10 * d.eigenvalues[0]!);
      }
    });
  });

  it('the statistic on the eigen-directions the null law keeps follows that law under white noise; the full form ResMap sums exceeds it', () => {
    // r = 5.8 Å on 1.742 Å voxels: 9 of 16 eigenvalues pass ResMap's 0.1 × largest cut, the other 7
    // carry 11 % of the trace. Windows of independent N(0, 1) samples, σ² = 1.
    const d = localSinusoidDesign(5.8, 1.742);
    const p = d.weights.length;
    const kept = Array.from(d.eigenvalues).filter((l) => l > 0.1 * d.eigenvalues[0]!);
    expect(kept.length).toBe(9);
    const law = weightedChiSquare(kept);
    const q = law.quantile(0.05);
    const random = new SeededRandom(21);
    const trials = 40_000;
    const window = new Float64Array(p);
    let matched = 0;
    let full = 0;
    let matchedSum = 0;
    for (let t = 0; t < trials; t++) {
      for (let i = 0; i < p; i++) window[i] = random.normal();
      let m = 0;
      let f = 0;
      d.eigenFilters.forEach((e, k) => {
        let c = 0;
        for (let i = 0; i < p; i++) c += e[i]! * window[i]!;
        if (k < kept.length) m += c * c;
        f += c * c;
      });
      matchedSum += m;
      if (m > q) matched++;
      if (f > q) full++;
    }
    // Binomial standard error of a 5 % tail over 40 000 trials: 0.0011.
    expect(Math.abs(matched / trials - 0.05)).toBeLessThan(0.0045);
    expect(full / trials).toBeGreaterThan(0.05 + 0.01);
    // E[Σ_kept (e_k·v)²] = Σ_kept λ_k; its standard error here is ≈ 0.3 %.
    expect(matchedSum / trials / kept.reduce((t, l) => t + l, 0)).toBeCloseTo(1, 1);
  });

  it("ResMap's variance form: dᵀ(W − W·Hd)d and its trace from the dense matrix without the constant", () => {
    const d = localSinusoidDesign(5.4, 2.02);
    const p = d.weights.length;
    const lambdaD = denseLambda(d.basis, d.weights, Array.from({ length: 16 }, (_, j) => j + 1), 'residual');
    let trace = 0;
    for (let i = 0; i < p; i++) trace += lambdaD[i * p + i]!;
    expect(d.traceLambdaD / trace).toBeCloseTo(1, 9);
    const random = new SeededRandom(4);
    const v = new Float64Array(p).map(() => random.normal());
    let dense = 0;
    for (let r = 0; r < p; r++) for (let s = 0; s < p; s++) dense += v[r]! * lambdaD[r * p + s]! * v[s]!;
    let lowRank = 0;
    for (let i = 0; i < p; i++) lowRank += d.weights[i]! * v[i]! * v[i]!;
    for (const c of d.varianceFilters) {
      let dot = 0;
      for (let i = 0; i < p; i++) dot += c[i]! * v[i]!;
      lowRank -= dot * dot;
    }
    expect(lowRank / dense).toBeCloseTo(1, 9);
  });
});

describe('symmetricEigenvalues', () => {
  it('recovers the spectrum of Q·diag(λ)·Qᵀ for a Householder reflection Q', () => {
    const lambda = [5, -1, 2, 0.5, 3];
    const n = lambda.length;
    const v = [1, -2, 0.5, 3, 1];
    const vv = v.reduce((t, x) => t + x * x, 0);
    const q = (i: number, j: number) => (i === j ? 1 : 0) - (2 * v[i]! * v[j]!) / vv;
    const m = new Float64Array(n * n);
    for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) for (let k = 0; k < n; k++) m[i * n + j]! += q(i, k) * lambda[k]! * q(j, k);
    const got = Array.from(symmetricEigenvalues(m, n));
    [...lambda].sort((a, b) => a - b).forEach((l, i) => expect(got[i]).toBeCloseTo(l, 12));
  });
});
