import { symmetricEigen } from './symmetricEigenvalues.js';

/**
 * The local model ResMap tests at one resolution r (Kucukelbir, Sigworth & Tagare, Nat. Methods
 * 11:63, 2014), on a cubic window of half-width w = ceil(0.5·r/Ts) voxels:
 * * scaled coordinates u = a·Ts·(offset), a = (2π/r)·√(2/5), so that the basis peaks at 1/r;
 * * Gaussian weight exp(−|u|²) — the program's code writes exp(−1/2·|u|²), but under Python 2
 *   (which the ResMap binaries run) −1/2 is −1, so the weight is exp(−|u|²), the Gaussian of
 *   Freeman & Adelson's G2/H2 steerable quadrature pair that the basis below comes from;
 * * 17 columns: the constant, 4t² − 2 for t = d·u along 6 directions (normals to the faces of the
 *   dodecahedron: cyclic permutations of (1, 0, ±φ)), and t³ − 2.254·t along 10 directions
 *   (cyclic permutations of (1, ±φ, 1/φ) and the cube diagonals (±1, ±1, 1)).
 * ResMap's first coordinate runs along the slowest array axis (numpy arrays of MRC files are
 * [z][y][x]), so u = a·Ts·(dz, dy, dx) here.
 *
 * With S = diag(√weight) the weighted least-squares fits are orthogonal projections of S·v, so
 * Λdiff = W(H − Hc) = Σ_k b_k b_kᵀ with b_k = S·q_k, q_1…q_16 an orthonormal basis of the part of
 * span(S·A) orthogonal to S·1. The statistic vᵀΛdiff v is then Σ_k (b_k·v)²: 16 correlations
 * instead of a dense (2w+1)³ × (2w+1)³ product.
 * With G = BᵀB = V diag(λ) Vᵀ (B the filters as columns), the eigen-direction filters e_k = B·v_k
 * are orthogonal with |e_k|² = λ_k and Λdiff = Σ_k e_k e_kᵀ as well: summing (e_k·v)² over a subset
 * of k is the quadratic form of Λdiff restricted to those eigenvalues.
 */
export interface LocalSinusoidDesign {
  resolution: number;
  halfWidth: number;
  /** Window offsets [dx, dy, dz] in the order the filters are stored. */
  offsets: Int32Array;
  /** Gaussian weights per window point. */
  weights: Float64Array;
  /** The 17 basis columns (column-major, window points fastest). */
  basis: Float64Array;
  /** b_k (rank of Λdiff of them), each of window length: Λdiff = Σ b_k b_kᵀ. */
  filters: Float64Array[];
  /** Eigenvalues of Λdiff (those of the Gram matrix of the filters), descending. */
  eigenvalues: Float64Array;
  /** e_k = B·v_k, one per eigenvalue in the same (descending) order: Λdiff = Σ e_k e_kᵀ, e_k·e_l = λ_k δ_kl. */
  eigenFilters: Float64Array[];
  /** Λd = W − W·Hd (fit without the constant) for ResMap's noise-variance estimate: dᵀΛd d = Σ w d² − Σ_k (c_k·d)². */
  varianceFilters: Float64Array[];
  traceLambdaD: number;
}

const PHI = (1 + Math.sqrt(5)) / 2;

function normalized(v: [number, number, number]): [number, number, number] {
  const n = Math.hypot(...v);
  return [v[0] / n, v[1] / n, v[2] / n];
}

function cyclic(v: [number, number, number]): [number, number, number][] {
  return [[v[0], v[1], v[2]], [v[1], v[2], v[0]], [v[2], v[0], v[1]]];
}

/** The 6 second-order and 10 third-order steering directions, in ResMap's (axis 0, 1, 2) frame. */
export function steeringDirections(): { second: [number, number, number][]; third: [number, number, number][] } {
  const g = normalized([1, 0, PHI]);
  const gFlip = normalized([1, 0, -PHI]);
  const h = normalized([1, PHI, 1 / PHI]);
  const hFlip = normalized([1, -PHI, 1 / PHI]);
  const r3 = 1 / Math.sqrt(3);
  return {
    second: [...cyclic(g), ...cyclic(gFlip)],
    third: [...cyclic(h), ...cyclic(hFlip), [r3, r3, r3], [-r3, r3, r3], [r3, -r3, r3], [-r3, -r3, r3]],
  };
}

export function windowHalfWidth(resolution: number, voxelSize: number): number {
  return Math.ceil((0.5 * resolution) / voxelSize - 1e-9);
}

/**
 * 'python2': exp(−|u|²), what ResMap computes when run by Python 2 (−1/2 = −1); 'as-written':
 * exp(−|u|²/2), what its source says under Python 3 division.
 */
export type GaussianWeightRule = 'python2' | 'as-written';

export function localSinusoidDesign(resolution: number, voxelSize: number, weightRule: GaussianWeightRule = 'python2'): LocalSinusoidDesign {
  if (!(resolution > 0) || !(voxelSize > 0)) throw new RangeError(`localSinusoidDesign: resolution ${resolution} and voxel size ${voxelSize} must be positive`);
  const w = windowHalfWidth(resolution, voxelSize);
  const side = 2 * w + 1;
  const points = side * side * side;
  const scale = ((2 * Math.PI) / resolution) * Math.sqrt(2 / 5) * voxelSize;
  const { second, third } = steeringDirections();
  const exponentFactor = weightRule === 'python2' ? 1 : 0.5;
  const columns = 1 + second.length + third.length;
  const offsets = new Int32Array(3 * points);
  const weights = new Float64Array(points);
  const basis = new Float64Array(columns * points);
  let p = 0;
  for (let dz = -w; dz <= w; dz++) {
    for (let dy = -w; dy <= w; dy++) {
      for (let dx = -w; dx <= w; dx++, p++) {
        offsets[3 * p] = dx;
        offsets[3 * p + 1] = dy;
        offsets[3 * p + 2] = dz;
        const u: [number, number, number] = [scale * dz, scale * dy, scale * dx];
        weights[p] = Math.exp(-exponentFactor * (u[0] * u[0] + u[1] * u[1] + u[2] * u[2]));
        basis[p] = 1;
        let c = 1;
        for (const d of second) {
          const t = d[0] * u[0] + d[1] * u[1] + d[2] * u[2];
          basis[c++ * points + p] = 4 * t * t - 2;
        }
        for (const d of third) {
          const t = d[0] * u[0] + d[1] * u[1] + d[2] * u[2];
          basis[c++ * points + p] = t * t * t - 2.254 * t;
        }
      }
    }
  }
  const sqrtW = weights.map(Math.sqrt);
  const weighted = (j: number): Float64Array => {
    const col = new Float64Array(points);
    for (let i = 0; i < points; i++) col[i] = sqrtW[i]! * basis[j * points + i]!;
    return col;
  };

  // Full model: the constant first, so the remaining orthonormal directions are exactly Λdiff's.
  const full = orthonormalize(Array.from({ length: columns }, (_, j) => weighted(j)));
  const filters = full.slice(1).map((q) => q.map((v, i) => v * sqrtW[i]!));
  // Model without the constant (ResMap's LAMBDAd), for the noise variance.
  const noConstant = orthonormalize(Array.from({ length: columns - 1 }, (_, j) => weighted(j + 1)));
  const varianceFilters = noConstant.map((q) => q.map((v, i) => v * sqrtW[i]!));
  let traceLambdaD = 0;
  for (let i = 0; i < points; i++) traceLambdaD += weights[i]!;
  for (const c of varianceFilters) for (let i = 0; i < points; i++) traceLambdaD -= c[i]! * c[i]!;

  const rank = filters.length;
  const gram = new Float64Array(rank * rank);
  for (let k = 0; k < rank; k++) {
    for (let l = k; l < rank; l++) {
      let s = 0;
      const bk = filters[k]!;
      const bl = filters[l]!;
      for (let i = 0; i < points; i++) s += bk[i]! * bl[i]!;
      gram[k * rank + l] = s;
      gram[l * rank + k] = s;
    }
  }
  const eigen = symmetricEigen(gram, rank);
  const eigenvalues = eigen.values.slice().reverse();
  const eigenFilters: Float64Array[] = [];
  for (let j = rank - 1; j >= 0; j--) {
    const e = new Float64Array(points);
    for (let k = 0; k < rank; k++) {
      const vk = eigen.vectors[k * rank + j]!;
      const bk = filters[k]!;
      for (let i = 0; i < points; i++) e[i]! += vk * bk[i]!;
    }
    eigenFilters.push(e);
  }
  return { resolution, halfWidth: w, offsets, weights, basis, filters, eigenvalues, eigenFilters, varianceFilters, traceLambdaD };
}

/**
 * Modified Gram–Schmidt with one re-orthogonalisation pass; columns that are (numerically) in the
 * span of the previous ones are dropped, as a pseudo-inverse would ignore them.
 */
function orthonormalize(columns: Float64Array[]): Float64Array[] {
  const out: Float64Array[] = [];
  for (const column of columns) {
    const v = Float64Array.from(column);
    const original = Math.sqrt(v.reduce((t, x) => t + x * x, 0));
    for (let pass = 0; pass < 2; pass++) {
      for (const q of out) {
        let dot = 0;
        for (let i = 0; i < v.length; i++) dot += q[i]! * v[i]!;
        for (let i = 0; i < v.length; i++) v[i]! -= dot * q[i]!;
      }
    }
    const norm = Math.sqrt(v.reduce((t, x) => t + x * x, 0));
    if (norm <= 1e-9 * original || norm === 0) continue;
    for (let i = 0; i < v.length; i++) v[i]! /= norm;
    out.push(v);
  }
  return out;
}
