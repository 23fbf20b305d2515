import { defaultThreadCount } from '../parallel/index.js';
import type { Vec3 } from '../volume/index.js';
import type { ZLineSupport } from './zLineSupport.js';

/** Options of the 3D transforms (rfft3d, irfft3d, fft3d, ifft3d and their Sync variants). */
export interface Fft3dOptions {
  /** Worker threads; default VRS_THREADS or the CPU count. 1 computes in the calling thread. */
  threads?: number;
  /**
   * Scaling, as numpy: 'backward' (default) leaves the forward transform unscaled and divides the
   * inverse by N = nx·ny·nz; 'forward' divides the forward by N (Xmipp's convention); 'ortho'
   * divides both by √N.
   */
  norm?: 'backward' | 'forward' | 'ortho';
  /** Array to write the result to (its length must match); a new one is allocated otherwise. */
  out?: Float64Array;
  /**
   * Lets the transform use its input as workspace. fft3d/ifft3d then transform in place and return
   * the input array; irfft3d overwrites the spectrum it is given; rfft3d ignores it.
   */
  overwriteInput?: boolean;
  /**
   * rfft3d/irfft3d only: the z-lines of the half spectrum that can be non-zero (zLineSupport.ts).
   * irfft3d then takes its input to be zero outside them; rfft3d computes only them and writes 0
   * to every other bin.
   */
  support?: ZLineSupport;
}

/** Below this many voxels a threaded transform runs in the calling thread (messages cost more). */
export const MIN_PARALLEL_VOXELS = 1 << 15;

/** FFTW/Xmipp half-spectrum dims of a real grid: [floor(nx/2) + 1, ny, nz]. */
export function halfSpectrumDims(dims: Vec3): Vec3 {
  checkDims(dims);
  return [Math.floor(dims[0] / 2) + 1, dims[1], dims[2]];
}

export function checkDims(dims: Vec3): void {
  if (!Array.isArray(dims) || dims.length !== 3 || !dims.every((d) => Number.isInteger(d) && d >= 1)) {
    throw new RangeError(`FFT dims must be three positive integers [nx, ny, nz], got ${JSON.stringify(dims)}`);
  }
}

export function checkLength(what: string, array: { length: number }, expected: number, dims: Vec3): void {
  if (array.length !== expected) {
    throw new RangeError(`${what} has ${array.length} values, dims ${dims.join('×')} need ${expected}`);
  }
}

/** Factor applied by the forward (direction −1) or inverse (+1) transform of N points. */
export function normScale(norm: Fft3dOptions['norm'], direction: -1 | 1, count: number): number {
  switch (norm ?? 'backward') {
    case 'backward': return direction < 0 ? 1 : 1 / count;
    case 'forward': return direction < 0 ? 1 / count : 1;
    case 'ortho': return 1 / Math.sqrt(count);
    default: throw new RangeError(`FFT norm must be 'backward', 'forward' or 'ortho', got ${String(norm)}`);
  }
}

/** The thread count to use, or 1 when the grid is too small to be worth it. */
export function threadsFor(opts: Fft3dOptions, voxels: number): number {
  const threads = opts.threads ?? defaultThreadCount();
  if (!Number.isInteger(threads) || threads < 1) throw new RangeError(`FFT threads must be a positive integer, got ${threads}`);
  return voxels < MIN_PARALLEL_VOXELS ? 1 : threads;
}

/** Stages per phase for `threads` threads: a few per thread balance uneven progress. */
export function partsFor(threads: number): number {
  return 2 * threads;
}
