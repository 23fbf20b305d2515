import type { Vec3 } from '../volume/index.js';
import { transformColumns, transformRows } from './batchedLines.js';
import { fftPlanFor } from './fftPlanFor.js';
import { realFftPlanFor } from './realFftPlanFor.js';

/**
 * One unit of a 3D transform, runnable in the main thread or a worker (all fields are
 * structured-cloneable; arrays on SharedArrayBuffer are shared, not copied).
 *
 * - 'r2c-planes': for z-planes [from, to): real rows of src (row stride srcRowStride) → half-spectrum
 *   rows of dst (x pass), then the y pass in dst.
 * - 'c2c-planes': the same with complex rows (x pass src → dst, y pass in dst).
 * - 'c2r-planes': y pass in src (a half spectrum, overwritten), then complex → real rows into dst
 *   (row stride nx), multiplied by scale.
 * - 'columns': the z pass for rows y in [from, to) of a complex array of `rowLength` complex
 *   numbers per row, src → dst (may be the same array), multiplied by scale.
 */
export interface Fft3dStage {
  kind: 'r2c-planes' | 'c2c-planes' | 'c2r-planes' | 'columns';
  dims: Vec3;
  from: number;
  to: number;
  sign: -1 | 1;
  scale: number;
  src: Float64Array | Float32Array;
  srcRowStride: number;
  dst: Float64Array;
  rowLength: number;
}

export function runFft3dStage(stage: Fft3dStage): void {
  const [nx, ny, nz] = stage.dims;
  const { from, to, sign, scale, src, dst, srcRowStride } = stage;
  switch (stage.kind) {
    case 'r2c-planes': {
      const real = realFftPlanFor(nx);
      const yPlan = fftPlanFor(ny);
      const rowStride = 2 * real.bins;
      for (let z = from; z < to; z++) {
        const plane = z * ny * rowStride;
        real.forwardRows(src, z * ny * srcRowStride, srcRowStride, dst, plane, rowStride, ny, 1);
        transformColumns(yPlan, dst, plane, dst, plane, rowStride, real.bins, sign, 1);
      }
      return;
    }
    case 'c2c-planes': {
      const xPlan = fftPlanFor(nx);
      const yPlan = fftPlanFor(ny);
      const rowStride = 2 * nx;
      const source = asFloat64(src);
      for (let z = from; z < to; z++) {
        const plane = z * ny * rowStride;
        transformRows(xPlan, source, z * ny * srcRowStride, srcRowStride, dst, plane, rowStride, ny, sign, 1);
        transformColumns(yPlan, dst, plane, dst, plane, rowStride, nx, sign, 1);
      }
      return;
    }
    case 'c2r-planes': {
      const real = realFftPlanFor(nx);
      const yPlan = fftPlanFor(ny);
      const source = asFloat64(src);
      for (let z = from; z < to; z++) {
        const plane = z * ny * srcRowStride;
        transformColumns(yPlan, source, plane, source, plane, srcRowStride, real.bins, sign, 1);
        real.inverseRows(source, plane, srcRowStride, dst, z * ny * nx, nx, ny, scale);
      }
      return;
    }
    case 'columns': {
      const zPlan = fftPlanFor(nz);
      const source = asFloat64(src);
      const rowStride = 2 * stage.rowLength;
      const planeStride = ny * rowStride;
      for (let y = from; y < to; y++) {
        transformColumns(zPlan, source, y * rowStride, dst, y * rowStride, planeStride, stage.rowLength, sign, scale);
      }
      return;
    }
  }
}

function asFloat64(a: Float64Array | Float32Array): Float64Array {
  if (!(a instanceof Float64Array)) throw new TypeError('complex FFT data must be a Float64Array');
  return a;
}
