import type { FftPlan } from './FftPlan.js';
import { ROW_BATCH } from './RealFftPlan.js';
import { scratchBuffers } from './scratchBuffers.js';

/**
 * Columns transformed together in the y and z passes. A block of n lines × COLUMN_BLOCK complex
 * numbers (432 × 32 × 16 B = 221 kB, twice for ping-pong) stays in the L2 cache.
 */
export const COLUMN_BLOCK = 32;

/**
 * Transforms `count` complex columns: element j of column c is the complex number at
 * src[srcOffset + j·lineStride + 2c] (lineStride in doubles). Results (times `scale`) go to the same
 * positions in dst (which may be src). A block of columns at a time, so that the passes between the
 * first (reading the columns) and the last (writing them) run in cache with contiguous inner loops.
 */
export function transformColumns(
  plan: FftPlan, src: Float64Array, srcOffset: number, dst: Float64Array, dstOffset: number,
  lineStride: number, count: number, sign: -1 | 1, scale: number,
): void {
  const n = plan.n;
  const stride = lineStride / 2;
  for (let c0 = 0; c0 < count; c0 += COLUMN_BLOCK) {
    const width = Math.min(COLUMN_BLOCK, count - c0);
    const { a, b } = scratchBuffers(2 * n * width);
    plan.transformLines(src, srcOffset + 2 * c0, 1, stride, dst, dstOffset + 2 * c0, 1, stride, width, sign, scale, a, b);
  }
}

/**
 * Transforms `rows` contiguous complex rows of length plan.n: row r starts at
 * src[srcOffset + r·srcStride]; results (times `scale`) go to dst[dstOffset + r·dstStride…].
 * In place is allowed (same array and stride): each batch of rows is read before it is written.
 */
export function transformRows(
  plan: FftPlan, src: Float64Array, srcOffset: number, srcStride: number,
  dst: Float64Array, dstOffset: number, dstStride: number, rows: number, sign: -1 | 1, scale: number,
): void {
  for (let r0 = 0; r0 < rows; r0 += ROW_BATCH) {
    const batch = Math.min(ROW_BATCH, rows - r0);
    const { a, b } = scratchBuffers(2 * plan.n * batch);
    plan.transformLines(src, srcOffset + r0 * srcStride, srcStride / 2, 1, dst, dstOffset + r0 * dstStride, dstStride / 2, 1, batch, sign, scale, a, b);
  }
}
