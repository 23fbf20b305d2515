/**
 * Reference discrete Fourier transforms by the O(n²) definition, independent of the FFT code: the
 * oracle of the FFT tests. Angles use (j·k mod n) so they stay exact for large indices.
 */

/** DFT of n interleaved complex numbers; sign −1 forward, +1 inverse (unscaled). */
export function naiveDft(data: Float64Array, n: number, sign: -1 | 1, offset = 0, stride = 1): Float64Array {
  const out = new Float64Array(2 * n);
  for (let k = 0; k < n; k++) {
    let sr = 0;
    let si = 0;
    for (let j = 0; j < n; j++) {
      const angle = (sign * 2 * Math.PI * ((j * k) % n)) / n;
      const c = Math.cos(angle);
      const s = Math.sin(angle);
      const at = offset + 2 * j * stride;
      const re = data[at]!;
      const im = data[at + 1]!;
      sr += re * c - im * s;
      si += re * s + im * c;
    }
    out[2 * k] = sr;
    out[2 * k + 1] = si;
  }
  return out;
}

/** DFT of an interleaved complex [nz][ny][nx] grid, axis by axis with naiveDft (exact definition). */
export function naiveDft3d(data: Float64Array, dims: [number, number, number], sign: -1 | 1): Float64Array {
  const [nx, ny, nz] = dims;
  const out = Float64Array.from(data);
  const axes: Array<[number, number]> = [[nx, 1], [ny, nx], [nz, nx * ny]];
  for (const [n, stride] of axes) {
    for (let start = 0; start < nx * ny * nz; start++) {
      if (Math.floor(start / stride) % n !== 0) continue; // not the first element of a line
      const line = naiveDft(out, n, sign, 2 * start, stride);
      for (let j = 0; j < n; j++) {
        out[2 * (start + j * stride)] = line[2 * j]!;
        out[2 * (start + j * stride) + 1] = line[2 * j + 1]!;
      }
    }
  }
  return out;
}

/** Real grid → interleaved complex grid with zero imaginary parts. */
export function realToComplex(real: ArrayLike<number>): Float64Array {
  const out = new Float64Array(2 * real.length);
  for (let i = 0; i < real.length; i++) out[2 * i] = real[i]!;
  return out;
}
