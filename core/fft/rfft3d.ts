import type { Vec3 } from '../volume/index.js';
import { checkDims, checkLength, halfSpectrumDims, isShared, normScale, sharedFloat64, threadsFor, type Fft3dOptions } from './fft3dOptions.js';
import { runFft3dPhasesSync, runFft3dPhasesThreaded, type Fft3dPhase } from './runFft3dStages.js';

/**
 * 3D real-to-complex FFT of a [nz][ny][nx] grid (x fastest), as numpy.fft.rfftn or FFTW r2c.
 * Returns the half spectrum [nz][ny][floor(nx/2)+1] as interleaved complex float64: bin (kx, ky, kz)
 * is at 2·((kz·ny + ky)·(floor(nx/2)+1) + kx). The input is not modified. Runs on worker threads.
 */
export async function rfft3d(real: Float32Array | Float64Array, dims: Vec3, opts: Fft3dOptions = {}): Promise<Float64Array> {
  const { voxels, length, scale } = prepare(real, dims, opts);
  const threads = threadsFor(opts, voxels);
  if (threads === 1) return rfft3dSync(real, dims, opts);
  const out = opts.out !== undefined && isShared(opts.out) ? opts.out : sharedFloat64(length);
  const [nx, ny, nz] = dims;
  const rowStride = 2 * (Math.floor(nx / 2) + 1);
  let src: Float32Array | Float64Array = real;
  let srcRowStride = nx;
  if (!isShared(real)) {
    // Workers can only read shared memory: copy each real row into its (longer) spectrum row and
    // transform in place, which costs no extra memory.
    for (let row = 0; row < ny * nz; row++) out.set(real.subarray(row * nx, row * nx + nx), row * rowStride);
    src = out;
    srcRowStride = rowStride;
  }
  await runFft3dPhasesThreaded(phases(src, srcRowStride, out, dims, scale), threads);
  if (opts.out !== undefined && opts.out !== out) {
    opts.out.set(out);
    return opts.out;
  }
  return out;
}

/** rfft3d in the calling thread. */
export function rfft3dSync(real: Float32Array | Float64Array, dims: Vec3, opts: Omit<Fft3dOptions, 'threads'> = {}): Float64Array {
  const { length, scale } = prepare(real, dims, opts);
  const out = opts.out ?? new Float64Array(length);
  runFft3dPhasesSync(phases(real, dims[0], out, dims, scale));
  return out;
}

function prepare(real: Float32Array | Float64Array, dims: Vec3, opts: Fft3dOptions) {
  checkDims(dims);
  const voxels = dims[0] * dims[1] * dims[2];
  checkLength('rfft3d input', real, voxels, dims);
  const [hx, hy, hz] = halfSpectrumDims(dims);
  const length = 2 * hx * hy * hz;
  if (opts.out !== undefined) checkLength('rfft3d out', opts.out, length, dims);
  return { voxels, length, scale: normScale(opts.norm, -1, voxels) };
}

function phases(src: Float32Array | Float64Array, srcRowStride: number, out: Float64Array, dims: Vec3, scale: number): Fft3dPhase[] {
  const bins = Math.floor(dims[0] / 2) + 1;
  return [
    { kind: 'r2c-planes', dims, extent: dims[2], sign: -1, scale: 1, src, srcRowStride, dst: out, rowLength: bins },
    { kind: 'columns', dims, extent: dims[1], sign: -1, scale, src: out, srcRowStride: 2 * bins, dst: out, rowLength: bins },
  ];
}
