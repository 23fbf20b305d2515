import { ballZLineSupport, irfft3dSync, rfft3dSync, zLineSupportOfBins, type ZLineSupport } from '../../fft/index.js';
import type { Vec3 } from '../../volume/index.js';
import { halfSpectrumGrid } from '../halfSpectrumGrid.js';

/** Per-grid tables and buffers reused by every frequency of every direction in one thread. */
export interface DirectionalAmplitudeWorkspace {
  dims: Vec3;
  /** |w| (digital) per half-spectrum bin. */
  radius: Float64Array;
  /** Riesz factors w_k/|w| per bin (0 at DC and on the axis's own Nyquist plane, as MonoRes). */
  rx: Float64Array;
  ry: Float64Array;
  rz: Float64Array;
  /** Unit frequency vectors' components for the cone test (0 at DC). */
  ux: Float64Array;
  uy: Float64Array;
  uz: Float64Array;
  /** Radial taper of the amplitude: 1 inside n/2 − 7, raised cosine to 0 at n/2 (from the box centre). */
  taper: Float32Array;
  spectrum: Float64Array;
  real: Float64Array;
  sum: Float64Array;
  /** Scratch of the high-passed cone (grown on demand) and the low-pass lines per fL. */
  passBins: Int32Array;
  passIndex: Int32Array;
  passGain: Float64Array;
  balls: Map<number, ZLineSupport>;
}

export function directionalAmplitudeWorkspace(dims: Vec3, taperWidth = 7): DirectionalAmplitudeWorkspace {
  const g = halfSpectrumGrid(dims);
  const [hx, ny, nz] = g.half;
  const bins = hx * ny * nz;
  const radius = new Float64Array(bins);
  const rx = new Float64Array(bins);
  const ry = new Float64Array(bins);
  const rz = new Float64Array(bins);
  const ux = new Float64Array(bins);
  const uy = new Float64Array(bins);
  const uz = new Float64Array(bins);
  const nyqX = dims[0] % 2 === 0 ? dims[0] / 2 : -1;
  const nyqY = ny % 2 === 0 ? ny / 2 : -1;
  const nyqZ = nz % 2 === 0 ? nz / 2 : -1;
  let p = 0;
  for (let kz = 0; kz < nz; kz++) {
    for (let ky = 0; ky < ny; ky++) {
      for (let kx = 0; kx < hx; kx++, p++) {
        const fx = g.fx[kx]!, fy = g.fy[ky]!, fz = g.fz[kz]!;
        const u = Math.sqrt(fx * fx + fy * fy + fz * fz);
        radius[p] = u;
        if (u === 0) continue;
        ux[p] = fx / u; uy[p] = fy / u; uz[p] = fz / u;
        rx[p] = kx === nyqX ? 0 : fx / u;
        ry[p] = ky === nyqY ? 0 : fy / u;
        rz[p] = kz === nyqZ ? 0 : fz / u;
      }
    }
  }
  const voxels = dims[0] * dims[1] * dims[2];
  const taper = new Float32Array(voxels);
  const outer = Math.floor(dims[0] / 2);
  const inner = outer - taperWidth;
  const c = dims.map((n) => Math.floor(n / 2));
  p = 0;
  for (let z = 0; z < dims[2]; z++) {
    for (let y = 0; y < dims[1]; y++) {
      for (let x = 0; x < dims[0]; x++, p++) {
        const r = Math.sqrt((x - c[0]!) ** 2 + (y - c[1]!) ** 2 + (z - c[2]!) ** 2);
        taper[p] = r <= inner ? 1 : r >= outer ? 0 : 0.5 * (1 + Math.cos((Math.PI * (r - inner)) / (outer - inner)));
      }
    }
  }
  return {
    dims: [...dims], radius, rx, ry, rz, ux, uy, uz, taper,
    spectrum: new Float64Array(2 * bins), real: new Float64Array(voxels), sum: new Float64Array(voxels),
    passBins: new Int32Array(0), passIndex: new Int32Array(0), passGain: new Float64Array(0), balls: new Map(),
  };
}

/** A cone-filtered half spectrum kept sparse: the bins it keeps and their coefficients. */
export interface DirectionalCone {
  /** Half-spectrum bin indices, ascending. */
  bins: Int32Array;
  /** Their coefficients, interleaved (re, im). */
  values: Float64Array;
}

/**
 * The hard cone filter of MonoDir (algorithms §3.6b step 4): the coefficients of the half spectrum
 * whose frequency vector is within `halfAngle` degrees of d or −d (|w·d| ≥ cos(halfAngle)·|w|);
 * everything else, and the DC bin, which has no direction, is zero. At 15° that is 3.4 % of the
 * bins, so the cone is kept as a list.
 */
export function coneFilter(
  spectrum: Float64Array, ws: DirectionalAmplitudeWorkspace, direction: readonly [number, number, number], halfAngle = 15,
): DirectionalCone {
  const cosMax = Math.cos((halfAngle * Math.PI) / 180);
  const [dx, dy, dz] = direction;
  const { ux, uy, uz, radius } = ws;
  const kept: number[] = [];
  for (let p = 0; p < radius.length; p++) {
    if (radius[p]! > 0 && Math.abs(ux[p]! * dx + uy[p]! * dy + uz[p]! * dz) >= cosMax - 1e-12) kept.push(p);
  }
  const bins = Int32Array.from(kept);
  const values = new Float64Array(2 * bins.length);
  for (let i = 0; i < bins.length; i++) {
    values[2 * i] = spectrum[2 * bins[i]!]!;
    values[2 * i + 1] = spectrum[2 * bins[i]! + 1]!;
  }
  return { bins, values };
}

/** Every bin but DC: the plain (non-cone) monogenic amplitude as a cone of 90°. */
export function allBins(spectrum: Float64Array, ws: DirectionalAmplitudeWorkspace): DirectionalCone {
  return coneFilter(spectrum, ws, [0, 0, 1], 90);
}

/**
 * Smoothed monogenic amplitude of a (cone-filtered) spectrum at digital frequency f (algorithms
 * §3.6b step 5): high-pass with a raised-cosine tail from fH to f (1 above f), a0 and the three
 * Riesz components −i(w_k/|w|)·F by inverse FFTs, A = √(a0² + Σ a_k²), the radial taper, then a
 * raised-cosine low-pass of A from f to fL. Six FFTs on the calling thread (numpy scaling); the
 * transforms skip the lines the cone and the low-pass leave empty (the result is the same bit for
 * bit). Writes A into `out` and returns it.
 */
export function directionalAmplitude(
  cone: DirectionalCone, ws: DirectionalAmplitudeWorkspace, f: number, fH: number, fL: number, out: Float32Array,
): Float32Array {
  const { dims, radius, spectrum, real, sum, taper } = ws;
  const { bins, values } = cone;
  const hpWidth = f - fH;
  // The high-passed cone: its bins, gains and the lines they lie on.
  if (ws.passBins.length < bins.length) {
    ws.passBins = new Int32Array(bins.length);
    ws.passIndex = new Int32Array(bins.length);
    ws.passGain = new Float64Array(bins.length);
  }
  const { passBins, passIndex, passGain } = ws;
  let count = 0;
  for (let i = 0; i < bins.length; i++) {
    const u = radius[bins[i]!]!;
    const g = u >= f ? 1 : u < fH || hpWidth <= 0 ? 0 : 0.5 * (1 + Math.cos((Math.PI * (u - f)) / hpWidth));
    if (g === 0 || (values[2 * i] === 0 && values[2 * i + 1] === 0)) continue;
    passBins[count] = bins[i]!;
    passIndex[count] = i;
    passGain[count++] = g;
  }
  const support = zLineSupportOfBins(dims, passBins.subarray(0, count));
  const rowStride = spectrum.length / (dims[1] * dims[2]);
  const rows = dims[1] * dims[2];
  spectrum.fill(0);
  const components = [null, ws.rx, ws.ry, ws.rz] as const;
  for (let c = 0; c < 4; c++) {
    const r = components[c];
    // The previous component's transform left values in the support's columns only.
    if (c > 0) for (let row = 0; row < rows; row++) spectrum.fill(0, row * rowStride + 2 * support.lo, row * rowStride + 2 * support.hi);
    for (let k = 0; k < count; k++) {
      const p = passBins[k]!;
      const i = passIndex[k]!;
      const re = values[2 * i]!, im = values[2 * i + 1]!;
      const g = passGain[k]!;
      if (r === null) {
        spectrum[2 * p] = g * re; spectrum[2 * p + 1] = g * im;
      } else {
        // −i·k·(re + i·im) = k·im − i·k·re
        const kr = g * r[p]!;
        spectrum[2 * p] = kr * im; spectrum[2 * p + 1] = -kr * re;
      }
    }
    irfft3dSync(spectrum, dims, { out: real, overwriteInput: true, support });
    if (c === 0) for (let i = 0; i < real.length; i++) sum[i] = real[i]! * real[i]!;
    else for (let i = 0; i < real.length; i++) sum[i]! += real[i]! * real[i]!;
  }
  for (let i = 0; i < sum.length; i++) sum[i] = Math.sqrt(sum[i]!) * taper[i]!;
  const ball = ballSupportOf(ws, fL);
  const amp = rfft3dSync(sum, dims, { out: spectrum, support: ball });
  const lpWidth = fL - f;
  for (let z = 0; z < dims[2]; z++) {
    for (let y = 0; y < dims[1]; y++) {
      const row = (z * dims[1] + y) * (rowStride / 2);
      for (let x = ball.ranges[2 * y]!; x < ball.ranges[2 * y + 1]!; x++) {
        const p = row + x;
        const u = radius[p]!;
        if (u <= f) continue;
        const g = u > fL || lpWidth <= 0 ? 0 : 0.5 * (1 + Math.cos((Math.PI * (u - f)) / lpWidth));
        amp[2 * p]! *= g;
        amp[2 * p + 1]! *= g;
      }
    }
  }
  irfft3dSync(amp, dims, { out: real, overwriteInput: true, support: ball });
  for (let i = 0; i < real.length; i++) out[i] = real[i]!;
  return out;
}

/** The lines of the amplitude low-pass (radius fL), cached per workspace. */
function ballSupportOf(ws: DirectionalAmplitudeWorkspace, fL: number): ZLineSupport {
  let support = ws.balls.get(fL);
  if (support === undefined) {
    support = ballZLineSupport(ws.dims, fL);
    ws.balls.set(fL, support);
  }
  return support;
}
