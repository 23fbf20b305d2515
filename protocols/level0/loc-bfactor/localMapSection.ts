// Pieces shared by the two LocSpiral-family sections (0.f LocBfactor, 0.g LocOccupancy): the
// statistics of a local map over the molecule, its table, histogram and coloured surface views.
import { unmeasuredPercent, type UnmeasuredVoxels } from '../../shared/localResolutionReport.js';
import {
  encodePng,
  formatPrintf,
  histogram,
  percentiles,
  renderIsosurfaceViews,
  UNMEASURED_COLOR,
  Volume,
  type SectionFigure,
  type SectionPlot,
  type SectionTable,
  type VoxelArray,
} from '../../../core/index.js';

/** The five percentiles every local map reports (report.json `percentiles`). */
export interface FivePercentiles {
  p2_5: number;
  p25: number;
  p50: number;
  p75: number;
  p97_5: number;
}

export interface MaskedValues {
  /** Finite values of the local map at the voxels with mask > 0.5. */
  values: Float64Array;
  /** Mask voxels whose value is NaN or infinite (left out of every statistic). */
  nonFinite: number;
}

/** The local map's values over the molecule (mask > 0.5), as the original reads them from the file. */
export function maskedValues(map: Float32Array, mask: VoxelArray): MaskedValues {
  let count = 0;
  let nonFinite = 0;
  for (let i = 0; i < mask.length; i++) {
    if (!(mask[i]! > 0.5)) continue;
    if (Number.isFinite(map[i]!)) count++;
    else nonFinite++;
  }
  const values = new Float64Array(count);
  for (let i = 0, j = 0; i < mask.length; i++) if (mask[i]! > 0.5 && Number.isFinite(map[i]!)) values[j++] = map[i]!;
  return { values, nonFinite };
}

export function fivePercentiles(values: ArrayLike<number>): FivePercentiles {
  const [p2_5, p25, p50, p75, p97_5] = percentiles(values, [2.5, 25, 50, 75, 97.5]) as [number, number, number, number, number];
  return { p2_5, p25, p50, p75, p97_5 };
}

/** The original's homogeneity guard (vrs-spec §4.8): |p2.5 − p97.5| < eps. */
export function looksHomogeneous(p: FivePercentiles, eps: number): boolean {
  return Math.abs(p.p2_5 - p.p97_5) < eps;
}

export function percentileTable(p: FivePercentiles, label: string, unit?: string): SectionTable {
  const rows: [string, number][] = [
    ['2.5%', p.p2_5],
    ['25%', p.p25],
    ['50%', p.p50],
    ['75%', p.p75],
    ['97.5%', p.p97_5],
  ];
  return {
    id: 'percentiles',
    caption: `Representative percentiles of the ${label.toLowerCase()} inside the mask.`,
    columns: [
      { key: 'percentile', label: 'Percentile' },
      { key: 'value', label, ...(unit ? { unit } : {}), format: '%5.2f' },
    ],
    rows: rows.map(([percentile, value]) => ({ percentile, value })),
  };
}

/** Histogram with the original's 25 equal bins over the data range. */
export function histogramPlot(values: ArrayLike<number>, caption: string, xLabel: string): SectionPlot {
  const { counts, edges } = histogram(values, 25);
  const centres = Array.from(counts, (_, k) => (edges[k]! + edges[k + 1]!) / 2);
  return {
    id: 'histogram',
    caption,
    kind: 'histogram',
    xLabel,
    yLabel: 'Voxels',
    series: [{ label: xLabel, x: centres, y: Array.from(counts), binEdges: Array.from(edges), style: 'bars' }],
  };
}

/** `%5.2f` as the report prints percentiles. */
export function fixed2(value: number): string {
  return formatPrintf(value, '%5.2f').trim();
}

export interface ColouredViews {
  figure: SectionFigure;
  files: Record<string, Uint8Array>;
}

/**
 * The surface of `surface` at `threshold` from the three standard views, coloured by `colour` (jet,
 * [p2.5, p97.5] of the local map inside the mask, as the original's ChimeraX views). Null when no
 * voxel reaches the threshold (nothing to draw).
 */
export function colouredViews(
  surface: Volume<VoxelArray>,
  threshold: number,
  colour: Volume<Float32Array>,
  range: [number, number],
  opts: { id: string; caption: string; label: string; unmeasured?: UnmeasuredVoxels },
): ColouredViews | null {
  const u = opts.unmeasured;
  const views = renderIsosurfaceViews(surface, {
    threshold,
    colorBy: { volume: colour, range, palette: 'jet', skipZeros: false, ...(u ? { unmeasured: u.marks } : {}) },
  });
  if (views.empty) return null;
  const files: Record<string, Uint8Array> = {};
  const panels = views.images.map((image, i) => {
    const file = `${opts.id}_view${i + 1}.png`;
    files[file] = encodePng(image);
    return { file, caption: `View ${i + 1} (${views.angles[i]!.join(', ')})`, width: image.width, height: image.height };
  });
  const shown = u !== undefined && (u.voxels > 0 || views.unmeasuredVertices > 0);
  const caption = shown ? `${opts.caption.replace(/\.$/, '')}; grey where nothing was measured (${u.voxels} of ${u.maskVoxels} mask voxels, ${unmeasuredPercent(u)}%).` : opts.caption;
  const colorBar = {
    min: range[0], max: range[1], label: opts.label, palette: 'jet',
    ...(shown ? { unmeasured: { color: UNMEASURED_COLOR, label: `Not measured (${unmeasuredPercent(u)}% of the mask)` } } : {}),
  };
  return { figure: { id: opts.id, caption, panels, colorBar }, files };
}

/** map × soft mask (the original's views show the soft-masked resized map); the map when there is no mask. */
export function softMasked(map: Volume<Float32Array>, softMask: Volume<Float32Array> | null): Volume<Float32Array> {
  if (softMask === null) return map;
  if (softMask.size !== map.size) throw new RangeError(`soft mask has ${softMask.size} voxels, the map ${map.size}`);
  const data = new Float32Array(map.size);
  for (let i = 0; i < data.length; i++) data[i] = map.data[i]! * softMask.data[i]!;
  return map.withData(data);
}
