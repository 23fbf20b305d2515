import { halfSpectrumDims, irfft3d, rfft3d } from '../fft/index.js';
import { type Vec3, Volume, type VoxelArray } from '../volume/index.js';

/**
 * Resamples a map to new dims by cropping or zero-padding its spectrum (trigonometric
 * interpolation: exact for band-limited periodic maps), per axis, so each axis may shrink or grow.
 * Amplitudes are preserved (values, not sums): the result is scaled by N'/N. Nyquist bins of even
 * sizes follow scipy.signal.resample: when shrinking, the new Nyquist bin receives both old bins
 * ±n'/2; when growing, the old Nyquist bin is split in halves between ±n/2. Sample 0 is the fixed
 * point of periodic resampling, so the origin is unchanged and the voxel size becomes Ts·n/n'.
 */
export async function fourierResize(volume: Volume<VoxelArray>, newDims: Vec3, opts: { threads?: number } = {}): Promise<Volume<Float32Array>> {
  if (!newDims.every((d) => Number.isInteger(d) && d >= 1)) throw new RangeError(`fourierResize dims must be positive integers, got ${newDims.join('×')}`);
  const dims = volume.dims;
  const fftOpts = opts.threads === undefined ? {} : { threads: opts.threads };
  const real = volume.data instanceof Float32Array || volume.data instanceof Float64Array ? volume.data : Float32Array.from(volume.data);
  const spectrum = await rfft3d(real, dims, fftOpts);
  const resized = resizeHalfSpectrum(spectrum, dims, newDims);
  const out = await irfft3d(resized, newDims, { ...fftOpts, overwriteInput: true });
  const gain = (newDims[0] * newDims[1] * newDims[2]) / (dims[0] * dims[1] * dims[2]);
  const data = new Float32Array(out.length);
  for (let i = 0; i < out.length; i++) data[i] = out[i]! * gain;
  const { voxelSize, origin } = volume.geometry;
  return new Volume(data, { dims: [...newDims], voxelSize: voxelSize.map((s, k) => (s * dims[k]!) / newDims[k]!) as Vec3, origin: [...origin] });
}

/** Per new bin of one axis: up to two (signed old frequency, weight) sources. */
interface AxisSources {
  f1: Int32Array;
  w1: Float64Array;
  f2: Int32Array;
  w2: Float64Array;
}

/**
 * Sources of each new bin along one axis (new length m, old n). `halfAxis`: the x axis of an r2c
 * spectrum, whose bins are 0..floor(m/2) only.
 */
function axisSources(n: number, m: number, halfAxis: boolean): AxisSources {
  const bins = halfAxis ? Math.floor(m / 2) + 1 : m;
  const f1 = new Int32Array(bins);
  const w1 = new Float64Array(bins);
  const f2 = new Int32Array(bins);
  const w2 = new Float64Array(bins);
  const common = Math.min(n, m);
  const nyq = common % 2 === 0 ? common / 2 : -1; // shared Nyquist frequency, if any
  for (let k = 0; k < bins; k++) {
    const f = k <= Math.floor(m / 2) ? k : k - m; // new signed frequency (even m: +m/2)
    if (m === n || Math.abs(f) < common / 2) {
      f1[k] = f;
      w1[k] = 1;
    } else if (nyq > 0 && Math.abs(f) === nyq) {
      if (m < n) {
        f1[k] = nyq;
        w1[k] = 1;
        f2[k] = -nyq;
        w2[k] = 1;
      } else {
        f1[k] = nyq;
        w1[k] = 0.5;
      }
    }
  }
  return { f1, w1, f2, w2 };
}

function resizeHalfSpectrum(src: Float64Array, dims: Vec3, newDims: Vec3): Float64Array {
  const [hx, ny, nz] = halfSpectrumDims(dims);
  const [mhx, my, mz] = halfSpectrumDims(newDims);
  const sx = axisSources(dims[0], newDims[0], true);
  const sy = axisSources(ny, my, false);
  const sz = axisSources(nz, mz, false);
  const out = new Float64Array(2 * mhx * my * mz);
  const fx = [0, 0];
  const wx = [0, 0];
  const fy = [0, 0];
  const wy = [0, 0];
  const fz = [0, 0];
  const wz = [0, 0];
  let p = 0;
  for (let kz = 0; kz < mz; kz++) {
    fz[0] = sz.f1[kz]!; wz[0] = sz.w1[kz]!; fz[1] = sz.f2[kz]!; wz[1] = sz.w2[kz]!;
    for (let ky = 0; ky < my; ky++) {
      fy[0] = sy.f1[ky]!; wy[0] = sy.w1[ky]!; fy[1] = sy.f2[ky]!; wy[1] = sy.w2[ky]!;
      for (let kx = 0; kx < mhx; kx++, p += 2) {
        fx[0] = sx.f1[kx]!; wx[0] = sx.w1[kx]!; fx[1] = sx.f2[kx]!; wx[1] = sx.w2[kx]!;
        let re = 0;
        let im = 0;
        for (let a = 0; a < 2; a++) {
          if (wz[a] === 0) continue;
          for (let b = 0; b < 2; b++) {
            if (wy[b] === 0) continue;
            for (let c = 0; c < 2; c++) {
              if (wx[c] === 0) continue;
              const w = wz[a]! * wy[b]! * wx[c]!;
              let X = fx[c]!;
              let Y = fy[b]!;
              let Z = fz[a]!;
              let sign = 1;
              if (X < 0) {
                // not stored: X(f) = conj X(−f)
                X = -X;
                Y = -Y;
                Z = -Z;
                sign = -1;
              }
              const q = 2 * (((((Z % nz) + nz) % nz) * ny + (((Y % ny) + ny) % ny)) * hx + X);
              re += w * src[q]!;
              im += sign * w * src[q + 1]!;
            }
          }
        }
        out[p] = re;
        out[p + 1] = im;
      }
    }
  }
  return out;
}
