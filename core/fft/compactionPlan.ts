import type { CompactStage } from './fft3dStage.js';

/**
 * Splits the in-place compaction of `rows` rows (stride rowStride → rowLength) into `parts` chunks
 * that can move at the same time. Row r moves from r·rowStride to r·rowLength; the first rows of a
 * chunk ("head", rows r < from·rowStride/rowLength) land on memory the previous chunk may not have
 * read yet, so they are saved to scratch first and written back last. Returns the three steps
 * (save, move, restore), or null when the heads would need more than an eighth of the data (tiny
 * rows), where a single sequential move is the better choice.
 */
export function compactionPlan(
  data: Float64Array, rows: number, rowLength: number, rowStride: number, parts: number,
  allocate: (length: number) => Float64Array,
): CompactStage[][] | null {
  const bounds: Array<{ from: number; to: number; headEnd: number; scratchOffset: number }> = [];
  let scratchLength = 0;
  for (let p = 0; p < parts; p++) {
    const from = Math.floor((p * rows) / parts);
    const to = Math.floor(((p + 1) * rows) / parts);
    if (to <= from) continue;
    const headEnd = Math.min(to, Math.ceil((from * rowStride) / rowLength));
    bounds.push({ from, to, headEnd, scratchOffset: scratchLength });
    scratchLength += (headEnd - from) * rowLength;
  }
  if (scratchLength > (rows * rowLength) / 8) return null;
  const scratch = allocate(Math.max(1, scratchLength));
  const step = (kind: CompactStage['kind']): CompactStage[] =>
    bounds.map((b) => ({ kind, data, rowLength, rowStride, scratch, ...b }));
  return [step('compact-save'), step('compact-move'), step('compact-restore')];
}

/** Sequential in-place compaction of rows (stride rowStride → rowLength). */
export function compactRows(data: Float64Array, rows: number, rowLength: number, rowStride: number): void {
  for (let r = 1; r < rows; r++) data.copyWithin(r * rowLength, r * rowStride, r * rowStride + rowLength);
}
