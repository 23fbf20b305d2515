// The last Stockham pass of a transform (m = 1, so no twiddles), writing each output line to its
// place in a volume. Input element (t, u, q) of the batch block is at complex index
// t·xl + batch·u + xs·q (xl = 1 and xs = the pass's own s = batch·runs, unless this is also the
// first pass, runs = 1, reading from a volume); output line u + runs·r of lane t goes to complex
// index t·yl + ys·(u + runs·r), times `scale`. Fusing the scatter into the pass saves a copy.
import { SIN_60, COS_72, COS_144, SIN_72, SIN_144, genericButterfly, type GenericRadixTables } from './radixPasses.js';

const R = Math.SQRT1_2;

export function finalPass2(x: Float64Array, xo: number, xs: number, xl: number, y: Float64Array, yo: number, ys: number, yl: number, batch: number, runs: number, scale: number): void {
  const xl2 = 2 * xl, yl2 = 2 * yl, b2 = 2 * batch, xs2 = 2 * xs, ys2 = 2 * ys, out1 = ys2 * runs;
  for (let u = 0; u < runs; u++) {
    const i0 = xo + b2 * u, o0 = yo + ys2 * u;
    for (let t = 0, at = i0, ot = o0; t < b2; t += 2, at += xl2, ot += yl2) {
      const a = at, b = a + xs2, c = ot, d = c + out1;
      const ar = x[a]!, ai = x[a + 1]!, br = x[b]!, bi = x[b + 1]!;
      y[c] = scale * (ar + br); y[c + 1] = scale * (ai + bi);
      y[d] = scale * (ar - br); y[d + 1] = scale * (ai - bi);
    }
  }
}

export function finalPass3(x: Float64Array, xo: number, xs: number, xl: number, y: Float64Array, yo: number, ys: number, yl: number, batch: number, runs: number, scale: number, sign: number): void {
  const xl2 = 2 * xl, yl2 = 2 * yl, b2 = 2 * batch, xs2 = 2 * xs, ys2 = 2 * ys, out1 = ys2 * runs;
  const c = sign * SIN_60;
  for (let u = 0; u < runs; u++) {
    const i0 = xo + b2 * u, o0 = yo + ys2 * u;
    for (let t = 0, at = i0, ot = o0; t < b2; t += 2, at += xl2, ot += yl2) {
      const a0 = at, a1 = a0 + xs2, a2 = a1 + xs2;
      const x0r = x[a0]!, x0i = x[a0 + 1]!;
      const x1r = x[a1]!, x1i = x[a1 + 1]!, x2r = x[a2]!, x2i = x[a2 + 1]!;
      const tr = x1r + x2r, ti = x1i + x2i;
      const mr = x0r - 0.5 * tr, mi = x0i - 0.5 * ti;
      const dr = c * (x1r - x2r), di = c * (x1i - x2i);
      const o = ot;
      y[o] = scale * (x0r + tr); y[o + 1] = scale * (x0i + ti);
      y[o + out1] = scale * (mr - di); y[o + out1 + 1] = scale * (mi + dr);
      y[o + 2 * out1] = scale * (mr + di); y[o + 2 * out1 + 1] = scale * (mi - dr);
    }
  }
}

export function finalPass4(x: Float64Array, xo: number, xs: number, xl: number, y: Float64Array, yo: number, ys: number, yl: number, batch: number, runs: number, scale: number, sign: number): void {
  const xl2 = 2 * xl, yl2 = 2 * yl, b2 = 2 * batch, xs2 = 2 * xs, ys2 = 2 * ys, out1 = ys2 * runs;
  for (let u = 0; u < runs; u++) {
    const i0 = xo + b2 * u, o0 = yo + ys2 * u;
    for (let t = 0, at = i0, ot = o0; t < b2; t += 2, at += xl2, ot += yl2) {
      const a0 = at, a1 = a0 + xs2, a2 = a1 + xs2, a3 = a2 + xs2;
      const x0r = x[a0]!, x0i = x[a0 + 1]!, x1r = x[a1]!, x1i = x[a1 + 1]!;
      const x2r = x[a2]!, x2i = x[a2 + 1]!, x3r = x[a3]!, x3i = x[a3 + 1]!;
      const t0r = x0r + x2r, t0i = x0i + x2i, t1r = x0r - x2r, t1i = x0i - x2i;
      const t2r = x1r + x3r, t2i = x1i + x3i;
      const ur = -sign * (x1i - x3i), ui = sign * (x1r - x3r);
      const o = ot;
      y[o] = scale * (t0r + t2r); y[o + 1] = scale * (t0i + t2i);
      y[o + out1] = scale * (t1r + ur); y[o + out1 + 1] = scale * (t1i + ui);
      y[o + 2 * out1] = scale * (t0r - t2r); y[o + 2 * out1 + 1] = scale * (t0i - t2i);
      y[o + 3 * out1] = scale * (t1r - ur); y[o + 3 * out1 + 1] = scale * (t1i - ui);
    }
  }
}

export function finalPass5(x: Float64Array, xo: number, xs: number, xl: number, y: Float64Array, yo: number, ys: number, yl: number, batch: number, runs: number, scale: number, sign: number): void {
  const xl2 = 2 * xl, yl2 = 2 * yl, b2 = 2 * batch, xs2 = 2 * xs, ys2 = 2 * ys, out1 = ys2 * runs;
  const s1 = sign * SIN_72, s2c = sign * SIN_144;
  for (let u = 0; u < runs; u++) {
    const i0 = xo + b2 * u, o0 = yo + ys2 * u;
    for (let t = 0, at = i0, ot = o0; t < b2; t += 2, at += xl2, ot += yl2) {
      const a0 = at, a1 = a0 + xs2, a2 = a1 + xs2, a3 = a2 + xs2, a4 = a3 + xs2;
      const x0r = x[a0]!, x0i = x[a0 + 1]!;
      const x1r = x[a1]!, x1i = x[a1 + 1]!, x4r = x[a4]!, x4i = x[a4 + 1]!;
      const x2r = x[a2]!, x2i = x[a2 + 1]!, x3r = x[a3]!, x3i = x[a3 + 1]!;
      const p14r = x1r + x4r, p14i = x1i + x4i, m14r = x1r - x4r, m14i = x1i - x4i;
      const p23r = x2r + x3r, p23i = x2i + x3i, m23r = x2r - x3r, m23i = x2i - x3i;
      const a1r = x0r + COS_72 * p14r + COS_144 * p23r, a1i = x0i + COS_72 * p14i + COS_144 * p23i;
      const a2r = x0r + COS_144 * p14r + COS_72 * p23r, a2i = x0i + COS_144 * p14i + COS_72 * p23i;
      const b1r = s1 * m14r + s2c * m23r, b1i = s1 * m14i + s2c * m23i;
      const b2r = s2c * m14r - s1 * m23r, b2i = s2c * m14i - s1 * m23i;
      const o = ot;
      y[o] = scale * (x0r + p14r + p23r); y[o + 1] = scale * (x0i + p14i + p23i);
      y[o + out1] = scale * (a1r - b1i); y[o + out1 + 1] = scale * (a1i + b1r);
      y[o + 2 * out1] = scale * (a2r - b2i); y[o + 2 * out1 + 1] = scale * (a2i + b2r);
      y[o + 3 * out1] = scale * (a2r + b2i); y[o + 3 * out1 + 1] = scale * (a2i - b2r);
      y[o + 4 * out1] = scale * (a1r + b1i); y[o + 4 * out1 + 1] = scale * (a1i - b1r);
    }
  }
}

export function finalPass8(x: Float64Array, xo: number, xs: number, xl: number, y: Float64Array, yo: number, ys: number, yl: number, batch: number, runs: number, scale: number, sign: number): void {
  const xl2 = 2 * xl, yl2 = 2 * yl, b2 = 2 * batch, is = 2 * xs, ys2 = 2 * ys, os = ys2 * runs;
  for (let u = 0; u < runs; u++) {
    const i0 = xo + b2 * u, o0 = yo + ys2 * u;
    for (let t = 0, at = i0, ot = o0; t < b2; t += 2, at += xl2, ot += yl2) {
      const a0 = at;
      const x0r = x[a0]!, x0i = x[a0 + 1]!, x1r = x[a0 + is]!, x1i = x[a0 + is + 1]!;
      const x2r = x[a0 + 2 * is]!, x2i = x[a0 + 2 * is + 1]!, x3r = x[a0 + 3 * is]!, x3i = x[a0 + 3 * is + 1]!;
      const x4r = x[a0 + 4 * is]!, x4i = x[a0 + 4 * is + 1]!, x5r = x[a0 + 5 * is]!, x5i = x[a0 + 5 * is + 1]!;
      const x6r = x[a0 + 6 * is]!, x6i = x[a0 + 6 * is + 1]!, x7r = x[a0 + 7 * is]!, x7i = x[a0 + 7 * is + 1]!;
      const p04r = x0r + x4r, p04i = x0i + x4i, m04r = x0r - x4r, m04i = x0i - x4i;
      const p26r = x2r + x6r, p26i = x2i + x6i;
      const r26r = -sign * (x2i - x6i), r26i = sign * (x2r - x6r);
      const e0r = p04r + p26r, e0i = p04i + p26i, e2r = p04r - p26r, e2i = p04i - p26i;
      const e1r = m04r + r26r, e1i = m04i + r26i, e3r = m04r - r26r, e3i = m04i - r26i;
      const p15r = x1r + x5r, p15i = x1i + x5i, m15r = x1r - x5r, m15i = x1i - x5i;
      const p37r = x3r + x7r, p37i = x3i + x7i;
      const r37r = -sign * (x3i - x7i), r37i = sign * (x3r - x7r);
      const f0r = p15r + p37r, f0i = p15i + p37i, f2r = p15r - p37r, f2i = p15i - p37i;
      const f1r = m15r + r37r, f1i = m15i + r37i, f3r = m15r - r37r, f3i = m15i - r37i;
      const g1r = R * (f1r - sign * f1i), g1i = R * (f1i + sign * f1r);
      const g2r = -sign * f2i, g2i = sign * f2r;
      const g3r = R * (-f3r - sign * f3i), g3i = R * (sign * f3r - f3i);
      const o = ot;
      y[o] = scale * (e0r + f0r); y[o + 1] = scale * (e0i + f0i);
      y[o + os] = scale * (e1r + g1r); y[o + os + 1] = scale * (e1i + g1i);
      y[o + 2 * os] = scale * (e2r + g2r); y[o + 2 * os + 1] = scale * (e2i + g2i);
      y[o + 3 * os] = scale * (e3r + g3r); y[o + 3 * os + 1] = scale * (e3i + g3i);
      y[o + 4 * os] = scale * (e0r - f0r); y[o + 4 * os + 1] = scale * (e0i - f0i);
      y[o + 5 * os] = scale * (e1r - g1r); y[o + 5 * os + 1] = scale * (e1i - g1i);
      y[o + 6 * os] = scale * (e2r - g2r); y[o + 6 * os + 1] = scale * (e2i - g2i);
      y[o + 7 * os] = scale * (e3r - g3r); y[o + 7 * os + 1] = scale * (e3i - g3i);
    }
  }
}

export function finalPassGeneric(
  p: number, g: GenericRadixTables,
  x: Float64Array, xo: number, xs: number, xl: number, y: Float64Array, yo: number, ys: number, yl: number, batch: number, runs: number, scale: number, sign: number,
): void {
  const xl2 = 2 * xl, yl2 = 2 * yl, b2 = 2 * batch, xs2 = 2 * xs, ys2 = 2 * ys, os = ys2 * runs;
  const out = g.outputs;
  for (let u = 0; u < runs; u++) {
    const i0 = xo + b2 * u, o0 = yo + ys2 * u;
    for (let t = 0, at = i0, ot = o0; t < b2; t += 2, at += xl2, ot += yl2) {
      genericButterfly(p, g, x, at, xs2, sign);
      for (let r = 0, o = ot; r < p; r++, o += os) {
        y[o] = scale * out[2 * r]!; y[o + 1] = scale * out[2 * r + 1]!;
      }
    }
  }
}
