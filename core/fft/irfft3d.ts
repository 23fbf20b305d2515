import { isSharedArray, sharedFloat64Array } from '../parallel/index.js';
import type { Vec3 } from '../volume/index.js';
import { compactionPlan, compactRows } from './compactionPlan.js';
import { checkDims, checkLength, halfSpectrumDims, normScale, partsFor, threadsFor, type Fft3dOptions } from './fft3dOptions.js';
import type { Fft3dStage, PassStage } from './fft3dStage.js';
import { runFft3dStagesSync, runFft3dStagesThreaded, splitStage } from './runFft3dStages.js';
import { checkZLineSupport, type ZLineSupport } from './zLineSupport.js';

/**
 * 3D complex-to-real FFT, the inverse of rfft3d (numpy.fft.irfftn with s = [nz, ny, nx]). `dims` are
 * the dims of the real grid (nx odd or even cannot be told from the half spectrum). As numpy, the
 * imaginary parts a real grid cannot have (bins kx = 0 and, for even nx, kx = nx/2, after the y and
 * z transforms) are ignored.
 *
 * Memory: the spectrum is left untouched and one spectrum-sized array is allocated, in which the
 * transform runs and the result is packed (the returned array is a view on it, 0.5 % shorter than
 * its buffer). With `overwriteInput` the spectrum itself is used and the result shares its memory;
 * with `out` the result is written there.
 */
export async function irfft3d(spectrum: Float64Array, dims: Vec3, opts: Fft3dOptions = {}): Promise<Float64Array> {
  const { voxels, scale } = prepare(spectrum, dims, opts);
  const threads = threadsFor(opts, voxels);
  if (threads === 1) return irfft3dSync(spectrum, dims, opts);
  const [nx, ny, nz] = dims;
  const rowStride = spectrum.length / (ny * nz);
  const inputShared = isSharedArray(spectrum);
  const work = inputShared && opts.overwriteInput === true ? spectrum : sharedFloat64Array(spectrum.length);
  const out = opts.out !== undefined && isSharedArray(opts.out) ? opts.out : null;
  const parts = partsFor(threads);
  const phases: Fft3dStage[][] = passes(inputShared ? spectrum : work, work, out ?? work, out === null ? rowStride : nx, dims, scale, parts, opts.support);
  if (out === null) {
    const steps = compactionPlan(work, ny * nz, nx, rowStride, parts, sharedFloat64Array);
    if (steps !== null) phases.push(...steps);
  }
  // A private spectrum is copied into the shared workspace one row range at a time, while the
  // workers transform the ranges already copied.
  const copyRows = (stage: Fft3dStage): void => {
    const { from, to } = stage as PassStage;
    for (let z = 0; z < nz; z++) {
      const start = (z * ny + from) * rowStride;
      work.set(spectrum.subarray(start, start + (to - from) * rowStride), start);
    }
  };
  await runFft3dStagesThreaded(phases, threads, inputShared ? undefined : copyRows);
  if (out !== null) return out;
  if (phases.length === 2) compactRows(work, ny * nz, nx, rowStride);
  const result = new Float64Array(work.buffer, work.byteOffset, voxels);
  if (opts.out !== undefined) {
    opts.out.set(result);
    return opts.out;
  }
  return result;
}

/** irfft3d in the calling thread (same memory rules). */
export function irfft3dSync(spectrum: Float64Array, dims: Vec3, opts: Omit<Fft3dOptions, 'threads'> = {}): Float64Array {
  const { voxels, scale } = prepare(spectrum, dims, opts);
  const [nx, ny, nz] = dims;
  const rowStride = spectrum.length / (ny * nz);
  const work = opts.overwriteInput === true ? spectrum : new Float64Array(spectrum.length);
  const out = opts.out ?? null;
  runFft3dStagesSync(passes(spectrum, work, out ?? work, out === null ? rowStride : nx, dims, scale, 1, opts.support));
  if (out !== null) return out;
  compactRows(work, ny * nz, nx, rowStride);
  return new Float64Array(work.buffer, work.byteOffset, voxels);
}

function prepare(spectrum: Float64Array, dims: Vec3, opts: Fft3dOptions) {
  checkDims(dims);
  if (!(spectrum instanceof Float64Array)) throw new TypeError('irfft3d spectrum must be a Float64Array');
  const [hx, hy, hz] = halfSpectrumDims(dims);
  checkLength('irfft3d spectrum', spectrum, 2 * hx * hy * hz, dims);
  const voxels = dims[0] * dims[1] * dims[2];
  if (opts.out !== undefined) checkLength('irfft3d out', opts.out, voxels, dims);
  if (opts.support !== undefined) checkZLineSupport(opts.support, dims);
  return { voxels, scale: normScale(opts.norm, 1, voxels) };
}

/** z pass from the spectrum into the workspace, then y pass and c2r rows into dst. */
function passes(
  spectrum: Float64Array, work: Float64Array, dst: Float64Array, dstRowStride: number, dims: Vec3, scale: number, parts: number, support?: ZLineSupport,
): Fft3dStage[][] {
  const bins = Math.floor(dims[0] / 2) + 1;
  const rowStride = 2 * bins;
  const pruned = support === undefined ? {} : { support };
  return [
    splitStage({ kind: 'columns', dims, sign: 1, scale: 1, src: spectrum, srcRowStride: rowStride, dst: work, dstRowStride: rowStride, rowLength: bins, ...pruned }, dims[1], parts),
    splitStage({ kind: 'c2r-planes', dims, sign: 1, scale, src: work, srcRowStride: rowStride, dst, dstRowStride, rowLength: bins, ...pruned }, dims[2], parts),
  ];
}
