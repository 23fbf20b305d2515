import { irfft3dSync, rfft3dSync } from '../../fft/index.js';
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
  };
}

/**
 * The hard cone filter of MonoDir (algorithms §3.6b step 4): a copy of the half spectrum with
 * every coefficient whose frequency vector is more than `halfAngle` degrees from both d and −d set
 * to zero (|w·d| < cos(halfAngle)·|w|); the DC bin, which has no direction, is zeroed too (the
 * high-pass removes it anyway).
 */
export function coneFilter(
  spectrum: Float64Array, ws: DirectionalAmplitudeWorkspace, direction: readonly [number, number, number], halfAngle = 15,
  out: Float64Array = new Float64Array(spectrum.length),
): Float64Array {
  const cosMax = Math.cos((halfAngle * Math.PI) / 180);
  const [dx, dy, dz] = direction;
  const { ux, uy, uz, radius } = ws;
  for (let p = 0; p < radius.length; p++) {
    const c = Math.abs(ux[p]! * dx + uy[p]! * dy + uz[p]! * dz);
    const keep = radius[p]! > 0 && c >= cosMax - 1e-12;
    out[2 * p] = keep ? spectrum[2 * p]! : 0;
    out[2 * p + 1] = keep ? spectrum[2 * p + 1]! : 0;
  }
  return out;
}

/**
 * Smoothed monogenic amplitude of a (cone-filtered) spectrum at digital frequency f (algorithms
 * §3.6b step 5): high-pass with a raised-cosine tail from fH to f (1 above f), a0 and the three
 * Riesz components −i(w_k/|w|)·F by inverse FFTs, A = √(a0² + Σ a_k²), the radial taper, then a
 * raised-cosine low-pass of A from f to fL. Six FFTs, on the calling thread (numpy scaling).
 * Writes A into `out` and returns it.
 */
export function directionalAmplitude(
  cone: Float64Array, ws: DirectionalAmplitudeWorkspace, f: number, fH: number, fL: number, out: Float32Array,
): Float32Array {
  const { dims, radius, spectrum, real, sum, taper } = ws;
  const bins = radius.length;
  const hpWidth = f - fH;
  const gainOf = (u: number) => (u >= f ? 1 : u < fH || hpWidth <= 0 ? 0 : 0.5 * (1 + Math.cos((Math.PI * (u - f)) / hpWidth)));
  const components = [null, ws.rx, ws.ry, ws.rz] as const;
  for (let c = 0; c < 4; c++) {
    const r = components[c];
    for (let p = 0; p < bins; p++) {
      const re = cone[2 * p]!, im = cone[2 * p + 1]!;
      if (re === 0 && im === 0) {
        spectrum[2 * p] = 0; spectrum[2 * p + 1] = 0;
        continue;
      }
      const g = gainOf(radius[p]!);
      if (r === null) {
        spectrum[2 * p] = g * re; spectrum[2 * p + 1] = g * im;
      } else {
        // −i·k·(re + i·im) = k·im − i·k·re
        const k = g * r[p]!;
        spectrum[2 * p] = k * im; spectrum[2 * p + 1] = -k * re;
      }
    }
    irfft3dSync(spectrum, dims, { out: real, overwriteInput: true });
    if (c === 0) for (let i = 0; i < real.length; i++) sum[i] = real[i]! * real[i]!;
    else for (let i = 0; i < real.length; i++) sum[i]! += real[i]! * real[i]!;
  }
  for (let i = 0; i < sum.length; i++) sum[i] = Math.sqrt(sum[i]!) * taper[i]!;
  const amp = rfft3dSync(sum, dims, { out: spectrum });
  const lpWidth = fL - f;
  for (let p = 0; p < bins; p++) {
    const u = radius[p]!;
    if (u <= f) continue;
    const g = u > fL || lpWidth <= 0 ? 0 : 0.5 * (1 + Math.cos((Math.PI * (u - f)) / lpWidth));
    amp[2 * p]! *= g;
    amp[2 * p + 1]! *= g;
  }
  irfft3dSync(amp, dims, { out: real, overwriteInput: true });
  for (let i = 0; i < real.length; i++) out[i] = real[i]!;
  return out;
}
