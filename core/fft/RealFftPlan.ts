import { FftPlan } from './FftPlan.js';
import { fftPlanFor } from './fftPlanFor.js';
import { scratchBuffers } from './scratchBuffers.js';
import { unitRoot } from './unitRoot.js';

/** Rows transformed together: long enough for contiguous inner loops, small enough for L1/L2. */
export const ROW_BATCH = 16;

/**
 * The FFT of n real numbers, giving the floor(n/2)+1 non-negative-frequency bins (numpy rfft).
 * Even n: the samples are packed as n/2 complex numbers, transformed, then split into the even- and
 * odd-sample spectra. Odd n: a complex transform of the real signal. Unscaled in both directions.
 *
 * The row methods transform many rows at once (the x pass of a 3D transform); rows may be read and
 * written in place (same array, same stride), since each batch of rows is read before it is written.
 */
export class RealFftPlan {
  readonly n: number;
  /** Number of complex bins: floor(n/2) + 1. */
  readonly bins: number;
  private readonly plan: FftPlan;
  /** Even n: (cos, sin) of 2π·k/n for k ≤ n/4, the split-step rotations. */
  private readonly split: Float64Array;

  constructor(n: number) {
    if (!Number.isInteger(n) || n < 1) throw new RangeError(`real FFT length must be a positive integer, got ${n}`);
    this.n = n;
    this.bins = Math.floor(n / 2) + 1;
    const even = n % 2 === 0;
    this.plan = fftPlanFor(even ? n / 2 : n);
    const quarter = even ? Math.floor(n / 4) : -1;
    this.split = new Float64Array(2 * (quarter + 1));
    for (let k = 0; k <= quarter; k++) unitRoot(k, n, this.split, 2 * k);
  }

  /** Spectrum (bins complex numbers, interleaved) of the n reals at input[inputOffset…]. */
  forward(input: Float64Array | Float32Array, output: Float64Array, inputOffset = 0, outputOffset = 0): void {
    checkRange('input', input.length, inputOffset, this.n);
    checkRange('output', output.length, outputOffset, 2 * this.bins);
    this.forwardRows(input, inputOffset, this.n, output, outputOffset, 2 * this.bins, 1, 1);
  }

  /**
   * The n reals whose spectrum is given (bins complex numbers), unscaled: n times numpy's irfft.
   * The imaginary parts of bin 0 and (even n) bin n/2 are ignored, as numpy does.
   */
  inverse(spectrum: Float64Array, output: Float64Array, spectrumOffset = 0, outputOffset = 0): void {
    checkRange('spectrum', spectrum.length, spectrumOffset, 2 * this.bins);
    checkRange('output', output.length, outputOffset, this.n);
    this.inverseRows(spectrum, spectrumOffset, 2 * this.bins, output, outputOffset, this.n, 1, 1);
  }

  /**
   * Forward transforms `rows` rows: row r holds n reals at src[srcOffset + r·srcStride…] and its
   * spectrum (times `scale`) goes to dst[dstOffset + r·dstStride…] as bins interleaved complex.
   */
  forwardRows(src: Float64Array | Float32Array, srcOffset: number, srcStride: number, dst: Float64Array, dstOffset: number, dstStride: number, rows: number, scale: number): void {
    const even = this.n % 2 === 0;
    const len = even ? this.n / 2 : this.n;
    for (let r0 = 0; r0 < rows; r0 += ROW_BATCH) {
      const batch = Math.min(ROW_BATCH, rows - r0);
      const { a, b, c } = scratchBuffers(2 * len * batch);
      const from = srcOffset + r0 * srcStride;
      const to = dstOffset + r0 * dstStride;
      if (even && src instanceof Float64Array && srcStride % 2 === 0) {
        // The pairs (x[2k], x[2k+1]) of a float64 row already are complex numbers: the first pass
        // reads them where they are.
        this.plan.transformLines(src, from, srcStride / 2, 1, c, 0, 1, batch, batch, -1, 1, a, b);
        this.splitToRows(c, dst, to, dstStride, batch, scale);
        continue;
      }
      if (src instanceof Float64Array) {
        if (even) gatherPairs64(src, from, srcStride, a, len, batch);
        else gatherReals64(src, from, srcStride, a, len, batch);
      } else if (even) gatherPairs32(src, from, srcStride, a, len, batch);
      else gatherReals32(src, from, srcStride, a, len, batch);
      const z = this.plan.transformBatch(a, 0, b, 0, batch, -1) ? b : a;
      if (even) this.splitToRows(z, dst, to, dstStride, batch, scale);
      else scatterBins(z, dst, to, dstStride, this.bins, batch, scale);
    }
  }

  /**
   * Inverse transforms `rows` spectra (bins complex at src[srcOffset + r·srcStride…]) to n reals
   * times `scale` at dst[dstOffset + r·dstStride…]. Unscaled means scale = 1.
   */
  inverseRows(src: Float64Array, srcOffset: number, srcStride: number, dst: Float64Array, dstOffset: number, dstStride: number, rows: number, scale: number): void {
    const even = this.n % 2 === 0;
    const len = even ? this.n / 2 : this.n;
    for (let r0 = 0; r0 < rows; r0 += ROW_BATCH) {
      const batch = Math.min(ROW_BATCH, rows - r0);
      const { a, b, c } = scratchBuffers(2 * len * batch);
      const from = srcOffset + r0 * srcStride;
      const to = dstOffset + r0 * dstStride;
      if (even && dstStride % 2 === 0) {
        // The last pass writes the pairs (x[2k], x[2k+1]) straight into the rows.
        this.mergeFromRows(src, from, srcStride, c, batch);
        this.plan.transformLines(c, 0, 1, batch, dst, to, dstStride / 2, 1, batch, 1, scale, a, b);
        continue;
      }
      if (even) this.mergeFromRows(src, from, srcStride, a, batch);
      else gatherHermitian(src, from, srcStride, a, this.n, batch);
      const z = this.plan.transformBatch(a, 0, b, 0, batch, 1) ? b : a;
      if (even) scatterPairs(z, dst, to, dstStride, len, batch, scale);
      else scatterReals(z, dst, to, dstStride, len, batch, scale);
    }
  }

  /**
   * Even n, h = n/2: from Z = FFT_h(x_even + i·x_odd) gets X_k = E_k + ω^k·O_k and
   * X_(h−k) = conj(E_k − ω^k·O_k), where E and O are the spectra of the even and odd samples and
   * ω = exp(−2πi/n).
   */
  private splitToRows(z: Float64Array, dst: Float64Array, to: number, stride: number, batch: number, scale: number): void {
    const h = this.n / 2;
    const tw = this.split;
    const half = 0.5 * scale;
    for (let k = 0; 2 * k <= h; k++) {
      const c = tw[2 * k]!, s = tw[2 * k + 1]!;
      const hk = k === 0 ? 0 : h - k;
      const zk = 2 * k * batch, zh = 2 * hk * batch;
      const ok = to + 2 * k, oh = to + 2 * (h - k);
      for (let t = 0; t < batch; t++) {
        const ar = z[zk + 2 * t]!, ai = z[zk + 2 * t + 1]!;
        const br = z[zh + 2 * t]!, bi = z[zh + 2 * t + 1]!;
        const er = half * (ar + br), ei = half * (ai - bi);
        const or = half * (ai + bi), oi = half * (br - ar);
        const pr = c * or + s * oi, pi = c * oi - s * or;
        const row = t * stride;
        dst[ok + row] = er + pr; dst[ok + row + 1] = ei + pi;
        dst[oh + row] = er - pr; dst[oh + row + 1] = pi - ei;
      }
    }
  }

  /** Inverse of splitToRows, doubled so that the half-length inverse FFT yields n·x. */
  private mergeFromRows(src: Float64Array, from: number, stride: number, z: Float64Array, batch: number): void {
    const h = this.n / 2;
    const tw = this.split;
    for (let k = 0; 2 * k <= h; k++) {
      const c = tw[2 * k]!, s = tw[2 * k + 1]!;
      const hk = h - k;
      const zk = 2 * k * batch, zh = 2 * (k === 0 ? 0 : hk) * batch;
      for (let t = 0; t < batch; t++) {
        const row = from + t * stride;
        const ar = src[row + 2 * k]!, br = src[row + 2 * hk]!;
        // numpy ignores the imaginary parts of bins 0 and n/2.
        const ai = k === 0 ? 0 : src[row + 2 * k + 1]!;
        const bi = k === 0 ? 0 : src[row + 2 * hk + 1]!;
        const er = ar + br, ei = ai - bi;
        const pr = ar - br, pi = ai + bi;
        // O = P·ω^(−k)
        const or = c * pr - s * pi, oi = c * pi + s * pr;
        // Z_k = E + i·O, Z_(h−k) = conj(E) + i·conj(O)
        z[zk + 2 * t] = er - oi; z[zk + 2 * t + 1] = ei + or;
        if (k !== 0 && 2 * k !== h) {
          z[zh + 2 * t] = er + oi; z[zh + 2 * t + 1] = or - ei;
        }
      }
    }
  }
}

function checkRange(name: string, length: number, offset: number, needed: number): void {
  if (!Number.isInteger(offset) || offset < 0 || offset + needed > length) {
    throw new RangeError(`real FFT ${name}: ${needed} values at offset ${offset} do not fit in ${length}`);
  }
}

// Gathers transpose `batch` rows into the [len][batch] interleaved layout of FftPlan.transformBatch.
// Separate Float64/Float32 versions keep each loop monomorphic.

function gatherPairs64(src: Float64Array, from: number, stride: number, a: Float64Array, len: number, batch: number): void {
  for (let t = 0; t < batch; t++) {
    const row = from + t * stride;
    for (let k = 0, o = 2 * t; k < len; k++, o += 2 * batch) {
      a[o] = src[row + 2 * k]!; a[o + 1] = src[row + 2 * k + 1]!;
    }
  }
}

function gatherPairs32(src: Float32Array, from: number, stride: number, a: Float64Array, len: number, batch: number): void {
  for (let t = 0; t < batch; t++) {
    const row = from + t * stride;
    for (let k = 0, o = 2 * t; k < len; k++, o += 2 * batch) {
      a[o] = src[row + 2 * k]!; a[o + 1] = src[row + 2 * k + 1]!;
    }
  }
}

function gatherReals64(src: Float64Array, from: number, stride: number, a: Float64Array, len: number, batch: number): void {
  for (let t = 0; t < batch; t++) {
    const row = from + t * stride;
    for (let k = 0, o = 2 * t; k < len; k++, o += 2 * batch) {
      a[o] = src[row + k]!; a[o + 1] = 0;
    }
  }
}

function gatherReals32(src: Float32Array, from: number, stride: number, a: Float64Array, len: number, batch: number): void {
  for (let t = 0; t < batch; t++) {
    const row = from + t * stride;
    for (let k = 0, o = 2 * t; k < len; k++, o += 2 * batch) {
      a[o] = src[row + k]!; a[o + 1] = 0;
    }
  }
}

/** Odd n: rebuilds the full spectrum from bins 0…(n−1)/2 by Hermitian symmetry. */
function gatherHermitian(src: Float64Array, from: number, stride: number, a: Float64Array, n: number, batch: number): void {
  const bins = (n + 1) / 2;
  for (let t = 0; t < batch; t++) {
    const row = from + t * stride;
    a[2 * t] = src[row]!; a[2 * t + 1] = 0;
    for (let k = 1; k < bins; k++) {
      const re = src[row + 2 * k]!, im = src[row + 2 * k + 1]!;
      const o = 2 * (k * batch + t), p = 2 * ((n - k) * batch + t);
      a[o] = re; a[o + 1] = im;
      a[p] = re; a[p + 1] = -im;
    }
  }
}

function scatterBins(z: Float64Array, dst: Float64Array, to: number, stride: number, bins: number, batch: number, scale: number): void {
  for (let t = 0; t < batch; t++) {
    const row = to + t * stride;
    for (let k = 0, i = 2 * t; k < bins; k++, i += 2 * batch) {
      dst[row + 2 * k] = scale * z[i]!; dst[row + 2 * k + 1] = scale * z[i + 1]!;
    }
    dst[row + 1] = 0; // the DC bin of a real signal is real; Bluestein leaves rounding noise there
  }
}

function scatterPairs(z: Float64Array, dst: Float64Array, to: number, stride: number, len: number, batch: number, scale: number): void {
  for (let t = 0; t < batch; t++) {
    const row = to + t * stride;
    for (let k = 0, i = 2 * t; k < len; k++, i += 2 * batch) {
      dst[row + 2 * k] = scale * z[i]!; dst[row + 2 * k + 1] = scale * z[i + 1]!;
    }
  }
}

function scatterReals(z: Float64Array, dst: Float64Array, to: number, stride: number, len: number, batch: number, scale: number): void {
  for (let t = 0; t < batch; t++) {
    const row = to + t * stride;
    for (let k = 0, i = 2 * t; k < len; k++, i += 2 * batch) dst[row + k] = scale * z[i]!;
  }
}
