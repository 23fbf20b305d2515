import type { Vec3 } from '../../volume/index.js';
import { halfSpectrumGrid } from '../halfSpectrumGrid.js';
import { directionsFromVectors, type Directions } from './geodesicSphere.js';

/**
 * The Fourier points of two half spectra inside the Nyquist sphere, packed for conical sums: per
 * point its Xmipp shell round(|w|·Nx), the unit vector of its frequency and the three products
 * the FSC needs. Computing the products once lets every direction re-use them (321 cones
 * for FSO), and the spectra can be dropped.
 */
export interface ConeSpectrumPoints {
  dims: Vec3;
  /** Shells 0 … floor(Nx/2); the frequency of shell i is i/(Nx·Ts). */
  shellCount: number;
  shell: Int32Array;
  /** Unit vector of the point's digital frequency (0 for the DC point). */
  ux: Float32Array;
  uy: Float32Array;
  uz: Float32Array;
  /** Re(F1·conj F2). */
  cross: Float64Array;
  /** |F1|², |F2|². */
  power1: Float64Array;
  power2: Float64Array;
  count: number;
  /** The points grouped by direction, so that a narrow cone visits only the groups that can reach it. */
  bins: DirectionBins;
}

/**
 * Each point assigned to a cell of a direction grid, the cell's axis its centre; `radius` is the
 * largest angle between a cell's axis and one of its points (as double cones: u and −u alike), so
 * a cone of half-angle α about d can only hold points of cells whose axis lies within α + radius of
 * ±d.
 */
export interface DirectionBins {
  axes: Directions;
  /** members[start[b] … start[b+1]) are the indices of bin b's points, ascending. */
  start: Int32Array;
  members: Int32Array;
  /** Degrees. */
  radius: Float64Array;
}

export interface ConeSpectrumOptions {
  /**
   * true (default): each Friedel pair once, as Xmipp FSO and 3DFSC do — the points of the kx = 0
   * plane with ky < 0, and of the line kx = ky = 0 with kz < 0, are left out because their partners
   * are in the half spectrum too. A double cone |d·u| ≥ cos α over these points is then exactly a
   * single cone over the full spectrum. false: every half-spectrum point, as Xmipp's plain FSC
   * (resolution_fsc) counts them.
   */
  pairsOnce?: boolean;
}

/**
 * Packs the points of two core/fft half spectra (rfft3d layout) with |w| ≤ 0.5 and shell ≤
 * floor(Nx/2) (algorithms §3.7 step 2), in memory order of the half spectrum.
 */
export function coneSpectrumPoints(spectrum1: Float64Array, spectrum2: Float64Array, dims: Vec3, options: ConeSpectrumOptions = {}): ConeSpectrumPoints {
  const pairsOnce = options.pairsOnce ?? true;
  const { half, fx, fy, fz } = halfSpectrumGrid(dims);
  const [hx, ny, nz] = half;
  const points = hx * ny * nz;
  if (spectrum1.length !== 2 * points || spectrum2.length !== 2 * points) {
    throw new RangeError(`coneSpectrumPoints: spectra of ${spectrum1.length / 2} and ${spectrum2.length / 2} points for a ${dims.join('×')} grid (${points} expected)`);
  }
  const last = Math.floor(dims[0] / 2);
  const keep = (kx: number, ky: number, kz: number): boolean => !(pairsOnce && kx === 0 && (fy[ky]! < 0 || (fy[ky]! === 0 && fz[kz]! < 0)));
  const shellOf = (w2: number): number => (w2 > 0.25 ? -1 : Math.floor(Math.sqrt(w2) * dims[0] + 0.5));

  let count = 0;
  for (let kz = 0; kz < nz; kz++)
    for (let ky = 0; ky < ny; ky++)
      for (let kx = 0; kx < hx; kx++) {
        const s = shellOf(fx[kx]! ** 2 + fy[ky]! ** 2 + fz[kz]! ** 2);
        if (s >= 0 && s <= last && keep(kx, ky, kz)) count++;
      }

  const out: Omit<ConeSpectrumPoints, 'bins'> = {
    dims: [...dims],
    shellCount: last + 1,
    shell: new Int32Array(count),
    ux: new Float32Array(count),
    uy: new Float32Array(count),
    uz: new Float32Array(count),
    cross: new Float64Array(count),
    power1: new Float64Array(count),
    power2: new Float64Array(count),
    count,
  };
  let n = 0;
  let p = 0;
  for (let kz = 0; kz < nz; kz++)
    for (let ky = 0; ky < ny; ky++)
      for (let kx = 0; kx < hx; kx++, p++) {
        const wx = fx[kx]!;
        const wy = fy[ky]!;
        const wz = fz[kz]!;
        const w2 = wx * wx + wy * wy + wz * wz;
        const s = shellOf(w2);
        if (s < 0 || s > last || !keep(kx, ky, kz)) continue;
        const w = Math.sqrt(w2);
        out.shell[n] = s;
        if (w > 0) {
          out.ux[n] = wx / w;
          out.uy[n] = wy / w;
          out.uz[n] = wz / w;
        }
        const re1 = spectrum1[2 * p]!;
        const im1 = spectrum1[2 * p + 1]!;
        const re2 = spectrum2[2 * p]!;
        const im2 = spectrum2[2 * p + 1]!;
        out.cross[n] = re1 * re2 + im1 * im2;
        out.power1[n] = re1 * re1 + im1 * im1;
        out.power2[n] = re2 * re2 + im2 * im2;
        n++;
      }
  return { ...out, bins: directionBins(out) };
}

// Bins are cells of a tilt × rot grid over the upper hemisphere (points below are flipped: the
// cones are double). 5° cells keep a 17–20° cone's candidates to ~6% of the points.
const BIN_STEP = 5;

/** Groups packed points by direction (also for points packed by hand, e.g. in tests). */
export function directionBins(points: Omit<ConeSpectrumPoints, 'bins'>): DirectionBins {
  const tiltCells = Math.ceil(90 / BIN_STEP);
  const rotCells = Math.ceil(360 / BIN_STEP);
  const deg = 180 / Math.PI;
  const centres: [number, number, number][] = [];
  for (let t = 0; t < tiltCells; t++)
    for (let r = 0; r < rotCells; r++) {
      const tilt = (t + 0.5) * BIN_STEP;
      const rot = (r + 0.5) * BIN_STEP;
      centres.push([Math.sin(tilt / deg) * Math.cos(rot / deg), Math.sin(tilt / deg) * Math.sin(rot / deg), Math.cos(tilt / deg)]);
    }
  const axes = directionsFromVectors(centres);
  const a = axes.vectors;
  const binOf = new Int32Array(points.count);
  const size = new Int32Array(axes.count);
  const minCos = new Float64Array(axes.count).fill(1);
  const { ux, uy, uz } = points;
  for (let n = 0; n < points.count; n++) {
    const flip = uz[n]! < 0 ? -1 : 1;
    const x = flip * ux[n]!;
    const y = flip * uy[n]!;
    const z = flip * uz[n]!;
    // The DC point (u = 0) joins bin 0 without widening it: no cone narrower than 90° holds it.
    if (x === 0 && y === 0 && z === 0) {
      size[0]!++;
      continue;
    }
    const tilt = Math.acos(Math.min(1, z)) * deg;
    let rot = Math.atan2(y, x) * deg;
    if (rot < 0) rot += 360;
    const b = Math.min(tiltCells - 1, Math.floor(tilt / BIN_STEP)) * rotCells + (Math.floor(rot / BIN_STEP) % rotCells);
    binOf[n] = b;
    size[b]!++;
    minCos[b] = Math.min(minCos[b]!, Math.abs(a[3 * b]! * x + a[3 * b + 1]! * y + a[3 * b + 2]! * z));
  }
  const start = new Int32Array(axes.count + 1);
  for (let b = 0; b < axes.count; b++) start[b + 1] = start[b]! + size[b]!;
  const fill = start.slice(0, axes.count);
  const members = new Int32Array(points.count);
  for (let n = 0; n < points.count; n++) members[fill[binOf[n]!]!++] = n;
  // Float32 unit vectors: widen by a hair so rounding never drops a point at a bin's rim.
  const radius = Float64Array.from(minCos, (c) => (Math.acos(Math.min(1, c)) * 180) / Math.PI + 1e-3);
  return { axes, start, members, radius };
}
