import { isSharedArray, sharedFloat64Array } from '../parallel/index.js';
import type { Vec3 } from '../volume/index.js';
import { checkDims, checkLength, normScale, partsFor, threadsFor, type Fft3dOptions } from './fft3dOptions.js';
import type { Fft3dStage, PassStage } from './fft3dStage.js';
import { runFft3dStagesSync, runFft3dStagesThreaded, splitStage } from './runFft3dStages.js';

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
  const dst = target !== undefined && isSharedArray(target) ? target : sharedFloat64Array(data.length);
  const inputShared = isSharedArray(data);
  const rowStride = 2 * dims[0];
  const phases = passes(inputShared ? data : dst, dst, dims, sign, scale, partsFor(threads) * (inputShared ? 1 : 2));
  const copyRows = (stage: Fft3dStage): void => {
    const { from, to } = stage as PassStage;
    const start = from * dims[1] * rowStride;
    const end = to * dims[1] * rowStride;
    dst.set(data.subarray(start, end), start);
  };
  await runFft3dStagesThreaded(phases, threads, inputShared ? undefined : copyRows);
  if (target !== undefined && target !== dst) {
    target.set(dst);
    return target;
  }
  return dst;
}

function complex3dSync(data: Float64Array, dims: Vec3, opts: Fft3dOptions, sign: -1 | 1): Float64Array {
  const { scale } = prepare(data, dims, opts, sign);
  const dst = opts.overwriteInput === true ? data : (opts.out ?? new Float64Array(data.length));
  runFft3dStagesSync(passes(data, dst, dims, sign, scale, 1));
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

/** x and y passes plane by plane (src → dst), then the z pass in dst. */
function passes(src: Float64Array, dst: Float64Array, dims: Vec3, sign: -1 | 1, scale: number, parts: number): PassStage[][] {
  const rowStride = 2 * dims[0];
  return [
    splitStage({ kind: 'c2c-planes', dims, sign, scale: 1, src, srcRowStride: rowStride, dst, dstRowStride: rowStride, rowLength: dims[0] }, dims[2], parts),
    splitStage({ kind: 'columns', dims, sign, scale, src: dst, srcRowStride: rowStride, dst, dstRowStride: rowStride, rowLength: dims[0] }, dims[1], parts),
  ];
}
