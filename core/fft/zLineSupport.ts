import type { Vec3 } from '../volume/index.js';
import { digitalFrequency } from './digitalFrequency.js';
import { checkDims } from './fft3dOptions.js';

/**
 * Where a half spectrum [nz][ny][floor(nx/2)+1] can be non-zero, as z-lines: for spectrum row ky,
 * the lines (kx, ky, every kz) with kx in [ranges[2·ky], ranges[2·ky + 1]). `lo`/`hi` bound the
 * union of the rows' ranges. Transforms given a support skip the lines and columns outside it:
 * an inverse then assumes its input is zero there (the result is unchanged, bit for bit), a
 * forward computes only the support's lines and writes 0 everywhere else.
 *
 * Why: MonoDir's cone-filtered spectra hold a few per cent of the bins, and its amplitude low-pass
 * keeps a ball; skipping the empty lines of the first passes saves a third to a half of each
 * transform.
 */
export interface ZLineSupport {
  ranges: Int32Array;
  lo: number;
  hi: number;
}

function emptySupport(ny: number): ZLineSupport {
  return { ranges: new Int32Array(2 * ny), lo: 0, hi: 0 };
}

function closeUnion(support: ZLineSupport): ZLineSupport {
  let lo = Infinity;
  let hi = -Infinity;
  const { ranges } = support;
  for (let y = 0; y < ranges.length; y += 2) {
    if (ranges[y + 1]! <= ranges[y]!) continue;
    lo = Math.min(lo, ranges[y]!);
    hi = Math.max(hi, ranges[y + 1]!);
  }
  support.lo = hi > lo ? lo : 0;
  support.hi = hi > lo ? hi : 0;
  return support;
}

/** Every line (no pruning). */
export function fullZLineSupport(dims: Vec3): ZLineSupport {
  checkDims(dims);
  const bins = Math.floor(dims[0] / 2) + 1;
  const support = emptySupport(dims[1]);
  for (let y = 0; y < dims[1]; y++) support.ranges[2 * y + 1] = bins;
  return closeUnion(support);
}

/** The lines holding the bins within digital radius `radius` (cycles/voxel) of DC. */
export function ballZLineSupport(dims: Vec3, radius: number): ZLineSupport {
  checkDims(dims);
  const [nx, ny] = dims;
  const bins = Math.floor(nx / 2) + 1;
  const support = emptySupport(ny);
  if (!(radius >= 0)) return support;
  for (let y = 0; y < ny; y++) {
    const fy = digitalFrequency(y, ny);
    const left = radius * radius - fy * fy;
    if (left < 0) continue;
    // kz = 0 always exists, so the line (kx, ky) meets the ball iff kx/nx ≤ √(r² − fy²).
    support.ranges[2 * y + 1] = Math.min(bins, Math.floor(Math.sqrt(left) * nx + 1e-9) + 1);
  }
  return closeUnion(support);
}

/** The lines holding the given bins (indices ((kz·ny + ky)·bins + kx) into the half spectrum). */
export function zLineSupportOfBins(dims: Vec3, binIndices: ArrayLike<number>): ZLineSupport {
  checkDims(dims);
  const [nx, ny] = dims;
  const bins = Math.floor(nx / 2) + 1;
  const support = emptySupport(ny);
  const { ranges } = support;
  for (let y = 0; y < ny; y++) ranges[2 * y] = bins;
  for (let i = 0; i < binIndices.length; i++) {
    const p = binIndices[i]!;
    const kx = p % bins;
    const ky = Math.floor(p / bins) % ny;
    if (kx < ranges[2 * ky]!) ranges[2 * ky] = kx;
    if (kx + 1 > ranges[2 * ky + 1]!) ranges[2 * ky + 1] = kx + 1;
  }
  for (let y = 0; y < ny; y++) if (ranges[2 * y + 1]! <= ranges[2 * y]!) ranges[2 * y] = ranges[2 * y + 1] = 0;
  return closeUnion(support);
}

export function checkZLineSupport(support: ZLineSupport, dims: Vec3): void {
  const bins = Math.floor(dims[0] / 2) + 1;
  const { ranges, lo, hi } = support;
  const bad = (why: string) => new RangeError(`FFT support: ${why}`);
  if (!(ranges instanceof Int32Array) || ranges.length !== 2 * dims[1]) throw bad(`ranges must be an Int32Array of 2·ny = ${2 * dims[1]} values`);
  if (!(Number.isInteger(lo) && Number.isInteger(hi) && 0 <= lo && lo <= hi && hi <= bins)) throw bad(`union [${lo}, ${hi}) is not within [0, ${bins}]`);
  for (let y = 0; y < dims[1]; y++) {
    const a = ranges[2 * y]!, b = ranges[2 * y + 1]!;
    if (b > a && (a < lo || b > hi)) throw bad(`row ${y} range [${a}, ${b}) lies outside the union [${lo}, ${hi})`);
    if (a < 0 || b > bins) throw bad(`row ${y} range [${a}, ${b}) is not within [0, ${bins}]`);
  }
}

/** Writes 0 to every bin of a half spectrum outside the support's lines. */
export function zeroOutsideSupport(spectrum: Float64Array, dims: Vec3, support: ZLineSupport): void {
  const [nx, ny, nz] = dims;
  const rowStride = 2 * (Math.floor(nx / 2) + 1);
  for (let z = 0; z < nz; z++) {
    for (let y = 0; y < ny; y++) {
      const row = (z * ny + y) * rowStride;
      const a = support.ranges[2 * y]!, b = support.ranges[2 * y + 1]!;
      if (b <= a) {
        spectrum.fill(0, row, row + rowStride);
        continue;
      }
      spectrum.fill(0, row, row + 2 * a);
      spectrum.fill(0, row + 2 * b, row + rowStride);
    }
  }
}
