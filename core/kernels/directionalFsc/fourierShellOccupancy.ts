import type { ConeSpectrumPoints } from './coneSpectrumPoints.js';
import { conicalFsc, type ConeSums } from './conicalFsc.js';
import { hemisphereDirections, type Directions } from './geodesicSphere.js';
import { shellFsc } from './shellFsc.js';

export interface FsoOptions {
  /** Cone half-angle in degrees (VRS: `--anglecone 17`). */
  halfAngle?: number;
  /** FSC threshold of a direction (VRS: 0.143). */
  threshold?: number;
  /** Subdivision level of the geodesic sphere; 3 gives Xmipp's 321 directions. */
  sphereLevel?: number;
}

export interface FsoResult {
  /** Shells 1 … floor(Nx/2), frequency i/(Nx·Ts) in 1/Å. */
  frequency: Float64Array;
  /** Fraction of directions whose FSC reaches the threshold at the shell; 1 for shells 1–4 (Xmipp). */
  fso: Float64Array;
  /** Bingham statistic S = ½·p(p+2)·(2n)·(tr T² − 1/p), p = 3, of the n passing directions. */
  binghamStatistic: Float64Array;
  /** Xmipp's anisotropy value: P(5, x), the regularised lower incomplete gamma, at x = round(2S)/2 ≤ 20. */
  anisotropy: Float64Array;
  /** Directions passing the threshold at each shell. */
  passing: Int32Array;
  /** FSC over every point (each Friedel pair once), Xmipp FSO's GlobalFSC. */
  globalFsc: Float64Array;
  directions: Directions;
  /** Per direction: Nx·Ts/i at the first shell i > 2 whose FSC ≤ threshold; null if none. */
  directionalResolution: (number | null)[];
  halfAngle: number;
  threshold: number;
}

const P = 3;

/**
 * Fourier Shell Occupancy as Xmipp's `resolution_fso` computes it (algorithms §3.7, Vilas &
 * Tagare): Gaussian-weighted conical FSCs about the directions of a geodesic hemisphere,
 * FSC_d = max(0, num/(√(den1·den2) + 1e-38)); the FSO of a shell is the fraction of directions
 * with FSC_d ≥ threshold; the anisotropy curve is Bingham's uniformity test on those directions.
 */
export function fourierShellOccupancy(points: ConeSpectrumPoints, voxelSize: number, options: FsoOptions = {}): FsoResult {
  if (!(voxelSize > 0)) throw new RangeError(`fourierShellOccupancy: voxel size must be positive, got ${voxelSize}`);
  const halfAngle = options.halfAngle ?? 17;
  const threshold = options.threshold ?? 0.143;
  const directions = hemisphereDirections(options.sphereLevel ?? 3);
  const sums = conicalFsc(points, directions, { halfAngle, weighting: 'gaussian' });
  const m = sums.shellCount;
  const nx = points.dims[0];
  const passing = new Int32Array(m);
  // Σ d dᵀ of the passing directions per shell (6 distinct entries of the symmetric matrix).
  const scatter = new Float64Array(6 * m);
  const directionalResolution: (number | null)[] = [];
  for (let d = 0; d < directions.count; d++) {
    const x = directions.vectors[3 * d]!;
    const y = directions.vectors[3 * d + 1]!;
    const z = directions.vectors[3 * d + 2]!;
    let resolution: number | null = null;
    for (let s = 0; s < m; s++) {
      const fsc = xmippDirectionalFsc(sums, d, s);
      if (fsc >= threshold) {
        passing[s]!++;
        const t = scatter.subarray(6 * s, 6 * s + 6);
        t[0]! += x * x;
        t[1]! += y * y;
        t[2]! += z * z;
        t[3]! += x * y;
        t[4]! += x * z;
        t[5]! += y * z;
      }
      if (resolution === null && s > 2 && fsc <= threshold) resolution = (nx * voxelSize) / s;
    }
    directionalResolution.push(resolution);
  }

  const out = m - 1;
  const frequency = new Float64Array(out);
  const fso = new Float64Array(out);
  const binghamStatistic = new Float64Array(out);
  const anisotropy = new Float64Array(out);
  const global = shellFsc(points);
  const globalFsc = new Float64Array(out);
  for (let s = 1; s < m; s++) {
    const k = s - 1;
    frequency[k] = s / (nx * voxelSize);
    // Xmipp forces the five lowest shells (0–4) to full occupancy: too few points for a cone there.
    fso[k] = s < 5 ? 1 : passing[s]! / directions.count;
    const n = passing[s]!;
    let statistic = 0;
    if (n > 0) {
      const [xx, yy, zz, xy, xz, yz] = Array.from(scatter.subarray(6 * s, 6 * s + 6), (v) => v / n) as [number, number, number, number, number, number];
      const traceT2 = xx * xx + yy * yy + zz * zz + 2 * (xy * xy + xz * xz + yz * yz);
      // The factor 2n: the hemisphere's directions stand for the whole sphere (Xmipp's comment).
      statistic = 0.5 * P * (P + 2) * (2 * n) * (traceT2 - 1 / P);
    }
    binghamStatistic[k] = statistic;
    anisotropy[k] = xmippAnisotropy(statistic);
    globalFsc[k] = global[s]!;
  }
  return { frequency, fso, binghamStatistic, anisotropy, passing: passing.slice(1), globalFsc, directions, directionalResolution, halfAngle, threshold };
}

/** Xmipp FSO's directional FSC value: negative correlations clipped to 0, an empty cone gives 0. */
function xmippDirectionalFsc(sums: ConeSums, direction: number, shell: number): number {
  const i = direction * sums.shellCount + shell;
  return Math.max(0, sums.num[i]! / (Math.sqrt(sums.den1[i]! * sums.den2[i]!) + 1e-38));
}

/**
 * Xmipp's `incompleteGammaFunction`: a 41-entry table of MATLAB gammainc(x, 5) = P(5, x) for
 * x = 0, 0.5, …, 20, read at index round(2S) clipped to 0…40. Computed here exactly from
 * P(5, x) = 1 − e^{−x}·Σ_{k<5} x^k/k! at the same x.
 */
export function xmippAnisotropy(statistic: number): number {
  const index = Math.min(40, Math.max(0, Math.round(2 * statistic)));
  return regularizedGammaP5(index / 2);
}

/** P(5, x), the regularised lower incomplete gamma function of order 5. */
export function regularizedGammaP5(x: number): number {
  if (!(x > 0)) return 0;
  let term = 1;
  let sum = 1;
  for (let k = 1; k < 5; k++) {
    term *= x / k;
    sum += term;
  }
  return 1 - Math.exp(-x) * sum;
}

/** One row of the directional resolution map: rot, tilt (degrees) and the cone-weighted resolution (Å). */
export interface DirectionalResolutionSample {
  rot: number;
  tilt: number;
  resolution: number;
}

/**
 * Xmipp's `resolutionDistribution` (algorithms §3.7 step 8): at each (rot, tilt) of a grid over
 * the hemisphere, the mean of the directional resolutions of the directions within the cone, with
 * the cone's Gaussian weight. Xmipp uses a 1° grid; `step` sets it. Directions without a
 * resolution (FSC above the threshold up to Nyquist) are left out of the mean — Xmipp averages
 * its placeholder −1 in — and a grid point with no resolved direction in its cone is omitted.
 */
export function resolutionDistribution(directions: Directions, resolution: readonly (number | null)[], halfAngle: number, step = 1): DirectionalResolutionSample[] {
  const cosLimit = Math.cos((halfAngle * Math.PI) / 180);
  const scale = 4 / ((cosLimit - 1) * (cosLimit - 1));
  const rad = Math.PI / 180;
  const samples: DirectionalResolutionSample[] = [];
  for (let rot = 0; rot < 360; rot += step) {
    for (let tilt = 0; tilt <= 90; tilt += step) {
      const x = Math.sin(tilt * rad) * Math.cos(rot * rad);
      const y = Math.sin(tilt * rad) * Math.sin(rot * rad);
      const z = Math.cos(tilt * rad);
      let weighted = 0;
      let total = 0;
      for (let d = 0; d < directions.count; d++) {
        const value = resolution[d];
        if (value === null || value === undefined) continue;
        const c = Math.abs(directions.vectors[3 * d]! * x + directions.vectors[3 * d + 1]! * y + directions.vectors[3 * d + 2]! * z);
        if (c < cosLimit) continue;
        const g = Math.exp(-(c - 1) * (c - 1) * scale);
        weighted += g * value;
        total += g;
      }
      if (total > 0) samples.push({ rot, tilt, resolution: weighted / total });
    }
  }
  return samples;
}
