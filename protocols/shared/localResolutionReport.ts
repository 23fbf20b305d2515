// The reporting every local-resolution section shares (0.e, 1.c, 1.e; vrs-spec §6.5, §7.3, §7.5):
// the criteria, the percentile table and texts, the histogram, the coloured surface views, the
// median as resolution estimate. Each section adds its own method, explanation, metrics and notes.
import {
  encodePng,
  formatPrintf,
  histogram,
  renderIsosurfaceViews,
  type LocalResolutionSummary,
  type SectionFigure,
  type SectionPlot,
  type SectionTable,
  type Volume,
  type VoxelArray,
} from '../../core/index.js';

export const HOMOGENEITY_EPS = 0.01;
/** Percent: the reported resolution must not be better than 99.9 % of the local resolutions. */
export const REPORTED_PERCENTILE_LIMIT = 0.1;

export const LOCAL_RESOLUTION_CRITERIA =
  `The validation is OK if the reported resolution is not better than ${100 - REPORTED_PERCENTILE_LIMIT}% of the local resolutions (its percentile is at least ${REPORTED_PERCENTILE_LIMIT}%) and the local-resolution map is not suspiciously homogeneous (2.5% and 97.5% percentiles closer than ${HOMOGENEITY_EPS} Å).`;

/** The fixed part of a local-resolution section: its id and titles, texts and criteria. */
export function localResolutionBase<S extends { id: string; title: string }>(
  section: S,
  texts: { summaryLabel: string; method: string; explanation: string; criteria?: string },
) {
  return {
    ...section,
    summaryLabel: texts.summaryLabel,
    method: texts.method,
    warnings: [] as string[],
    explanation: texts.explanation,
    criteria: texts.criteria ?? LOCAL_RESOLUTION_CRITERIA,
  };
}

/** The metrics every local-resolution section opens with: the distribution of the local resolutions. */
export function distributionMetrics(summary: LocalResolutionSummary) {
  const p = summary.percentiles;
  return {
    percentiles: p,
    reportedResolutionPercentile: summary.reportedResolutionPercentile,
    medianResolution: p.p50,
    minResolution: summary.min,
    maxResolution: summary.max,
    voxelsEvaluated: summary.voxels,
  };
}

export function fixed2(value: number): string {
  return formatPrintf(value, '%5.2f').trim();
}

export function percentileTable(summary: LocalResolutionSummary): SectionTable {
  const p = summary.percentiles;
  const rows: [string, number][] = [['2.5%', p.p2_5], ['25%', p.p25], ['50%', p.p50], ['75%', p.p75], ['97.5%', p.p97_5]];
  return {
    id: 'percentiles',
    caption: 'Percentiles of the local resolution inside the mask.',
    columns: [{ key: 'percentile', label: 'Percentile' }, { key: 'value', label: 'Local resolution', unit: 'Å', format: '%5.2f' }],
    rows: rows.map(([percentile, value]) => ({ percentile, value })),
  };
}

/** 25 equal bins over the data range (vrs-spec: figure histograms), with the reported resolution marked when there is one. */
export function histogramPlot(values: ArrayLike<number>, reported: number | undefined): SectionPlot {
  const { counts, edges } = histogram(values, 25);
  const centres = Array.from(counts, (_, k) => (edges[k]! + edges[k + 1]!) / 2);
  const plot: SectionPlot = {
    id: 'histogram',
    caption: reported === undefined
      ? 'Histogram of the local resolution inside the mask.'
      : 'Histogram of the local resolution inside the mask; the vertical line is the reported resolution.',
    kind: 'histogram',
    xLabel: 'Local resolution (Å)',
    yLabel: 'Voxels',
    series: [{ label: 'Local resolution', x: centres, y: Array.from(counts), binEdges: Array.from(edges), style: 'bars' }],
  };
  if (reported !== undefined) plot.vLines = [{ x: reported, label: `reported ${reported} Å` }];
  return plot;
}

export interface LocalResolutionViews {
  figure: SectionFigure;
  files: Record<string, Uint8Array>;
}

/**
 * The surface of `map` at the threshold from the three standard views, coloured by the local
 * resolution (jet, over `range`; voxels of value 0 carry no colour). `colouring` says which map
 * colours the surface, for the caption. Null when no voxel reaches the threshold.
 */
export function colouredViews(
  map: Volume<VoxelArray>, threshold: number, localResolution: Volume<Float32Array>, range: [number, number], colouring = 'the local resolution',
): LocalResolutionViews | null {
  const views = renderIsosurfaceViews(map, { threshold, colorBy: { volume: localResolution, range, palette: 'jet', skipZeros: true } });
  if (views.empty) return null;
  const files: Record<string, Uint8Array> = {};
  const panels = views.images.map((image, i) => {
    const file = `local_resolution_view${i + 1}.png`;
    files[file] = encodePng(image);
    return { file, caption: `View ${i + 1} (${views.angles[i]!.join(', ')})`, width: image.width, height: image.height };
  });
  return {
    figure: {
      id: 'local_resolution_views',
      caption: `Surface of the map at threshold ${threshold} coloured by ${colouring}, from the 2.5% (blue) to the 97.5% (red) percentile.`,
      panels,
      colorBar: { min: range[0], max: range[1], label: 'Local resolution (Å)', palette: 'jet' },
    },
    files,
  };
}

/** The local resolutions R the statistics run over: values > 0, within `mask` when given. */
export function localResolutionValues(resolution: ArrayLike<number>, mask?: ArrayLike<number>): Float64Array {
  const out: number[] = [];
  for (let i = 0; i < resolution.length; i++) if (resolution[i]! > 0 && (mask === undefined || mask[i] !== 0)) out.push(resolution[i]!);
  return Float64Array.from(out);
}

export interface LocalResolutionReport {
  status: 'ok' | 'warnings' | 'no-criteria';
  warnings: string[];
  results: string[];
  tables: SectionTable[];
  plots: SectionPlot[];
  figures: SectionFigure[];
  /** Why there are no views, when there are none. */
  notes: string[];
  resolutionEstimates: { method: string; value: number }[];
}

/**
 * The shared body of a local-resolution section from its summary (summarizeLocalResolution with
 * the reported resolution): the homogeneity and reported-percentile warnings, the percentile and
 * reported-percentile texts (the percentile printed with `percentileFormat`, '%4.1f' as in the
 * original), the table, the histogram of `values`, the views and the median as the estimate
 * named `estimateMethod`. Without a reported resolution the percentile criterion cannot be
 * evaluated (vrs-spec B24): status 'no-criteria' unless the homogeneity guard fires.
 */
export function localResolutionReport(opts: {
  resolution: number | undefined;
  summary: LocalResolutionSummary;
  values: ArrayLike<number>;
  views: LocalResolutionViews | null;
  threshold: number | undefined;
  estimateMethod: string;
  percentileFormat?: string;
}): LocalResolutionReport {
  const { resolution, summary, views } = opts;
  const p = summary.percentiles;
  const percentile = summary.reportedResolutionPercentile;
  if ((percentile === null) !== (resolution === undefined)) throw new RangeError('localResolutionReport: the summary must be of the same reported resolution');
  const printed = percentile === null ? '' : formatPrintf(percentile, opts.percentileFormat ?? '%4.1f').trim();
  const warnings: string[] = [];
  if (summary.homogeneous) {
    warnings.push(`The local-resolution map looks too homogeneous (its 2.5% and 97.5% percentiles differ by less than ${HOMOGENEITY_EPS} Å); the program may have had problems.`);
  }
  if (resolution !== undefined && percentile !== null && percentile < REPORTED_PERCENTILE_LIMIT) {
    warnings.push(`The reported resolution, ${fixed2(resolution)} Å, is particularly high with respect to the local-resolution distribution: it is at the percentile ${printed}.`);
  }
  const notes: string[] = [];
  if (views === null) {
    notes.push(opts.threshold === undefined ? 'No threshold was given: no surface views.' : `No voxel of the map reaches the threshold ${opts.threshold}: no surface views.`);
  }
  return {
    status: warnings.length > 0 ? 'warnings' : resolution === undefined ? 'no-criteria' : 'ok',
    warnings,
    results: [
      `The percentiles of the local resolution inside the mask (${summary.voxels} voxels) are 2.5%: ${fixed2(p.p2_5)}, 25%: ${fixed2(p.p25)}, 50%: ${fixed2(p.p50)}, 75%: ${fixed2(p.p75)}, 97.5%: ${fixed2(p.p97_5)} Å.`,
      resolution === undefined
        ? 'No reported resolution was given: its percentile among the local resolutions cannot be evaluated.'
        : `The reported resolution, ${fixed2(resolution)} Å, is at the percentile ${printed} of the local resolutions.`,
    ],
    tables: [percentileTable(summary)],
    plots: [histogramPlot(opts.values, resolution)],
    figures: views ? [views.figure] : [],
    notes,
    resolutionEstimates: [{ method: opts.estimateMethod, value: p.p50 }],
  };
}
