import type { Vec3 } from '../../volume/index.js';
import { benjaminiYekutieliThreshold } from '../../stats/index.js';
import { localSinusoidDesign, type GaussianWeightRule, type LocalSinusoidDesign } from './localSinusoidDesign.js';
import { likelihoodRatioStatisticsFft } from './likelihoodRatioStatisticsFft.js';
import { resmapPreWhitening, type PreWhiteningResult } from './resmapPreWhitening.js';
import { weightedChiSquare } from './weightedChiSquare.js';

/** ResMap writes this value where no resolution was assigned (outside the mask or never significant). */
export const UNASSIGNED_RESOLUTION = 100;

export class LocalSinusoidFailure extends Error {}

export interface LocalSinusoidOptions {
  voxelSize: number;
  /** Significance of the FDR-controlled test (ResMap default 0.05). */
  pValue?: number;
  /** First (finest) resolution tested; default ResMap's round(2.2·Ts, 0.1). */
  minResolution?: number;
  /** Coarsest resolution tested; default ResMap's round(4·Ts, 0.5). */
  maxResolution?: number;
  /** Step between tested resolutions (Å; ResMap default 1). */
  step?: number;
  /** Voxels this close to a box face are not evaluated (ResMap in split mode: 9). */
  margin?: number;
  /** Eigenvalues of Λdiff below this fraction of the largest are dropped from the null law (ResMap: 0.1). */
  eigenvalueCutoff?: number;
  /**
   * Which eigen-directions of Λdiff the statistic sums: 'null-law' (default) those whose eigenvalues
   * the null law keeps, so that under white noise the statistic follows that law exactly; 'all' the
   * full form vᵀΛdiff v as ResMap's code computes it while its null keeps only the large eigenvalues
   * (the dropped directions add 3–15 % of the null mean at the finest windows: anti-conservative).
   */
  statisticDirections?: 'null-law' | 'all';
  /** ResMap's pre-whitening of the average and difference by the difference's fitted noise ramp (cubic boxes); off by default here. */
  preWhitening?: boolean | { elbowAngstrom?: number; rampWeight?: number };
  /** The window's Gaussian: ResMap as run under Python 2 (default) or as its source reads under Python 3. */
  gaussianWeight?: GaussianWeightRule;
  /** How the statistic is summed: per voxel ('direct'), by FFT correlations ('fft'), or the cheaper ('auto', default). */
  evaluation?: StatisticEvaluation;
  signal?: AbortSignal;
  onResolution?: (level: LocalSinusoidLevel) => void;
}

export interface LocalSinusoidLevel {
  resolution: number;
  halfWidth: number;
  /** Noise variance of the half-map average, from the half-map difference. */
  variance: number;
  varianceBlocks: number;
  /** Which blocks gave the variance: ResMap's (wholly inside the mask) or, when none is, those centred in it. */
  varianceRule: VarianceBlockRule;
  /** Voxels still undecided when this resolution was tested (the m of the FDR correction). */
  activeVoxels: number;
  eigenvaluesUsed: number;
  /** How the statistic was summed at this resolution. */
  evaluation: 'direct' | 'fft';
  /** Statistic threshold at the uncorrected p-value, and after the FDR correction (Infinity: nothing passed). */
  uncorrectedThreshold: number;
  fdrThreshold: number;
  passed: number;
  milliseconds: number;
}

/**
 * 'no-noise-block': at the next resolution no block of the window's size fits wholly inside the mask,
 * so its noise variance (ResMap's estimate) is undefined; the sweep ends there.
 */
export type StatisticEvaluation = 'auto' | 'direct' | 'fft';

export type VarianceBlockRule = 'inside-mask' | 'centred-in-mask';

export type LocalSinusoidStop = 'few-voxels-left' | 'max-resolution' | 'no-voxels-left' | 'no-noise-block';

export interface LocalSinusoidResult {
  /** ResMap's map: the first resolution (Å) at which each voxel passed, 100 elsewhere. */
  resolution: Float32Array;
  /** The evaluated voxels: the mask minus ResMap's margin at the box faces. */
  evaluated: Uint8Array;
  evaluatedVoxels: number;
  minResolution: number;
  maxResolution: number;
  levels: LocalSinusoidLevel[];
  stopReason: LocalSinusoidStop;
  /** The pre-whitening fit, when it was applied. */
  preWhitening: Omit<PreWhiteningResult, 'average' | 'difference'> | null;
}

/**
 * ResMap's local-resolution test in split mode (Kucukelbir, Sigworth & Tagare, Nat. Methods 11:63,
 * 2014; program ResMap 1.1.x, read for its parameters): on the half-map average (H1+H2)/2, from the
 * finest resolution to the coarsest in steps, a voxel gets the first resolution r at which a local
 * sinusoid of wavelength r explains its neighbourhood significantly better than a constant:
 * 1. design at r (localSinusoidDesign): window, Gaussian weight, 17-column steerable basis, Λdiff;
 * 2. noise variance σ² = mean, over the non-overlapping (2w+1)³ blocks lying wholly inside the mask,
 *    of (d − d̄)ᵀΛd(d − d̄)/tr Λd with d the half-map difference (H1−H2)/2;
 * 3. LRS = vᵀΛ v/σ² at every undecided voxel, by the low-rank form Σ_k (e_k·v)², with Λ the part of
 *    Λdiff on the eigen-directions whose eigenvalues the null law keeps (statisticDirections);
 * 4. null law: weighted χ² with the eigenvalues of Λdiff above 0.1 × the largest (Ruben's series);
 *    threshold by Benjamini–Yekutieli at pValue over the undecided voxels;
 * 5. voxels that pass get r and leave the test; stop when fewer than N (box edge) voxels were newly
 *    assigned and fewer than N² remain, or at maxResolution.
 * With `preWhitening`, the average and difference are first whitened as ResMap does for boxes up
 * to 160 voxels (resmapPreWhitening). ResMap's low-pass detection (down-sampling maps it judges
 * low-pass filtered) is not part of this function.
 */
export function localSinusoidTest(
  half1: ArrayLike<number>, half2: ArrayLike<number>, mask: ArrayLike<number>, dims: Vec3, opts: LocalSinusoidOptions,
): LocalSinusoidResult {
  const [nx, ny, nz] = dims;
  const total = nx * ny * nz;
  if (half1.length !== total || half2.length !== total || mask.length !== total) {
    throw new RangeError(`localSinusoidTest: half maps (${half1.length}, ${half2.length}) and mask (${mask.length}) must all hold ${dims.join('×')} voxels`);
  }
  const ts = opts.voxelSize;
  if (!(ts > 0)) throw new RangeError(`localSinusoidTest: voxel size must be positive, got ${ts}`);
  const pValue = opts.pValue ?? 0.05;
  const step = opts.step ?? 1;
  const margin = opts.margin ?? 9;
  const cutoff = opts.eigenvalueCutoff ?? 0.1;
  // Divisions, not products with 0.1 and 0.5, so that the defaults are the decimals themselves (3.8, not 3.8000000000000003).
  const minResolution = opts.minResolution !== undefined && opts.minResolution > 2.2 * ts ? opts.minResolution : Math.round((2.2 * ts) / 0.1) / 10;
  const maxResolution = opts.maxResolution !== undefined && opts.maxResolution > 0 ? opts.maxResolution : Math.round((4 * ts) / 0.5) / 2;
  if (!(step > 0)) throw new RangeError(`localSinusoidTest: step must be positive, got ${step}`);

  let average: Float32Array = new Float32Array(total);
  let difference: Float32Array = new Float32Array(total);
  for (let i = 0; i < total; i++) {
    average[i] = 0.5 * (half1[i]! + half2[i]!);
    difference[i] = 0.5 * (half1[i]! - half2[i]!);
  }
  let preWhitening: LocalSinusoidResult['preWhitening'] = null;
  if (opts.preWhitening) {
    const { average: a, difference: d, ...fit } = resmapPreWhitening(average, difference, dims, ts, opts.preWhitening === true ? {} : opts.preWhitening);
    average = a;
    difference = d;
    preWhitening = fit;
  }
  const evaluated = new Uint8Array(total);
  let evaluatedVoxels = 0;
  for (let z = margin; z < nz - margin; z++) {
    for (let y = margin; y < ny - margin; y++) {
      for (let x = margin; x < nx - margin; x++) {
        const i = x + nx * (y + ny * z);
        if (mask[i]! >= 0.5) {
          evaluated[i] = 1;
          evaluatedVoxels++;
        }
      }
    }
  }
  if (evaluatedVoxels === 0) throw new LocalSinusoidFailure(`no mask voxel lies more than ${margin} voxels inside the box`);

  const resolution = new Float32Array(total);
  const active = Uint8Array.from(evaluated);
  let remaining = evaluatedVoxels;
  const levels: LocalSinusoidLevel[] = [];
  // ResMap's n is data.shape[0] of the [z][y][x] array.
  const boxEdge = nz;
  let stopReason: LocalSinusoidStop = 'max-resolution';
  for (let level = 0; ; level++) {
    opts.signal?.throwIfAborted();
    const started = performance.now();
    const r = testedResolution(minResolution, step, level);
    const design = localSinusoidDesign(r, ts, opts.gaussianWeight ?? 'python2');
    let varianceRule: VarianceBlockRule = 'inside-mask';
    let { variance, blocks } = differenceVariance(difference, evaluated, dims, design, varianceRule);
    if (blocks === 0) {
      // ResMap would average an empty set here (and stop with a floating-point error); thin masks
      // (a GroEL wall at 2 Å/voxel) hold no aligned block of the window's size. The blocks centred
      // in the mask still measure the half-map difference around the molecule.
      varianceRule = 'centred-in-mask';
      ({ variance, blocks } = differenceVariance(difference, evaluated, dims, design, varianceRule));
    }
    if (blocks === 0) {
      if (level === 0) throw new LocalSinusoidFailure(`no ${2 * design.halfWidth + 1}³-voxel block of the half-map difference is centred in the mask, so the noise variance cannot be estimated`);
      stopReason = 'no-noise-block';
      break;
    }
    const largest = design.eigenvalues[0]!;
    const kept = Array.from(design.eigenvalues).filter((l) => l > cutoff * largest);
    // eigenvalues are descending, so the kept ones are the first eigen-direction filters.
    const summed = (opts.statisticDirections ?? 'null-law') === 'all' ? design : { ...design, filters: design.eigenFilters.slice(0, kept.length) };
    const statistics = likelihoodRatioStatistics(average, active, dims, summed, variance, opts.evaluation ?? 'auto');
    const law = weightedChiSquare(kept);
    const uncorrected = law.quantile(pValue);
    const threshold = benjaminiYekutieliThreshold(statistics.values, remaining, pValue, law.survival, uncorrected);
    let passed = 0;
    statistics.indices.forEach((voxel, k) => {
      if (statistics.values[k]! >= threshold) {
        resolution[voxel] = r;
        active[voxel] = 0;
        passed++;
      }
    });
    levels.push({
      resolution: r,
      halfWidth: design.halfWidth,
      variance,
      varianceBlocks: blocks,
      varianceRule,
      activeVoxels: remaining,
      eigenvaluesUsed: kept.length,
      evaluation: statistics.method,
      uncorrectedThreshold: uncorrected,
      fdrThreshold: threshold,
      passed,
      milliseconds: performance.now() - started,
    });
    opts.onResolution?.(levels[levels.length - 1]!);
    remaining -= passed;
    if (remaining === 0) {
      stopReason = 'no-voxels-left';
      break;
    }
    if (passed < boxEdge && remaining < boxEdge * boxEdge) {
      stopReason = 'few-voxels-left';
      break;
    }
    if (r >= maxResolution - 1e-9) {
      stopReason = 'max-resolution';
      break;
    }
  }
  for (let i = 0; i < total; i++) if (resolution[i] === 0) resolution[i] = UNASSIGNED_RESOLUTION;
  return { resolution, evaluated, evaluatedVoxels, minResolution, maxResolution, levels, stopReason, preWhitening };
}

/**
 * The level-th tested resolution, rounded to 0.001 Å: ResMap adds the step to a running float, and
 * the rounding keeps the printed and stored values the decimals they stand for (3.8, 4.8, …) for any
 * step down to ResMap's smallest (0.25 Å).
 */
export function testedResolution(first: number, step: number, level: number): number {
  return Math.round((first + level * step) * 1000) / 1000;
}

function linearOffsets(design: LocalSinusoidDesign, dims: Vec3): Int32Array {
  const [nx, ny] = dims;
  const n = design.weights.length;
  const out = new Int32Array(n);
  for (let p = 0; p < n; p++) out[p] = design.offsets[3 * p]! + nx * (design.offsets[3 * p + 1]! + ny * design.offsets[3 * p + 2]!);
  return out;
}

function windowFits(x: number, y: number, z: number, w: number, dims: Vec3): boolean {
  return x >= w && y >= w && z >= w && x < dims[0] - w && y < dims[1] - w && z < dims[2] - w;
}

/**
 * ResMap's split-mode noise variance: blocks tile the box from index 0 with stride 2w+1 (numpy
 * rolling_window with steps = window); a block counts when all its voxels are in the mask
 * ('inside-mask') or, in our fallback, when its centre is ('centred-in-mask').
 */
function differenceVariance(
  difference: Float32Array, inMask: Uint8Array, dims: Vec3, design: LocalSinusoidDesign, rule: VarianceBlockRule,
): { variance: number; blocks: number } {
  const [nx, ny, nz] = dims;
  const side = 2 * design.halfWidth + 1;
  const points = design.weights.length;
  const lin = linearOffsets(design, dims);
  const block = new Float64Array(points);
  let sum = 0;
  let blocks = 0;
  for (let bz = 0; bz + side <= nz; bz += side) {
    for (let by = 0; by + side <= ny; by += side) {
      for (let bx = 0; bx + side <= nx; bx += side) {
        const centre = bx + design.halfWidth + nx * (by + design.halfWidth + ny * (bz + design.halfWidth));
        let inside = rule === 'inside-mask' || inMask[centre] === 1;
        let mean = 0;
        for (let p = 0; p < points && inside; p++) {
          const i = centre + lin[p]!;
          if (rule === 'inside-mask' && !inMask[i]) inside = false;
          block[p] = difference[i]!;
          mean += block[p]!;
        }
        if (!inside) continue;
        mean /= points;
        let form = 0;
        for (let p = 0; p < points; p++) {
          block[p]! -= mean;
          form += design.weights[p]! * block[p]! * block[p]!;
        }
        for (const c of design.varianceFilters) {
          let dot = 0;
          for (let p = 0; p < points; p++) dot += c[p]! * block[p]!;
          form -= dot * dot;
        }
        sum += form / design.traceLambdaD;
        blocks++;
      }
    }
  }
  return { variance: blocks > 0 ? sum / blocks : Number.NaN, blocks };
}

/**
 * LRS = Σ_k (b_k·v)²/(σ² + 1e-10) at every active voxel whose window lies inside the box (ResMap
 * adds 1e-10 to the variance). 'direct' sums rank·(2w+1)³ products per voxel — for ResMap's
 * default windows (w ≤ 3) cheaper than FFTs and without full-size complex buffers; 'fft' uses
 * 2·rank + 1 box FFTs (likelihoodRatioStatisticsFft); 'auto' picks the cheaper by a flop estimate.
 */
export function likelihoodRatioStatistics(
  average: Float32Array | Float64Array, active: Uint8Array, dims: Vec3, design: LocalSinusoidDesign, variance: number,
  method: StatisticEvaluation = 'direct',
): { indices: Int32Array; values: Float64Array; method: 'direct' | 'fft' } {
  const [nx, ny, nz] = dims;
  const w = design.halfWidth;
  const points = design.weights.length;
  const rank = design.filters.length;
  let count = 0;
  for (let z = 0; z < nz; z++) for (let y = 0; y < ny; y++) for (let x = 0; x < nx; x++) if (active[x + nx * (y + ny * z)] && windowFits(x, y, z, w, dims)) count++;
  const indices = new Int32Array(count);
  let k = 0;
  for (let z = 0; z < nz; z++) for (let y = 0; y < ny; y++) for (let x = 0; x < nx; x++) {
    const i = x + nx * (y + ny * z);
    if (active[i] && windowFits(x, y, z, w, dims)) indices[k++] = i;
  }
  const total = nx * ny * nz;
  const fftCost = (2 * rank + 1) * 3 * total * Math.log2(total);
  const directCost = count * rank * points;
  const useFft = method === 'fft' || (method === 'auto' && fftCost < directCost);
  if (useFft) return { indices, values: likelihoodRatioStatisticsFft(average, indices, dims, design, variance), method: 'fft' };

  const lin = linearOffsets(design, dims);
  // Filters packed contiguously for the inner loop.
  const packed = new Float64Array(rank * points);
  design.filters.forEach((f, j) => packed.set(f, j * points));
  const window = new Float64Array(points);
  const values = new Float64Array(count);
  const denominator = variance + 1e-10;
  for (let v = 0; v < count; v++) {
    const i = indices[v]!;
    for (let p = 0; p < points; p++) window[p] = average[i + lin[p]!]!;
    let form = 0;
    for (let f = 0; f < rank; f++) {
      let dot = 0;
      const base = f * points;
      for (let p = 0; p < points; p++) dot += packed[base + p]! * window[p]!;
      form += dot * dot;
    }
    values[v] = form / denominator;
  }
  return { indices, values, method: 'direct' };
}
