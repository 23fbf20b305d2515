import { FftPlan, fftPlanFor, realFftPlanFor } from '../../fft/index.js';
import type { Vec3 } from '../../volume/index.js';
import { halfSpectrumGrid } from '../halfSpectrumGrid.js';

/**
 * The per-frequency MonoRes amplitude (algorithms §3.5 step 6) as four passes over shared memory,
 * written so that most of the work is skipped rather than done on zeros.
 *
 * High-pass at f with a raised-cosine tail from fH: h(u) = 0 below fH, ½(1 + cos(π(u − f)/(f − fH)))
 * on [fH, f], 1 above. With g = 1 − h, which is zero above f,
 *   a0 = IFFT(h·F) = V − IFFT(g·F),   a_k = IFFT(−i·(w_k/u)·h·F) = R_kV − IFFT(−i·(w_k/u)·g·F),
 * where V and its full-band Riesz maps R_kV are computed once. The four inverse transforms of g·F
 * only have bins with |w_k| ≤ f along each axis, so their z pass runs on the columns of that
 * square, their y pass on kx ≤ f·nx, and only the x pass is complete. A = √(a0² + Σa_k²) is
 * smoothed by the raised-cosine low-pass from f to fL, whose output has bins up to fL only: the
 * forward transform of A keeps only those, and the inverse runs pruned again.
 *
 * Phases (each waits for the previous one; within a phase the ranges are independent). The four
 * band-passed components (a0, ax, ay, az) go one after another through one compact spectrum, so
 * that the workspace is one half spectrum rather than four:
 * 1. (component c) per ky of the low band: build c's part of g·F, inverse z transforms → `low`;
 * 2. (component c) per z plane: inverse y and x transforms, subtract from V or R_kV, add the square
 *    to `out` (which holds Σ a_c² until phase 3);
 * 3. per z plane: A = √(Σ a_c²), forward x and y transforms, keep the smoothing band → `smooth`;
 * 4. per ky of the smoothing band: forward z transform, low-pass gain, inverse z transform;
 * 5. per z plane: inverse y and x transforms → `out` (the smoothed amplitude).
 * Scaling follows numpy (forward unscaled, inverse ÷N): `out` equals what rfftn/irfftn would give.
 */
export interface MonoResAmplitudeBuffers {
  dims: Vec3;
  /** r2c half spectrum of the map, [nz][ny][floor(nx/2)+1] interleaved complex. */
  spectrum: Float64Array;
  /** The map V itself. */
  map: Float32Array;
  /**
   * Full-band Riesz maps R_xV, R_yV, R_zV. float32: the band-passed components are differences
   * with these, and float32 rounding (6e-8 of |R_kV|) stays far below any amplitude MonoRes compares.
   */
  rieszX: Float32Array;
  rieszY: Float32Array;
  rieszZ: Float32Array;
  /**
   * Workspace: one component's low-band spectrum, compact (at most one half spectrum). May be the
   * same array as `smooth`: the two are never in use at the same time.
   */
  low: Float64Array;
  /** Workspace: the smoothing-band spectrum of A, compact (at most one half spectrum). */
  smooth: Float64Array;
  /**
   * The smoothed amplitude, one value per voxel; during phases 2–3 the running sum of squares of
   * the band-passed components (float32: its rounding, 6e-8 relative, is that of the result).
   */
  out: Float32Array;
}

/** What one frequency needs: tails and the pruned index sets. */
export interface MonoResAmplitudePlan {
  /** Digital frequency f of the high-pass, start fH of its tail, end fL of the smoothing tail. */
  frequency: number;
  highStart: number;
  lowEnd: number;
  /** kx < lowKx and ky ∈ lowY hold every bin with g ≠ 0. */
  lowKx: number;
  lowY: Int32Array;
  /** kx < smoothKx and ky ∈ smoothY hold every bin the smoothing low-pass keeps. */
  smoothKx: number;
  smoothY: Int32Array;
}

export type MonoResAmplitudePhase = 1 | 2 | 3 | 4 | 5;

/** The band-passed component of phases 1–2: 0 the map, 1–3 its Riesz components along x, y, z. */
export type MonoResComponent = 0 | 1 | 2 | 3;

export interface MonoResAmplitudeStage {
  phase: MonoResAmplitudePhase;
  /** Phases 1 and 2: which component (ignored by the others). */
  component: MonoResComponent;
  /** Range of ky positions (phases 1, 4: indices into lowY / smoothY) or z planes (2, 3, 5). */
  from: number;
  to: number;
  buffers: MonoResAmplitudeBuffers;
  plan: MonoResAmplitudePlan;
}

/** Columns transformed together; 16 complex columns × 432 × 16 B stays in L1/L2. */
const BLOCK = 16;

/** Bins of one axis with |digital frequency| ≤ limit, in index order. */
export function bandIndices(n: number, limit: number): Int32Array {
  const out: number[] = [];
  for (let k = 0; k < n; k++) {
    const f = k <= Math.floor(n / 2) ? k / n : (k - n) / n;
    if (Math.abs(f) <= limit + 1e-12) out.push(k);
  }
  return Int32Array.from(out);
}

/** The pruned index sets of a frequency (see MonoResAmplitudePlan). */
export function monoResAmplitudePlan(dims: Vec3, frequency: number, highStart: number, lowEnd: number): MonoResAmplitudePlan {
  const hx = Math.floor(dims[0] / 2) + 1;
  const kxCount = (limit: number) => Math.min(hx, Math.floor(limit * dims[0] + 1e-9) + 1);
  return {
    frequency,
    highStart,
    lowEnd,
    lowKx: kxCount(frequency),
    lowY: bandIndices(dims[1], frequency),
    smoothKx: kxCount(lowEnd),
    smoothY: bandIndices(dims[1], lowEnd),
  };
}

/** 1 − (raised-cosine high-pass): 1 below fH, ½(1 − cos(π(u − f)/(f − fH))) on [fH, f], 0 above f. */
function complementGain(u: number, f: number, fH: number, piOverWidth: number): number {
  if (u > f) return 0;
  if (u < fH) return 1;
  return f > fH ? 0.5 * (1 - Math.cos((u - f) * piOverWidth)) : 0;
}

/** Raised-cosine low-pass: 1 below f, ½(1 + cos(π(u − f)/(fL − f))) on [f, fL], 0 above fL. */
function smoothingGain(u: number, f: number, fL: number, piOverWidth: number): number {
  if (u < f) return 1;
  if (u > fL) return 0;
  // A zero-width tail (f = fL = ½) is a hard cut that keeps f itself.
  return fL > f ? 0.5 * (1 + Math.cos((u - f) * piOverWidth)) : 1;
}

interface Grid {
  fx: Float64Array;
  fy: Float64Array;
  fz: Float64Array;
}

let gridCache: { key: string; grid: Grid } | null = null;

function gridFor(dims: Vec3): Grid {
  const key = dims.join('x');
  if (gridCache === null || gridCache.key !== key) {
    const g = halfSpectrumGrid(dims);
    gridCache = { key, grid: { fx: g.fx, fy: g.fy, fz: g.fz } };
  }
  return gridCache.grid;
}

// Per-thread scratch, grown on demand and reused, so that a stage allocates nothing per line.
const scratch = {
  a: new Float64Array(0),
  b: new Float64Array(0),
  plane: new Float64Array(0),
  real: new Float64Array(0),
  acc: new Float64Array(0),
};

function columnScratch(size: number): { a: Float64Array; b: Float64Array } {
  if (scratch.a.length < size) {
    scratch.a = new Float64Array(size);
    scratch.b = new Float64Array(size);
  }
  return scratch;
}

function planeScratch(dims: Vec3): { plane: Float64Array; real: Float64Array; acc: Float64Array } {
  const hx = Math.floor(dims[0] / 2) + 1;
  const complex = 2 * hx * dims[1];
  const real = dims[0] * dims[1];
  if (scratch.plane.length < complex) scratch.plane = new Float64Array(complex);
  if (scratch.real.length < real) {
    scratch.real = new Float64Array(real);
    scratch.acc = new Float64Array(real);
  }
  return scratch;
}

export function runMonoResAmplitudeStage(stage: MonoResAmplitudeStage): void {
  switch (stage.phase) {
    case 1: return lowBandColumns(stage);
    case 2: return accumulatePlanes(stage);
    case 3: return amplitudePlanes(stage);
    case 4: return smoothingColumns(stage);
    case 5: return smoothedPlanes(stage);
  }
}

/**
 * Phase 1: component c of the low band — g·F (c = 0) or −i(w_k/u)·g·F (c = k) — for ky in the
 * low band, inverse z transforms into `low`.
 */
function lowBandColumns({ from, to, buffers, plan, component }: MonoResAmplitudeStage): void {
  const { dims, spectrum, low } = buffers;
  const [nx, ny, nz] = dims;
  const hx = Math.floor(nx / 2) + 1;
  const { frequency: f, highStart: fH, lowKx, lowY } = plan;
  const nyb = lowY.length;
  const piOverWidth = f > fH ? Math.PI / (f - fH) : 0;
  const { fx, fy, fz } = gridFor(dims);
  const zPlan = fftPlanFor(nz);
  const nyqX = nx % 2 === 0 ? nx / 2 : -1;
  const nyqY = ny % 2 === 0 ? ny / 2 : -1;
  const nyqZ = nz % 2 === 0 ? nz / 2 : -1;
  for (let j = from; j < to; j++) {
    const ky = lowY[j]!;
    const fyk = fy[ky]!;
    const fy2 = fyk * fyk;
    // r = 0 on an axis's own Nyquist plane (as rieszComponentSpectrum, whose full-band maps these
    // are subtracted from).
    const yRiesz = ky !== nyqY;
    for (let kx0 = 0; kx0 < lowKx; kx0 += BLOCK) {
      const width = Math.min(BLOCK, lowKx - kx0);
      const rowLen = 2 * width;
      const { a, b } = columnScratch(nz * rowLen);
      for (let kz = 0; kz < nz; kz++) {
        const row = kz * rowLen;
        const fzk = fz[kz]!;
        if (Math.abs(fzk) > f) {
          a.fill(0, row, row + rowLen);
          continue;
        }
        const fyz2 = fy2 + fzk * fzk;
        const zRiesz = kz !== nyqZ;
        const src = 2 * ((kz * ny + ky) * hx + kx0);
        for (let t = 0; t < width; t++) {
          const kx = kx0 + t;
          const fxk = fx[kx]!;
          const u = Math.sqrt(fyz2 + fxk * fxk);
          const g = complementGain(u, f, fH, piOverWidth);
          const o = row + 2 * t;
          if (g === 0) {
            a[o] = 0; a[o + 1] = 0;
            continue;
          }
          const re = g * spectrum[src + 2 * t]!;
          const im = g * spectrum[src + 2 * t + 1]!;
          if (component === 0) {
            a[o] = re; a[o + 1] = im;
            continue;
          }
          let r = 0;
          if (u !== 0) {
            if (component === 1) r = kx === nyqX ? 0 : fxk / u;
            else if (component === 2) r = yRiesz ? fyk / u : 0;
            else r = zRiesz ? fzk / u : 0;
          }
          // −i·r·(re + i·im) = r·im − i·r·re
          a[o] = r * im; a[o + 1] = -r * re;
        }
      }
      const res = zPlan.transformBatch(a, 0, b, 0, width, 1) ? b : a;
      for (let kz = 0; kz < nz; kz++) {
        const s = kz * rowLen;
        const d = 2 * ((kz * nyb + j) * lowKx + kx0);
        for (let i = 0; i < rowLen; i++) low[d + i] = res[s + i]!;
      }
    }
  }
}

/**
 * Inverse y transforms of `count` compact columns (rows `rows` of a [y][kx] layout with `rowKx`
 * bins, starting at src[srcOffset]) into the plane spectrum `plane` ([y][hx]), kx < rowKx; bins
 * ≥ rowKx of the plane are zeroed.
 */
function inverseYIntoPlane(
  yPlan: FftPlan, src: Float64Array, srcOffset: number, rows: Int32Array, rowKx: number, plane: Float64Array, ny: number, hx: number,
): void {
  const nrows = rows.length;
  for (let kx0 = 0; kx0 < rowKx; kx0 += BLOCK) {
    const width = Math.min(BLOCK, rowKx - kx0);
    const w2 = 2 * width;
    const { a, b } = columnScratch(ny * w2);
    a.fill(0, 0, ny * w2);
    for (let j = 0; j < nrows; j++) {
      const s = srcOffset + 2 * (j * rowKx + kx0);
      const d = rows[j]! * w2;
      for (let i = 0; i < w2; i++) a[d + i] = src[s + i]!;
    }
    const res = yPlan.transformBatch(a, 0, b, 0, width, 1) ? b : a;
    for (let y = 0; y < ny; y++) {
      const s = y * w2;
      const d = 2 * (y * hx + kx0);
      for (let i = 0; i < w2; i++) plane[d + i] = res[s + i]!;
    }
  }
  for (let y = 0; y < ny; y++) plane.fill(0, 2 * (y * hx + rowKx), 2 * (y + 1) * hx);
}

/** Phase 2: per z plane, component c band-passed (full − low), its square added to `out`. */
function accumulatePlanes({ from, to, buffers, plan, component }: MonoResAmplitudeStage): void {
  const { dims, low, out } = buffers;
  const [nx, ny] = dims;
  const hx = Math.floor(nx / 2) + 1;
  const { lowKx, lowY } = plan;
  const nyb = lowY.length;
  const yPlan = fftPlanFor(ny);
  const xPlan = realFftPlanFor(nx);
  const { plane, real } = planeScratch(dims);
  const planeSize = nx * ny;
  const invN = 1 / (nx * ny * dims[2]);
  const full = [buffers.map, buffers.rieszX, buffers.rieszY, buffers.rieszZ][component];
  for (let z = from; z < to; z++) {
    const base = z * planeSize;
    inverseYIntoPlane(yPlan, low, 2 * z * nyb * lowKx, lowY, lowKx, plane, ny, hx);
    xPlan.inverseRows(plane, 0, 2 * hx, real, 0, nx, ny, invN);
    if (component === 0) {
      for (let i = 0; i < planeSize; i++) {
        const d = full[base + i]! - real[i]!;
        out[base + i] = d * d;
      }
    } else {
      for (let i = 0; i < planeSize; i++) {
        const d = full[base + i]! - real[i]!;
        out[base + i] = out[base + i]! + d * d;
      }
    }
  }
}

/** Phase 3: per z plane, A = √(Σ a_c²) from `out`, then the forward x and y transforms of A. */
function amplitudePlanes({ from, to, buffers, plan }: MonoResAmplitudeStage): void {
  const { dims, smooth, out } = buffers;
  const [nx, ny] = dims;
  const hx = Math.floor(nx / 2) + 1;
  const { smoothKx, smoothY } = plan;
  const nys = smoothY.length;
  const yPlan = fftPlanFor(ny);
  const xPlan = realFftPlanFor(nx);
  const { plane, acc } = planeScratch(dims);
  const planeSize = nx * ny;
  for (let z = from; z < to; z++) {
    const base = z * planeSize;
    for (let i = 0; i < planeSize; i++) acc[i] = Math.sqrt(out[base + i]!);
    xPlan.forwardRows(acc, 0, nx, plane, 0, 2 * hx, ny, 1);
    for (let kx0 = 0; kx0 < smoothKx; kx0 += BLOCK) {
      const width = Math.min(BLOCK, smoothKx - kx0);
      const w2 = 2 * width;
      const { a, b } = columnScratch(ny * w2);
      for (let y = 0; y < ny; y++) {
        const s = 2 * (y * hx + kx0);
        const d = y * w2;
        for (let i = 0; i < w2; i++) a[d + i] = plane[s + i]!;
      }
      const res = yPlan.transformBatch(a, 0, b, 0, width, -1) ? b : a;
      for (let j = 0; j < nys; j++) {
        const s = smoothY[j]! * w2;
        const d = 2 * ((z * nys + j) * smoothKx + kx0);
        for (let i = 0; i < w2; i++) smooth[d + i] = res[s + i]!;
      }
    }
  }
}

/** Phase 4: per ky of the smoothing band, z transform, raised-cosine low-pass, inverse z. */
function smoothingColumns({ from, to, buffers, plan }: MonoResAmplitudeStage): void {
  const { dims, smooth } = buffers;
  const nz = dims[2];
  const { frequency: f, lowEnd: fL, smoothKx, smoothY } = plan;
  const nys = smoothY.length;
  const piOverWidth = fL > f ? Math.PI / (fL - f) : 0;
  const { fx, fy, fz } = gridFor(dims);
  const zPlan = fftPlanFor(nz);
  const zStride = 2 * nys * smoothKx;
  for (let j = from; j < to; j++) {
    const fyk = fy[smoothY[j]!]!;
    const fy2 = fyk * fyk;
    for (let kx0 = 0; kx0 < smoothKx; kx0 += BLOCK) {
      const width = Math.min(BLOCK, smoothKx - kx0);
      const w2 = 2 * width;
      const { a, b } = columnScratch(nz * w2);
      const col = 2 * (j * smoothKx + kx0);
      for (let z = 0; z < nz; z++) {
        const s = z * zStride + col;
        const d = z * w2;
        for (let i = 0; i < w2; i++) a[d + i] = smooth[s + i]!;
      }
      const inB = zPlan.transformBatch(a, 0, b, 0, width, -1);
      const spec = inB ? b : a;
      const other = inB ? a : b;
      for (let kz = 0; kz < nz; kz++) {
        const fzk = fz[kz]!;
        const fyz2 = fy2 + fzk * fzk;
        const row = kz * w2;
        for (let t = 0; t < width; t++) {
          const fxk = fx[kx0 + t]!;
          const gain = smoothingGain(Math.sqrt(fyz2 + fxk * fxk), f, fL, piOverWidth);
          spec[row + 2 * t]! *= gain;
          spec[row + 2 * t + 1]! *= gain;
        }
      }
      const res = zPlan.transformBatch(spec, 0, other, 0, width, 1) ? other : spec;
      for (let z = 0; z < nz; z++) {
        const s = z * w2;
        const d = z * zStride + col;
        for (let i = 0; i < w2; i++) smooth[d + i] = res[s + i]!;
      }
    }
  }
}

/** Phase 5: per z plane, inverse y and x transforms of the smoothed spectrum into `out`. */
function smoothedPlanes({ from, to, buffers, plan }: MonoResAmplitudeStage): void {
  const { dims, smooth, out } = buffers;
  const [nx, ny, nz] = dims;
  const hx = Math.floor(nx / 2) + 1;
  const { smoothKx, smoothY } = plan;
  const nys = smoothY.length;
  const yPlan = fftPlanFor(ny);
  const xPlan = realFftPlanFor(nx);
  const { plane, real } = planeScratch(dims);
  const planeSize = nx * ny;
  const invN = 1 / (nx * ny * nz);
  for (let z = from; z < to; z++) {
    inverseYIntoPlane(yPlan, smooth, 2 * z * nys * smoothKx, smoothY, smoothKx, plane, ny, hx);
    xPlan.inverseRows(plane, 0, 2 * hx, real, 0, nx, ny, invN);
    out.set(real.subarray(0, planeSize), z * planeSize);
  }
}
