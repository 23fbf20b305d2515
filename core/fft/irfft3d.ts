import type { Vec3 } from '../volume/index.js';
import { checkDims, checkLength, halfSpectrumDims, isShared, normScale, sharedFloat64, threadsFor, type Fft3dOptions } from './fft3dOptions.js';
import { runFft3dPhasesSync, runFft3dPhasesThreaded, type Fft3dPhase } from './runFft3dStages.js';

/**
 * 3D complex-to-real FFT, the inverse of rfft3d (numpy.fft.irfftn with s = [nz, ny, nx]). `dims` are
 * the dims of the real grid (nx odd or even cannot be told from the half spectrum). The spectrum is
 * left untouched unless `overwriteInput` is set; without it the transform needs one spectrum-sized
 * workspace. As numpy, the imaginary parts that a real grid cannot have (bins kx = 0 and, for even
 * nx, kx = nx/2, after the y and z transforms) are ignored.
 */
export async function irfft3d(spectrum: Float64Array, dims: Vec3, opts: Fft3dOptions = {}): Promise<Float64Array> {
  const { voxels, scale } = prepare(spectrum, dims, opts);
  const threads = threadsFor(opts, voxels);
  if (threads === 1) return irfft3dSync(spectrum, dims, opts);
  let source = spectrum;
  let work: Float64Array;
  if (!isShared(spectrum)) {
    work = sharedFloat64(spectrum.length);
    work.set(spectrum);
    source = work;
  } else {
    work = opts.overwriteInput === true ? spectrum : sharedFloat64(spectrum.length);
  }
  const out = opts.out !== undefined && isShared(opts.out) ? opts.out : sharedFloat64(voxels);
  await runFft3dPhasesThreaded(phases(source, work, out, dims, scale), threads);
  if (opts.out !== undefined && opts.out !== out) {
    opts.out.set(out);
    return opts.out;
  }
  return out;
}

/** irfft3d in the calling thread. */
export function irfft3dSync(spectrum: Float64Array, dims: Vec3, opts: Omit<Fft3dOptions, 'threads'> = {}): Float64Array {
  const { voxels, scale } = prepare(spectrum, dims, opts);
  const work = opts.overwriteInput === true ? spectrum : new Float64Array(spectrum.length);
  const out = opts.out ?? new Float64Array(voxels);
  runFft3dPhasesSync(phases(spectrum, work, out, dims, scale));
  return out;
}

function prepare(spectrum: Float64Array, dims: Vec3, opts: Fft3dOptions) {
  checkDims(dims);
  if (!(spectrum instanceof Float64Array)) throw new TypeError('irfft3d spectrum must be a Float64Array');
  const [hx, hy, hz] = halfSpectrumDims(dims);
  checkLength('irfft3d spectrum', spectrum, 2 * hx * hy * hz, dims);
  const voxels = dims[0] * dims[1] * dims[2];
  if (opts.out !== undefined) checkLength('irfft3d out', opts.out, voxels, dims);
  return { voxels, scale: normScale(opts.norm, 1, voxels) };
}

/** z pass from the spectrum into the workspace, then y pass and c2r rows into the output. */
function phases(spectrum: Float64Array, work: Float64Array, out: Float64Array, dims: Vec3, scale: number): Fft3dPhase[] {
  const bins = Math.floor(dims[0] / 2) + 1;
  return [
    { kind: 'columns', dims, extent: dims[1], sign: 1, scale: 1, src: spectrum, srcRowStride: 2 * bins, dst: work, rowLength: bins },
    { kind: 'c2r-planes', dims, extent: dims[2], sign: 1, scale, src: work, srcRowStride: 2 * bins, dst: out, rowLength: bins },
  ];
}
