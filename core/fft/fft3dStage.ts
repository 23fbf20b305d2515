import type { Vec3 } from '../volume/index.js';
import { transformColumns, transformRows } from './batchedLines.js';
import { fftPlanFor } from './fftPlanFor.js';
import { realFftPlanFor } from './realFftPlanFor.js';
import type { ZLineSupport } from './zLineSupport.js';

/**
 * One unit of a 3D transform, run in the main thread or in a worker (all fields are
 * structured-cloneable; arrays on SharedArrayBuffers are shared, not copied).
 */
export type Fft3dStage = PassStage | CompactStage;

/**
 * Passes over the z-planes [from, to) or, for 'columns', over the rows y in [from, to):
 * - 'r2c-planes': real rows of src (stride srcRowStride) → half-spectrum rows of dst (stride
 *   dstRowStride) along x, then the y pass in dst. src may be dst with the same stride (in place).
 * - 'c2c-planes': the same for complex rows.
 * - 'c2r-planes': the y pass in src (a half spectrum, overwritten), then complex → real rows
 *   (times scale) into dst, which may be src itself with dstRowStride = srcRowStride.
 * - 'columns': the z pass of a complex array with `rowLength` complex numbers per row, src → dst
 *   (may be the same array), times scale.
 */
export interface PassStage {
  kind: 'r2c-planes' | 'c2c-planes' | 'c2r-planes' | 'columns';
  dims: Vec3;
  from: number;
  to: number;
  sign: -1 | 1;
  scale: number;
  src: Float64Array | Float32Array;
  srcRowStride: number;
  dst: Float64Array;
  dstRowStride: number;
  rowLength: number;
  /**
   * Lines that can be non-zero (zLineSupport.ts): the z pass ('columns') transforms only each
   * row's range, the y passes only the union's columns; the rest is left as it is.
   */
  support?: ZLineSupport;
}

/**
 * Compaction of rows stored with stride rowStride to stride rowLength, in place, for the rows
 * [from, to) of one chunk (see compactionPlan): 'compact-save' copies the chunk's head rows
 * [from, headEnd) to scratch, 'compact-move' moves rows [headEnd, to), 'compact-restore' writes
 * the saved head rows to their places. Each step must finish in every chunk before the next.
 */
export interface CompactStage {
  kind: 'compact-save' | 'compact-move' | 'compact-restore';
  data: Float64Array;
  rowLength: number;
  rowStride: number;
  from: number;
  to: number;
  headEnd: number;
  scratch: Float64Array;
  scratchOffset: number;
}

export function runFft3dStage(stage: Fft3dStage): void {
  switch (stage.kind) {
    case 'compact-save':
    case 'compact-move':
    case 'compact-restore':
      return runCompactStage(stage);
    default:
      return runPassStage(stage);
  }
}

function runPassStage(stage: PassStage): void {
  const [nx, ny, nz] = stage.dims;
  const { from, to, sign, scale, src, dst, srcRowStride, dstRowStride, support } = stage;
  // y-pass columns: the union of the support's ranges, or every bin.
  const columnLo = support?.lo ?? 0;
  switch (stage.kind) {
    case 'r2c-planes': {
      const real = realFftPlanFor(nx);
      const yPlan = fftPlanFor(ny);
      for (let z = from; z < to; z++) {
        const plane = z * ny * dstRowStride;
        real.forwardRows(src, z * ny * srcRowStride, srcRowStride, dst, plane, dstRowStride, ny, 1);
        const columns = (support?.hi ?? real.bins) - columnLo;
        if (columns > 0) transformColumns(yPlan, dst, plane + 2 * columnLo, dst, plane + 2 * columnLo, dstRowStride, columns, sign, 1);
      }
      return;
    }
    case 'c2c-planes': {
      const xPlan = fftPlanFor(nx);
      const yPlan = fftPlanFor(ny);
      const source = asFloat64(src);
      for (let z = from; z < to; z++) {
        const plane = z * ny * dstRowStride;
        transformRows(xPlan, source, z * ny * srcRowStride, srcRowStride, dst, plane, dstRowStride, ny, sign, 1);
        transformColumns(yPlan, dst, plane, dst, plane, dstRowStride, nx, sign, 1);
      }
      return;
    }
    case 'c2r-planes': {
      const real = realFftPlanFor(nx);
      const yPlan = fftPlanFor(ny);
      const source = asFloat64(src);
      for (let z = from; z < to; z++) {
        const plane = z * ny * srcRowStride;
        const columns = (support?.hi ?? real.bins) - columnLo;
        if (columns > 0) transformColumns(yPlan, source, plane + 2 * columnLo, source, plane + 2 * columnLo, srcRowStride, columns, sign, 1);
        real.inverseRows(source, plane, srcRowStride, dst, z * ny * dstRowStride, dstRowStride, ny, scale);
      }
      return;
    }
    case 'columns': {
      const zPlan = fftPlanFor(nz);
      const source = asFloat64(src);
      const planeStride = ny * srcRowStride;
      for (let y = from; y < to; y++) {
        const lo = support === undefined ? 0 : support.ranges[2 * y]!;
        const hi = support === undefined ? stage.rowLength : support.ranges[2 * y + 1]!;
        if (hi > lo) transformColumns(zPlan, source, y * srcRowStride + 2 * lo, dst, y * srcRowStride + 2 * lo, planeStride, hi - lo, sign, scale);
      }
      return;
    }
  }
}

function runCompactStage(stage: CompactStage): void {
  const { data, rowLength, rowStride, from, to, headEnd, scratch, scratchOffset } = stage;
  switch (stage.kind) {
    case 'compact-save':
      for (let r = from; r < headEnd; r++) {
        scratch.set(data.subarray(r * rowStride, r * rowStride + rowLength), scratchOffset + (r - from) * rowLength);
      }
      return;
    case 'compact-move':
      // Moving rows forward in increasing order never overwrites a row not yet moved.
      for (let r = headEnd; r < to; r++) data.copyWithin(r * rowLength, r * rowStride, r * rowStride + rowLength);
      return;
    case 'compact-restore':
      data.set(scratch.subarray(scratchOffset, scratchOffset + (headEnd - from) * rowLength), from * rowLength);
      return;
  }
}

function asFloat64(a: Float64Array | Float32Array): Float64Array {
  if (!(a instanceof Float64Array)) throw new TypeError('complex FFT data must be a Float64Array');
  return a;
}
