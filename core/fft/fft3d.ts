import type { Vec3 } from '../volume/index.js';
import { checkDims, checkLength, isShared, normScale, sharedFloat64, threadsFor, type Fft3dOptions } from './fft3dOptions.js';
import { runFft3dPhasesSync, runFft3dPhasesThreaded, type Fft3dPhase } from './runFft3dStages.js';

/**
 * 3D complex FFT (numpy.fft.fftn) of an interleaved complex [nz][ny][nx] grid (x fastest).
 * Returns a new array, or the input itself when `overwriteInput` is set. Runs on worker threads.
 */
export function fft3d(data: Float64Array, dims: Vec3, opts: Fft3dOptions = {}): Promise<Float64Array> {
  return complex3d(data, dims, opts, -1);
}

/** Inverse of fft3d (numpy.fft.ifftn): divides by N under the default norm. */
export function ifft3d(data: Float64Array, dims: Vec3, opts: Fft3dOptions = {}): Promise<Float64Array> {
  return complex3d(data, dims, opts, 1);
}

/** fft3d in the calling thread. */
export function fft3dSync(data: Float64Array, dims: Vec3, opts: Omit<Fft3dOptions, 'threads'> = {}): Float64Array {
  return complex3dSync(data, dims, opts, -1);
}

/** ifft3d in the calling thread. */
export function ifft3dSync(data: Float64Array, dims: Vec3, opts: Omit<Fft3dOptions, 'threads'> = {}): Float64Array {
  return complex3dSync(data, dims, opts, 1);
}

async function complex3d(data: Float64Array, dims: Vec3, opts: Fft3dOptions, sign: -1 | 1): Promise<Float64Array> {
  const { voxels, scale } = prepare(data, dims, opts, sign);
  const threads = threadsFor(opts, voxels);
  if (threads === 1) return complex3dSync(data, dims, opts, sign);
  const target = opts.overwriteInput === true ? data : opts.out;
  const dst = target !== undefined && isShared(target) ? target : sharedFloat64(data.length);
  let src = data;
  if (!isShared(data)) {
    if (dst !== data) dst.set(data);
    src = dst;
  }
  await runFft3dPhasesThreaded(phases(src, dst, dims, sign, scale), threads);
  if (target !== undefined && target !== dst) {
    target.set(dst);
    return target;
  }
  return dst;
}

function complex3dSync(data: Float64Array, dims: Vec3, opts: Fft3dOptions, sign: -1 | 1): Float64Array {
  const { scale } = prepare(data, dims, opts, sign);
  const dst = opts.overwriteInput === true ? data : (opts.out ?? new Float64Array(data.length));
  runFft3dPhasesSync(phases(data, dst, dims, sign, scale));
  return dst;
}

function prepare(data: Float64Array, dims: Vec3, opts: Fft3dOptions, sign: -1 | 1) {
  checkDims(dims);
  if (!(data instanceof Float64Array)) throw new TypeError('complex FFT data must be a Float64Array');
  const voxels = dims[0] * dims[1] * dims[2];
  checkLength('complex 3D FFT input', data, 2 * voxels, dims);
  if (opts.out !== undefined) checkLength('complex 3D FFT out', opts.out, 2 * voxels, dims);
  return { voxels, scale: normScale(opts.norm, sign, voxels) };
}

function phases(src: Float64Array, dst: Float64Array, dims: Vec3, sign: -1 | 1, scale: number): Fft3dPhase[] {
  const [nx] = dims;
  return [
    { kind: 'c2c-planes', dims, extent: dims[2], sign, scale: 1, src, srcRowStride: 2 * nx, dst, rowLength: nx },
    { kind: 'columns', dims, extent: dims[1], sign, scale, src: dst, srcRowStride: 2 * nx, dst, rowLength: nx },
  ];
}
