import { isSharedArray, sharedFloat64Array } from '../parallel/index.js';
import type { Vec3 } from '../volume/index.js';
import { checkDims, checkLength, halfSpectrumDims, normScale, partsFor, threadsFor, type Fft3dOptions } from './fft3dOptions.js';
import type { Fft3dStage, PassStage } from './fft3dStage.js';
import { runFft3dStagesSync, runFft3dStagesThreaded, splitStage } from './runFft3dStages.js';
import { checkZLineSupport, zeroOutsideSupport, type ZLineSupport } from './zLineSupport.js';

/**
 * 3D real-to-complex FFT of a [nz][ny][nx] grid (x fastest), as numpy.fft.rfftn or FFTW r2c.
 * Returns the half spectrum [nz][ny][floor(nx/2)+1] as interleaved complex float64: bin (kx, ky, kz)
 * is at 2·((kz·ny + ky)·(floor(nx/2)+1) + kx). The input is not modified. Runs on worker threads;
 * the result then lives in a SharedArrayBuffer.
 */
export async function rfft3d(real: Float32Array | Float64Array, dims: Vec3, opts: Fft3dOptions = {}): Promise<Float64Array> {
  const { voxels, length, scale } = prepare(real, dims, opts);
  const threads = threadsFor(opts, voxels);
  if (threads === 1) return rfft3dSync(real, dims, opts);
  const out = opts.out !== undefined && isSharedArray(opts.out) ? opts.out : sharedFloat64Array(length);
  const [nx, ny] = dims;
  const rowStride = length / (ny * dims[2]);
  const inputShared = isSharedArray(real);
  // Workers only see shared memory: a private input is copied, plane range by plane range, into
  // its own (longer) spectrum rows and transformed there in place, which needs no extra memory.
  const phases = passes(inputShared ? real : out, inputShared ? nx : rowStride, out, dims, scale, partsFor(threads) * (inputShared ? 1 : 2), opts.support);
  const copyRows = (stage: Fft3dStage): void => {
    const { from, to } = stage as PassStage;
    for (let row = from * ny; row < to * ny; row++) out.set(real.subarray(row * nx, row * nx + nx), row * rowStride);
  };
  await runFft3dStagesThreaded(phases, threads, inputShared ? undefined : copyRows);
  if (opts.support !== undefined) zeroOutsideSupport(out, dims, opts.support);
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
  runFft3dStagesSync(passes(real, dims[0], out, dims, scale, 1, opts.support));
  if (opts.support !== undefined) zeroOutsideSupport(out, dims, opts.support);
  return out;
}

function prepare(real: Float32Array | Float64Array, dims: Vec3, opts: Fft3dOptions) {
  checkDims(dims);
  const voxels = dims[0] * dims[1] * dims[2];
  checkLength('rfft3d input', real, voxels, dims);
  const [hx, hy, hz] = halfSpectrumDims(dims);
  const length = 2 * hx * hy * hz;
  if (opts.out !== undefined) checkLength('rfft3d out', opts.out, length, dims);
  if (opts.support !== undefined) checkZLineSupport(opts.support, dims);
  return { voxels, length, scale: normScale(opts.norm, -1, voxels) };
}

/** x and y passes plane by plane, then the z pass row range by row range. */
function passes(
  src: Float32Array | Float64Array, srcRowStride: number, out: Float64Array, dims: Vec3, scale: number, parts: number, support?: ZLineSupport,
): PassStage[][] {
  const bins = Math.floor(dims[0] / 2) + 1;
  const rowStride = 2 * bins;
  const pruned = support === undefined ? {} : { support };
  return [
    splitStage({ kind: 'r2c-planes', dims, sign: -1, scale: 1, src, srcRowStride, dst: out, dstRowStride: rowStride, rowLength: bins, ...pruned }, dims[2], parts),
    splitStage({ kind: 'columns', dims, sign: -1, scale, src: out, srcRowStride: rowStride, dst: out, dstRowStride: rowStride, rowLength: bins, ...pruned }, dims[1], parts),
  ];
}
