import { chooseRadices } from './chooseRadices.js';
import { finalPass2, finalPass3, finalPass4, finalPass5, finalPass8, finalPassGeneric } from './finalPasses.js';
import { makeGenericRadixTables, pass2, pass3, pass4, pass5, pass8, passGeneric, type GenericRadixTables } from './radixPasses.js';
import { unitRoot } from './unitRoot.js';

interface Pass {
  radix: number;
  /** Number of twiddle rows j (the length still to transform, divided by the radix). */
  m: number;
  /** Product of the radices applied before this pass (contiguous run length for one transform). */
  run: number;
  twiddles: Float64Array;
  generic: GenericRadixTables | null;
}

/**
 * A complex FFT of one length n (any positive integer), float64, interleaved (re, im, re, im, …).
 * Lengths are split into radix-8/4/2/3/5 and generic odd-prime Stockham passes; when a large prime
 * factor makes that slower than Bluestein's algorithm around a power-of-two transform, Bluestein is
 * used (see chooseRadices). Twiddles are computed once per plan. Transforms are unscaled in both
 * directions: forward then inverse multiplies the data by n.
 *
 * A plan owns scratch memory, so it is not re-entrant; each worker thread keeps its own plans.
 */
export class FftPlan {
  readonly n: number;
  private readonly passes: Pass[];
  private readonly bluestein: Bluestein | null;
  private lineScratch: Float64Array | null = null;

  constructor(n: number) {
    const radices = chooseRadices(n);
    this.n = n;
    this.passes = [];
    this.bluestein = null;
    if (radices === null) {
      this.bluestein = new Bluestein(n);
      return;
    }
    let run = 1;
    for (const radix of radices) {
      const length = n / run; // length of the sub-transforms this pass splits
      const m = length / radix;
      const twiddles = new Float64Array(2 * (radix - 1) * m);
      for (let j = 0; j < m; j++) {
        for (let r = 1; r < radix; r++) unitRoot(r * j, length, twiddles, 2 * (j * (radix - 1) + r - 1));
      }
      const generic = radix === 2 || radix === 3 || radix === 4 || radix === 5 || radix === 8 ? null : makeGenericRadixTables(radix);
      this.passes.push({ radix, m, run, twiddles, generic });
      run *= radix;
    }
  }

  /** Forward transform (exponent −2πi·jk/n) of the n complex numbers at data[offset…], in place. */
  forward(data: Float64Array, offset = 0): void {
    this.transformLine(data, offset, -1);
  }

  /** Inverse transform (exponent +2πi·jk/n), in place and unscaled: the caller divides by n. */
  inverse(data: Float64Array, offset = 0): void {
    this.transformLine(data, offset, 1);
  }

  /**
   * Transforms `batch` interleaved sequences: element j of sequence t is the complex number at
   * a[aOffset + 2·(j·batch + t)]. `b` is scratch of the same size (2·n·batch doubles from bOffset).
   * Returns true when the result ended in `b`, false when it is in `a`; the other buffer is garbage.
   */
  transformBatch(a: Float64Array, aOffset: number, b: Float64Array, bOffset: number, batch: number, sign: -1 | 1): boolean {
    if (this.bluestein !== null) {
      this.bluestein.transform(a, aOffset, batch, sign);
      return false;
    }
    let x = a, xo = aOffset, y = b, yo = bOffset;
    for (const pass of this.passes) {
      const s = pass.run * batch;
      runPass(pass, x, xo, s, 1, y, yo, s, sign);
      const t = x; x = y; y = t;
      const to = xo; xo = yo; yo = to;
    }
    return x !== a || xo !== aOffset;
  }

  /**
   * Transforms `batch` lines read from one array and written to another (or the same): element j
   * of line t is the complex number at complex index t·srcLane + j·srcLine from srcOffset (strides
   * in complex numbers, offsets in doubles); results, times `scale`, go to t·dstLane + j·dstLine
   * from dstOffset. The first pass reads and the last pass writes the arrays directly; `a` and `b`
   * are scratch of 2·n·batch doubles each, distinct from src and dst. In place (same array,
   * offset and strides) is allowed.
   */
  transformLines(
    src: Float64Array, srcOffset: number, srcLane: number, srcLine: number,
    dst: Float64Array, dstOffset: number, dstLane: number, dstLine: number,
    batch: number, sign: -1 | 1, scale: number, a: Float64Array, b: Float64Array,
  ): void {
    const passes = this.passes;
    const last = passes.length - 1;
    if (last < 0 || this.bluestein !== null) {
      gatherLines(src, srcOffset, srcLane, srcLine, a, this.n, batch);
      const z = this.transformBatch(a, 0, b, 0, batch, sign) ? b : a;
      scatterLines(z, dst, dstOffset, dstLane, dstLine, this.n, batch, scale);
      return;
    }
    let x = src, xo = srcOffset, xs = srcLine, xl = srcLane, y = a, other = b;
    for (let i = 0; i < last; i++) {
      const pass = passes[i]!;
      const s = pass.run * batch;
      runPass(pass, x, xo, xs, xl, y, 0, s, sign);
      x = y; xo = 0; xs = s * pass.radix; xl = 1;
      y = other; other = x;
    }
    const pass = passes[last]!;
    const g = pass.generic;
    const runs = pass.run;
    switch (pass.radix) {
      case 2: finalPass2(x, xo, xs, xl, dst, dstOffset, dstLine, dstLane, batch, runs, scale); break;
      case 3: finalPass3(x, xo, xs, xl, dst, dstOffset, dstLine, dstLane, batch, runs, scale, sign); break;
      case 4: finalPass4(x, xo, xs, xl, dst, dstOffset, dstLine, dstLane, batch, runs, scale, sign); break;
      case 5: finalPass5(x, xo, xs, xl, dst, dstOffset, dstLine, dstLane, batch, runs, scale, sign); break;
      case 8: finalPass8(x, xo, xs, xl, dst, dstOffset, dstLine, dstLane, batch, runs, scale, sign); break;
      default: finalPassGeneric(pass.radix, g!, x, xo, xs, xl, dst, dstOffset, dstLine, dstLane, batch, runs, scale, sign);
    }
  }

  private transformLine(data: Float64Array, offset: number, sign: -1 | 1): void {
    const size = 2 * this.n;
    if (!(offset >= 0 && offset + size <= data.length) || !Number.isInteger(offset)) {
      throw new RangeError(`FFT of length ${this.n} at offset ${offset} does not fit in ${data.length} values`);
    }
    if (this.lineScratch === null) this.lineScratch = new Float64Array(size);
    const scratch = this.lineScratch;
    if (this.transformBatch(data, offset, scratch, 0, 1, sign)) data.set(scratch, offset);
  }
}

function runPass(pass: Pass, x: Float64Array, xo: number, xs: number, xl: number, y: Float64Array, yo: number, s: number, sign: -1 | 1): void {
  switch (pass.radix) {
    case 2: return pass2(x, xo, xs, xl, y, yo, s, pass.m, pass.twiddles, sign);
    case 3: return pass3(x, xo, xs, xl, y, yo, s, pass.m, pass.twiddles, sign);
    case 4: return pass4(x, xo, xs, xl, y, yo, s, pass.m, pass.twiddles, sign);
    case 5: return pass5(x, xo, xs, xl, y, yo, s, pass.m, pass.twiddles, sign);
    case 8: return pass8(x, xo, xs, xl, y, yo, s, pass.m, pass.twiddles, sign);
    default: return passGeneric(pass.radix, pass.generic!, x, xo, xs, xl, y, yo, s, pass.m, pass.twiddles, sign);
  }
}

/** Copies lines (lane stride `lane`, element stride `line`, complex units) into a batch block. */
function gatherLines(src: Float64Array, offset: number, lane: number, line: number, a: Float64Array, n: number, batch: number): void {
  for (let j = 0, to = 0; j < n; j++) {
    for (let t = 0, from = offset + 2 * line * j; t < batch; t++, to += 2, from += 2 * lane) {
      a[to] = src[from]!; a[to + 1] = src[from + 1]!;
    }
  }
}

function scatterLines(z: Float64Array, dst: Float64Array, offset: number, lane: number, line: number, n: number, batch: number, scale: number): void {
  for (let j = 0, from = 0; j < n; j++) {
    for (let t = 0, to = offset + 2 * line * j; t < batch; t++, from += 2, to += 2 * lane) {
      dst[to] = scale * z[from]!; dst[to + 1] = scale * z[from + 1]!;
    }
  }
}

/**
 * Bluestein's algorithm: X_k = w_k·Σ_j (x_j·w_j)·conj(w_(k−j)) with w_j = exp(−iπ·j²/n) (forward)
 * is a circular convolution, computed with a power-of-two FFT of length M ≥ 2n − 1.
 */
class Bluestein {
  private readonly inner: FftPlan;
  private readonly m: number;
  /** w_j = (cos, sin) of π·j²/n for j < n; the forward transform uses the conjugate. */
  private readonly chirp: Float64Array;
  /** FFT of b_j = conj(w_j) for the forward direction (b symmetric: b_(M−j) = b_j), divided by M. */
  private readonly kernel: Float64Array;
  private work1 = new Float64Array(0);
  private work2 = new Float64Array(0);

  constructor(private readonly n: number) {
    let m = 1;
    while (m < 2 * n - 1) m *= 2;
    this.m = m;
    this.inner = new FftPlan(m);
    this.chirp = new Float64Array(2 * n);
    // j² mod 2n, updated as (j+1)² = j² + 2j + 1, keeps the angle argument small and exact.
    for (let j = 0, sq = 0; j < n; sq = (sq + 2 * j + 1) % (2 * n), j++) unitRoot(sq, 2 * n, this.chirp, 2 * j);
    const kernel = new Float64Array(2 * m);
    for (let j = 0; j < n; j++) {
      const c = this.chirp[2 * j]! / m, s = this.chirp[2 * j + 1]! / m;
      kernel[2 * j] = c; kernel[2 * j + 1] = s;
      if (j > 0) { kernel[2 * (m - j)] = c; kernel[2 * (m - j) + 1] = s; }
    }
    const scratch = new Float64Array(2 * m);
    if (this.inner.transformBatch(kernel, 0, scratch, 0, 1, -1)) kernel.set(scratch);
    this.kernel = kernel;
  }

  transform(a: Float64Array, aOffset: number, batch: number, sign: -1 | 1): void {
    const { n, m, chirp, kernel } = this;
    const size = 2 * m * batch;
    if (this.work1.length < size) {
      this.work1 = new Float64Array(size);
      this.work2 = new Float64Array(size);
    }
    const w1 = this.work1, w2 = this.work2;
    const b2 = 2 * batch;
    // forward: a_j = x_j·conj(w_j); inverse: x_j·w_j.
    for (let j = 0; j < n; j++) {
      const cr = chirp[2 * j]!, ci = -sign * chirp[2 * j + 1]!;
      const src = aOffset + b2 * j, dst = b2 * j;
      for (let t = 0; t < b2; t += 2) {
        const xr = a[src + t]!, xi = a[src + t + 1]!;
        w1[dst + t] = xr * cr + xi * ci;
        w1[dst + t + 1] = xi * cr - xr * ci;
      }
    }
    w1.fill(0, b2 * n, size);
    let x = w1, y = w2;
    if (this.inner.transformBatch(x, 0, y, 0, batch, -1)) { x = w2; y = w1; }
    // The kernel spectrum of the inverse chirp is the conjugate (b is symmetric).
    for (let k = 0; k < m; k++) {
      const kr = kernel[2 * k]!, ki = -sign * kernel[2 * k + 1]!;
      const row = b2 * k;
      for (let t = 0; t < b2; t += 2) {
        const xr = x[row + t]!, xi = x[row + t + 1]!;
        x[row + t] = xr * kr - xi * ki;
        x[row + t + 1] = xr * ki + xi * kr;
      }
    }
    if (this.inner.transformBatch(x, 0, y, 0, batch, 1)) x = y;
    for (let k = 0; k < n; k++) {
      const cr = chirp[2 * k]!, ci = -sign * chirp[2 * k + 1]!;
      const src = b2 * k, dst = aOffset + b2 * k;
      for (let t = 0; t < b2; t += 2) {
        const xr = x[src + t]!, xi = x[src + t + 1]!;
        a[dst + t] = xr * cr + xi * ci;
        a[dst + t + 1] = xi * cr - xr * ci;
      }
    }
  }
}
