import { unitRoot } from './unitRoot.js';

// One Stockham autosort pass per radix p (decimation in frequency). The data are `p·m` groups of
// `s` contiguous complex numbers (interleaved re, im). Input element (k, j, q) sits at complex
// index k·xl + xs·(j + q·m), output element (k, j, r) at k + s·(p·j + r), with k < s, j < m,
// q, r < p. Between passes xl = 1 and xs = s; the first pass of a batch (s = the batch) may read
// its lines straight from a volume: lane k at stride xl, line elements at stride xs.
// Each pass computes y_r = Σ_q a_q·ω_p^(r·q), then multiplies y_r by the twiddle ω_(p·m)^(r·j).
// `s` is the product of the radices already applied times the number of interleaved transforms
// (the batch), so batched transforms get long contiguous inner loops with constant twiddles.
// Twiddles are stored as (cos, sin) of +2π·r·j/(p·m) at tw[2·(j·(p−1) + r − 1)]; sign = −1 gives
// the forward transform, +1 the inverse.

export function pass2(x: Float64Array, xo: number, xs: number, xl: number, y: Float64Array, yo: number, s: number, m: number, tw: Float64Array, sign: number): void {
  const s2 = 2 * s;
  const xs2 = 2 * xs;
  const xl2 = 2 * xl;
  const inStride = xs2 * m;
  for (let j = 0; j < m; j++) {
    const wr = tw[2 * j]!;
    const wi = sign * tw[2 * j + 1]!;
    const i0 = xo + xs2 * j;
    const o0 = yo + 2 * s2 * j;
    if (j === 0) {
      for (let k = 0, ak = i0; k < s2; k += 2, ak += xl2) {
        const a = ak, b = a + inStride, c = o0 + k, d = c + s2;
        const ar = x[a]!, ai = x[a + 1]!, br = x[b]!, bi = x[b + 1]!;
        y[c] = ar + br; y[c + 1] = ai + bi;
        y[d] = ar - br; y[d + 1] = ai - bi;
      }
      continue;
    }
    for (let k = 0, ak = i0; k < s2; k += 2, ak += xl2) {
      const a = ak, b = a + inStride, c = o0 + k, d = c + s2;
      const ar = x[a]!, ai = x[a + 1]!, br = x[b]!, bi = x[b + 1]!;
      y[c] = ar + br; y[c + 1] = ai + bi;
      const dr = ar - br, di = ai - bi;
      y[d] = dr * wr - di * wi; y[d + 1] = dr * wi + di * wr;
    }
  }
}

export const SIN_60 = Math.sqrt(3) / 2;

export function pass3(x: Float64Array, xo: number, xs: number, xl: number, y: Float64Array, yo: number, s: number, m: number, tw: Float64Array, sign: number): void {
  const s2 = 2 * s;
  const xs2 = 2 * xs;
  const xl2 = 2 * xl;
  const inStride = xs2 * m;
  const c = sign * SIN_60;
  for (let j = 0; j < m; j++) {
    const w1r = tw[4 * j]!, w1i = sign * tw[4 * j + 1]!;
    const w2r = tw[4 * j + 2]!, w2i = sign * tw[4 * j + 3]!;
    const i0 = xo + xs2 * j;
    const o0 = yo + 3 * s2 * j;
    for (let k = 0, ak = i0; k < s2; k += 2, ak += xl2) {
      const a0 = ak, a1 = a0 + inStride, a2 = a1 + inStride;
      const x0r = x[a0]!, x0i = x[a0 + 1]!;
      const x1r = x[a1]!, x1i = x[a1 + 1]!, x2r = x[a2]!, x2i = x[a2 + 1]!;
      const tr = x1r + x2r, ti = x1i + x2i;
      const mr = x0r - 0.5 * tr, mi = x0i - 0.5 * ti;
      const dr = c * (x1r - x2r), di = c * (x1i - x2i);
      // y1 = m + i·d, y2 = m − i·d
      const y1r = mr - di, y1i = mi + dr;
      const y2r = mr + di, y2i = mi - dr;
      const o = o0 + k;
      y[o] = x0r + tr; y[o + 1] = x0i + ti;
      y[o + s2] = y1r * w1r - y1i * w1i; y[o + s2 + 1] = y1r * w1i + y1i * w1r;
      y[o + 2 * s2] = y2r * w2r - y2i * w2i; y[o + 2 * s2 + 1] = y2r * w2i + y2i * w2r;
    }
  }
}

export function pass4(x: Float64Array, xo: number, xs: number, xl: number, y: Float64Array, yo: number, s: number, m: number, tw: Float64Array, sign: number): void {
  const s2 = 2 * s;
  const xs2 = 2 * xs;
  const xl2 = 2 * xl;
  const inStride = xs2 * m;
  for (let j = 0; j < m; j++) {
    const i0 = xo + xs2 * j;
    const o0 = yo + 4 * s2 * j;
    if (j === 0) {
      for (let k = 0, ak = i0; k < s2; k += 2, ak += xl2) {
        const a0 = ak, a1 = a0 + inStride, a2 = a1 + inStride, a3 = a2 + inStride;
        const x0r = x[a0]!, x0i = x[a0 + 1]!, x1r = x[a1]!, x1i = x[a1 + 1]!;
        const x2r = x[a2]!, x2i = x[a2 + 1]!, x3r = x[a3]!, x3i = x[a3 + 1]!;
        const t0r = x0r + x2r, t0i = x0i + x2i, t1r = x0r - x2r, t1i = x0i - x2i;
        const t2r = x1r + x3r, t2i = x1i + x3i;
        // ω4·(x1 − x3) with ω4 = sign·i
        const ur = -sign * (x1i - x3i), ui = sign * (x1r - x3r);
        const o = o0 + k;
        y[o] = t0r + t2r; y[o + 1] = t0i + t2i;
        y[o + s2] = t1r + ur; y[o + s2 + 1] = t1i + ui;
        y[o + 2 * s2] = t0r - t2r; y[o + 2 * s2 + 1] = t0i - t2i;
        y[o + 3 * s2] = t1r - ur; y[o + 3 * s2 + 1] = t1i - ui;
      }
      continue;
    }
    const w1r = tw[6 * j]!, w1i = sign * tw[6 * j + 1]!;
    const w2r = tw[6 * j + 2]!, w2i = sign * tw[6 * j + 3]!;
    const w3r = tw[6 * j + 4]!, w3i = sign * tw[6 * j + 5]!;
    for (let k = 0, ak = i0; k < s2; k += 2, ak += xl2) {
      const a0 = ak, a1 = a0 + inStride, a2 = a1 + inStride, a3 = a2 + inStride;
      const x0r = x[a0]!, x0i = x[a0 + 1]!, x1r = x[a1]!, x1i = x[a1 + 1]!;
      const x2r = x[a2]!, x2i = x[a2 + 1]!, x3r = x[a3]!, x3i = x[a3 + 1]!;
      const t0r = x0r + x2r, t0i = x0i + x2i, t1r = x0r - x2r, t1i = x0i - x2i;
      const t2r = x1r + x3r, t2i = x1i + x3i;
      const ur = -sign * (x1i - x3i), ui = sign * (x1r - x3r);
      const y1r = t1r + ur, y1i = t1i + ui;
      const y2r = t0r - t2r, y2i = t0i - t2i;
      const y3r = t1r - ur, y3i = t1i - ui;
      const o = o0 + k;
      y[o] = t0r + t2r; y[o + 1] = t0i + t2i;
      y[o + s2] = y1r * w1r - y1i * w1i; y[o + s2 + 1] = y1r * w1i + y1i * w1r;
      y[o + 2 * s2] = y2r * w2r - y2i * w2i; y[o + 2 * s2 + 1] = y2r * w2i + y2i * w2r;
      y[o + 3 * s2] = y3r * w3r - y3i * w3i; y[o + 3 * s2 + 1] = y3r * w3i + y3i * w3r;
    }
  }
}

export const COS_72 = Math.cos((2 * Math.PI) / 5);
export const COS_144 = Math.cos((4 * Math.PI) / 5);
export const SIN_72 = Math.sin((2 * Math.PI) / 5);
export const SIN_144 = Math.sin((4 * Math.PI) / 5);

export function pass5(x: Float64Array, xo: number, xs: number, xl: number, y: Float64Array, yo: number, s: number, m: number, tw: Float64Array, sign: number): void {
  const s2 = 2 * s;
  const xs2 = 2 * xs;
  const xl2 = 2 * xl;
  const inStride = xs2 * m;
  const s1 = sign * SIN_72;
  const s2c = sign * SIN_144;
  for (let j = 0; j < m; j++) {
    const t = 8 * j;
    const w1r = tw[t]!, w1i = sign * tw[t + 1]!, w2r = tw[t + 2]!, w2i = sign * tw[t + 3]!;
    const w3r = tw[t + 4]!, w3i = sign * tw[t + 5]!, w4r = tw[t + 6]!, w4i = sign * tw[t + 7]!;
    const i0 = xo + xs2 * j;
    const o0 = yo + 5 * s2 * j;
    for (let k = 0, ak = i0; k < s2; k += 2, ak += xl2) {
      const a0 = ak, a1 = a0 + inStride, a2 = a1 + inStride, a3 = a2 + inStride, a4 = a3 + inStride;
      const x0r = x[a0]!, x0i = x[a0 + 1]!;
      const x1r = x[a1]!, x1i = x[a1 + 1]!, x4r = x[a4]!, x4i = x[a4 + 1]!;
      const x2r = x[a2]!, x2i = x[a2 + 1]!, x3r = x[a3]!, x3i = x[a3 + 1]!;
      const p14r = x1r + x4r, p14i = x1i + x4i, m14r = x1r - x4r, m14i = x1i - x4i;
      const p23r = x2r + x3r, p23i = x2i + x3i, m23r = x2r - x3r, m23i = x2i - x3i;
      const a1r = x0r + COS_72 * p14r + COS_144 * p23r, a1i = x0i + COS_72 * p14i + COS_144 * p23i;
      const a2r = x0r + COS_144 * p14r + COS_72 * p23r, a2i = x0i + COS_144 * p14i + COS_72 * p23i;
      const b1r = s1 * m14r + s2c * m23r, b1i = s1 * m14i + s2c * m23i;
      const b2r = s2c * m14r - s1 * m23r, b2i = s2c * m14i - s1 * m23i;
      // y1 = a1 + i·b1, y4 = a1 − i·b1, y2 = a2 + i·b2, y3 = a2 − i·b2
      const y1r = a1r - b1i, y1i = a1i + b1r, y4r = a1r + b1i, y4i = a1i - b1r;
      const y2r = a2r - b2i, y2i = a2i + b2r, y3r = a2r + b2i, y3i = a2i - b2r;
      const o = o0 + k;
      y[o] = x0r + p14r + p23r; y[o + 1] = x0i + p14i + p23i;
      y[o + s2] = y1r * w1r - y1i * w1i; y[o + s2 + 1] = y1r * w1i + y1i * w1r;
      y[o + 2 * s2] = y2r * w2r - y2i * w2i; y[o + 2 * s2 + 1] = y2r * w2i + y2i * w2r;
      y[o + 3 * s2] = y3r * w3r - y3i * w3i; y[o + 3 * s2 + 1] = y3r * w3i + y3i * w3r;
      y[o + 4 * s2] = y4r * w4r - y4i * w4i; y[o + 4 * s2 + 1] = y4r * w4i + y4i * w4r;
    }
  }
}

const R = Math.SQRT1_2;

export function pass8(x: Float64Array, xo: number, xs: number, xl: number, y: Float64Array, yo: number, s: number, m: number, tw: Float64Array, sign: number): void {
  const s2 = 2 * s;
  const xs2 = 2 * xs;
  const xl2 = 2 * xl;
  const is = xs2 * m;
  for (let j = 0; j < m; j++) {
    const t = 14 * j;
    const w1r = tw[t]!, w1i = sign * tw[t + 1]!, w2r = tw[t + 2]!, w2i = sign * tw[t + 3]!;
    const w3r = tw[t + 4]!, w3i = sign * tw[t + 5]!, w4r = tw[t + 6]!, w4i = sign * tw[t + 7]!;
    const w5r = tw[t + 8]!, w5i = sign * tw[t + 9]!, w6r = tw[t + 10]!, w6i = sign * tw[t + 11]!;
    const w7r = tw[t + 12]!, w7i = sign * tw[t + 13]!;
    const i0 = xo + xs2 * j;
    const o0 = yo + 8 * s2 * j;
    for (let k = 0, ak = i0; k < s2; k += 2, ak += xl2) {
      const a0 = ak;
      const x0r = x[a0]!, x0i = x[a0 + 1]!, x1r = x[a0 + is]!, x1i = x[a0 + is + 1]!;
      const x2r = x[a0 + 2 * is]!, x2i = x[a0 + 2 * is + 1]!, x3r = x[a0 + 3 * is]!, x3i = x[a0 + 3 * is + 1]!;
      const x4r = x[a0 + 4 * is]!, x4i = x[a0 + 4 * is + 1]!, x5r = x[a0 + 5 * is]!, x5i = x[a0 + 5 * is + 1]!;
      const x6r = x[a0 + 6 * is]!, x6i = x[a0 + 6 * is + 1]!, x7r = x[a0 + 7 * is]!, x7i = x[a0 + 7 * is + 1]!;
      // Radix-4 on the even inputs (0, 2, 4, 6) → e0..e3
      const p04r = x0r + x4r, p04i = x0i + x4i, m04r = x0r - x4r, m04i = x0i - x4i;
      const p26r = x2r + x6r, p26i = x2i + x6i;
      const r26r = -sign * (x2i - x6i), r26i = sign * (x2r - x6r);
      const e0r = p04r + p26r, e0i = p04i + p26i, e2r = p04r - p26r, e2i = p04i - p26i;
      const e1r = m04r + r26r, e1i = m04i + r26i, e3r = m04r - r26r, e3i = m04i - r26i;
      // Radix-4 on the odd inputs (1, 3, 5, 7) → f0..f3
      const p15r = x1r + x5r, p15i = x1i + x5i, m15r = x1r - x5r, m15i = x1i - x5i;
      const p37r = x3r + x7r, p37i = x3i + x7i;
      const r37r = -sign * (x3i - x7i), r37i = sign * (x3r - x7r);
      const f0r = p15r + p37r, f0i = p15i + p37i, f2r = p15r - p37r, f2i = p15i - p37i;
      const f1r = m15r + r37r, f1i = m15i + r37i, f3r = m15r - r37r, f3i = m15i - r37i;
      // Rotate f_r by ω8^r: ω8 = √½·(1 + sign·i), ω8² = sign·i, ω8³ = √½·(−1 + sign·i)
      const g1r = R * (f1r - sign * f1i), g1i = R * (f1i + sign * f1r);
      const g2r = -sign * f2i, g2i = sign * f2r;
      const g3r = R * (-f3r - sign * f3i), g3i = R * (sign * f3r - f3i);
      const o = o0 + k;
      y[o] = e0r + f0r; y[o + 1] = e0i + f0i;
      let vr = e1r + g1r, vi = e1i + g1i;
      y[o + s2] = vr * w1r - vi * w1i; y[o + s2 + 1] = vr * w1i + vi * w1r;
      vr = e2r + g2r; vi = e2i + g2i;
      y[o + 2 * s2] = vr * w2r - vi * w2i; y[o + 2 * s2 + 1] = vr * w2i + vi * w2r;
      vr = e3r + g3r; vi = e3i + g3i;
      y[o + 3 * s2] = vr * w3r - vi * w3i; y[o + 3 * s2 + 1] = vr * w3i + vi * w3r;
      vr = e0r - f0r; vi = e0i - f0i;
      y[o + 4 * s2] = vr * w4r - vi * w4i; y[o + 4 * s2 + 1] = vr * w4i + vi * w4r;
      vr = e1r - g1r; vi = e1i - g1i;
      y[o + 5 * s2] = vr * w5r - vi * w5i; y[o + 5 * s2 + 1] = vr * w5i + vi * w5r;
      vr = e2r - g2r; vi = e2i - g2i;
      y[o + 6 * s2] = vr * w6r - vi * w6i; y[o + 6 * s2 + 1] = vr * w6i + vi * w6r;
      vr = e3r - g3r; vi = e3i - g3i;
      y[o + 7 * s2] = vr * w7r - vi * w7i; y[o + 7 * s2 + 1] = vr * w7i + vi * w7r;
    }
  }
}

/**
 * Tables and scratch for the generic butterfly of an odd radix p, h = (p − 1)/2: cos and sin of
 * 2π·r·q/p at [(r − 1)·h + q − 1] for r, q in 1…h (row by row, so the inner loop reads them in
 * order), pairwise sums and differences of the inputs, and the p outputs of one butterfly.
 */
export interface GenericRadixTables {
  cos: Float64Array;
  sin: Float64Array;
  sums: Float64Array;
  diffs: Float64Array;
  outputs: Float64Array;
}

export function makeGenericRadixTables(p: number): GenericRadixTables {
  const h = (p - 1) / 2;
  const cos = new Float64Array(h * h);
  const sin = new Float64Array(h * h);
  const root = new Float64Array(2);
  for (let r = 1; r <= h; r++) {
    for (let q = 1; q <= h; q++) {
      unitRoot(r * q, p, root, 0);
      cos[(r - 1) * h + q - 1] = root[0]!;
      sin[(r - 1) * h + q - 1] = root[1]!;
    }
  }
  return { cos, sin, sums: new Float64Array(2 * h), diffs: new Float64Array(2 * h), outputs: new Float64Array(2 * p) };
}

/**
 * One odd-radix butterfly: y_r = Σ_q a_q·ω_p^(r·q) for the p inputs at x[a0 + q·stride] (complex,
 * stride in doubles), into g.outputs. Inputs q and p − q are paired, so each output pair (r, p − r)
 * costs h complex multiply-adds; two r at a time share the loads of the sums and differences.
 */
export function genericButterfly(p: number, g: GenericRadixTables, x: Float64Array, a0: number, stride: number, sign: number): void {
  const h = (p - 1) / 2;
  const { cos, sin, sums, diffs, outputs } = g;
  const x0r = x[a0]!, x0i = x[a0 + 1]!;
  let y0r = x0r, y0i = x0i;
  for (let q = 1; q <= h; q++) {
    const a = a0 + q * stride, b = a0 + (p - q) * stride;
    const ar = x[a]!, ai = x[a + 1]!, br = x[b]!, bi = x[b + 1]!;
    const sr = ar + br, si = ai + bi;
    sums[2 * q - 2] = sr; sums[2 * q - 1] = si;
    diffs[2 * q - 2] = sign * (ar - br); diffs[2 * q - 1] = sign * (ai - bi);
    y0r += sr; y0i += si;
  }
  outputs[0] = y0r; outputs[1] = y0i;
  let r = 1;
  for (; r < h; r += 2) {
    const row1 = (r - 1) * h, row2 = row1 + h;
    let a1r = x0r, a1i = x0i, b1r = 0, b1i = 0, a2r = x0r, a2i = x0i, b2r = 0, b2i = 0;
    for (let q = 0; q < h; q++) {
      const sr = sums[2 * q]!, si = sums[2 * q + 1]!, dr = diffs[2 * q]!, di = diffs[2 * q + 1]!;
      const c1 = cos[row1 + q]!, s1 = sin[row1 + q]!, c2 = cos[row2 + q]!, s2 = sin[row2 + q]!;
      a1r += c1 * sr; a1i += c1 * si; b1r += s1 * dr; b1i += s1 * di;
      a2r += c2 * sr; a2i += c2 * si; b2r += s2 * dr; b2i += s2 * di;
    }
    // y_r = a + i·b, y_(p−r) = a − i·b
    outputs[2 * r] = a1r - b1i; outputs[2 * r + 1] = a1i + b1r;
    outputs[2 * (p - r)] = a1r + b1i; outputs[2 * (p - r) + 1] = a1i - b1r;
    outputs[2 * r + 2] = a2r - b2i; outputs[2 * r + 3] = a2i + b2r;
    outputs[2 * (p - r - 1)] = a2r + b2i; outputs[2 * (p - r - 1) + 1] = a2i - b2r;
  }
  if (r === h) {
    const row = (r - 1) * h;
    let ar = x0r, ai = x0i, br = 0, bi = 0;
    for (let q = 0; q < h; q++) {
      const c = cos[row + q]!, sn = sin[row + q]!;
      ar += c * sums[2 * q]!; ai += c * sums[2 * q + 1]!;
      br += sn * diffs[2 * q]!; bi += sn * diffs[2 * q + 1]!;
    }
    outputs[2 * r] = ar - bi; outputs[2 * r + 1] = ai + br;
    outputs[2 * (p - r)] = ar + bi; outputs[2 * (p - r) + 1] = ai - br;
  }
}

/** Odd radix p (generic butterfly), then the twiddles. */
export function passGeneric(
  p: number, g: GenericRadixTables,
  x: Float64Array, xo: number, xs: number, xl: number, y: Float64Array, yo: number, s: number, m: number, tw: Float64Array, sign: number,
): void {
  const s2 = 2 * s;
  const xs2 = 2 * xs;
  const xl2 = 2 * xl;
  const inStride = xs2 * m;
  const out = g.outputs;
  const twRow = 2 * (p - 1);
  for (let j = 0; j < m; j++) {
    const i0 = xo + xs2 * j;
    const o0 = yo + p * s2 * j;
    const t0 = twRow * j;
    for (let k = 0, ak = i0; k < s2; k += 2, ak += xl2) {
      genericButterfly(p, g, x, ak, inStride, sign);
      const o = o0 + k;
      y[o] = out[0]!; y[o + 1] = out[1]!;
      for (let r = 1; r < p; r++) {
        const w = t0 + 2 * (r - 1);
        const wr = tw[w]!, wi = sign * tw[w + 1]!;
        const vr = out[2 * r]!, vi = out[2 * r + 1]!;
        y[o + r * s2] = vr * wr - vi * wi; y[o + r * s2 + 1] = vr * wi + vi * wr;
      }
    }
  }
}
