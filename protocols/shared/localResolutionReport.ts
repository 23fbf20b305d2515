// The reporting every local-resolution section shares (0.e, 1.c, 1.e; vrs-spec §6.5, §7.3, §7.5):
// the criteria, the percentile table and texts, the histogram, the coloured surface views, the
// median as resolution estimate. Each section adds its own method, explanation, metrics and notes.
import {
  encodePng,
  formatPrintf,
  histogram,
  renderIsosurfaceViews,
  UNMEASURED_COLOR,
  type LocalResolutionSummary,
  type ResolutionEstimate,
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

/**
 * The mask voxels a local map has no measurement for, marked on the local map's grid for the
 * coloured views (see renderIsosurfaceViews): 1 unmeasured, 0 measured. Voxels outside the mask
 * are marked 1 too — nothing was measured there, and a surface part there is density the mask
 * left out (another component), which the method's fill value must not colour — but only mask
 * voxels are counted.
 */
export interface UnmeasuredVoxels {
  marks: Float32Array;
  /** Mask voxels without a measurement. */
  voxels: number;
  /** Mask voxels in all. */
  maskVoxels: number;
}

/** Above this share of unmeasured mask voxels a section's estimate is unreliable (more than half). */
export const UNRELIABLE_UNMEASURED_SHARE = 0.5;

/**
 * The unmeasured voxels of a local map: voxels with mask ≥ 0.5 whose value `measured` rejects
 * (by default: not > 0, the mark of every local-resolution map here — MonoRes leaves 0 where a
 * voxel never passed a frequency or was moved to the noise, BlocRes where no box was measured).
 */
export function findUnmeasured(
  values: ArrayLike<number>, mask: ArrayLike<number>, measured: (value: number) => boolean = (v) => v > 0,
): UnmeasuredVoxels {
  if (values.length !== mask.length) throw new RangeError(`findUnmeasured: ${values.length} values for a mask of ${mask.length} voxels`);
  const marks = new Float32Array(values.length);
  let voxels = 0;
  let maskVoxels = 0;
  for (let i = 0; i < values.length; i++) {
    if (!(mask[i]! >= 0.5)) {
      marks[i] = 1;
      continue;
    }
    maskVoxels++;
    if (measured(values[i]!)) continue;
    marks[i] = 1;
    voxels++;
  }
  return { marks, voxels, maskVoxels };
}

/** Percent of the mask left unmeasured, one decimal. */
export function unmeasuredPercent(u: Pick<UnmeasuredVoxels, 'voxels' | 'maskVoxels'>): string {
  return u.maskVoxels > 0 ? ((100 * u.voxels) / u.maskVoxels).toFixed(1) : '0.0';
}

/** report.json metrics of the unmeasured voxels. */
export function unmeasuredMetrics(u: Pick<UnmeasuredVoxels, 'voxels' | 'maskVoxels'>) {
  return { unmeasuredVoxels: u.voxels, unmeasuredFraction: u.maskVoxels > 0 ? u.voxels / u.maskVoxels : 0 };
}

/** The sentence that states the unmeasured voxels and that the statistics leave them out. */
export function unmeasuredSentence(u: Pick<UnmeasuredVoxels, 'voxels' | 'maskVoxels'>, what: string): string {
  if (u.voxels === 0) return `Every one of the ${u.maskVoxels} mask voxels has a measured ${what}.`;
  return `${u.voxels} of the ${u.maskVoxels} mask voxels (${unmeasuredPercent(u)}%) have no measured ${what}: they are grey in the views and left out of the percentiles, the median and the histogram.`;
}

/**
 * The estimate, flagged unreliable when more than half of the mask is unmeasured: the summary's
 * resolution sentence then lists it apart instead of averaging it in.
 */
export function estimateWithCoverage(estimate: ResolutionEstimate, u: Pick<UnmeasuredVoxels, 'voxels' | 'maskVoxels'> | undefined): ResolutionEstimate {
  if (u === undefined || u.maskVoxels === 0 || u.voxels / u.maskVoxels <= UNRELIABLE_UNMEASURED_SHARE) return estimate;
  return { ...estimate, reliable: false, unreliableReason: `${unmeasuredPercent(u)}% of the mask voxels were not measured (more than half)` };
}

export function fixed2(value: number): string {
  return formatPrintf(value, '%5.2f').trim();
}

export function percentileTable(summary: LocalResolutionSummary, unmeasured?: Pick<UnmeasuredVoxels, 'voxels' | 'maskVoxels'>): SectionTable {
  const p = summary.percentiles;
  const rows: [string, number][] = [['2.5%', p.p2_5], ['25%', p.p25], ['50%', p.p50], ['75%', p.p75], ['97.5%', p.p97_5]];
  return {
    id: 'percentiles',
    caption: unmeasured && unmeasured.voxels > 0
      ? `Percentiles of the local resolution over the ${summary.voxels} measured voxels inside the mask (the ${unmeasuredPercent(unmeasured)}% unmeasured are left out).`
      : 'Percentiles of the local resolution inside the mask.',
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
  unmeasured?: UnmeasuredVoxels,
): LocalResolutionViews | null {
  const views = renderIsosurfaceViews(map, {
    threshold,
    colorBy: { volume: localResolution, range, palette: 'jet', skipZeros: true, ...(unmeasured ? { unmeasured: unmeasured.marks } : {}) },
  });
  if (views.empty) return null;
  const files: Record<string, Uint8Array> = {};
  const panels = views.images.map((image, i) => {
    const file = `local_resolution_view${i + 1}.png`;
    files[file] = encodePng(image);
    return { file, caption: `View ${i + 1} (${views.angles[i]!.join(', ')})`, width: image.width, height: image.height };
  });
  // The legend also shows when every mask voxel is measured but the surface reaches outside the mask.
  const shown = unmeasured !== undefined && (unmeasured.voxels > 0 || views.unmeasuredVertices > 0);
  return {
    figure: {
      id: 'local_resolution_views',
      caption: `Surface of the map at threshold ${threshold} coloured by ${colouring}, from the 2.5% (blue) to the 97.5% (red) percentile`
        + (shown ? `; grey where the local resolution was not measured (${unmeasured.voxels} of ${unmeasured.maskVoxels} mask voxels, ${unmeasuredPercent(unmeasured)}%, and density outside the mask).` : '.'),
      panels,
      colorBar: {
        min: range[0], max: range[1], label: 'Local resolution (Å)', palette: 'jet',
        ...(shown ? { unmeasured: { color: UNMEASURED_COLOR, label: `Not measured (${unmeasuredPercent(unmeasured)}% of the mask)` } } : {}),
      },
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
  /** The mask voxels without a measurement: stated, and the estimate flagged unreliable above half. */
  unmeasured?: Pick<UnmeasuredVoxels, 'voxels' | 'maskVoxels'>;
}): LocalResolutionReport {
  const u = opts.unmeasured;
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
  const over = u && u.voxels > 0 ? `over the ${summary.voxels} measured voxels inside the mask (unmeasured voxels left out)` : `inside the mask (${summary.voxels} voxels)`;
  const estimate = estimateWithCoverage({ method: opts.estimateMethod, value: p.p50 }, u);
  const results = [
    ...(u ? [unmeasuredSentence(u, 'local resolution')] : []),
    `The percentiles of the local resolution ${over} are 2.5%: ${fixed2(p.p2_5)}, 25%: ${fixed2(p.p25)}, 50%: ${fixed2(p.p50)}, 75%: ${fixed2(p.p75)}, 97.5%: ${fixed2(p.p97_5)} Å.`,
    resolution === undefined
      ? 'No reported resolution was given: its percentile among the local resolutions cannot be evaluated.'
      : `The reported resolution, ${fixed2(resolution)} Å, is at the percentile ${printed} of the ${u && u.voxels > 0 ? 'measured ' : ''}local resolutions.`,
  ];
  if (estimate.reliable === false) {
    results.push(`With more than half of the mask unmeasured, the median (${fixed2(p.p50)} Å) describes only part of the molecule: the summary lists it apart and leaves it out of the resolution comparison.`);
  }
  const plot = histogramPlot(opts.values, resolution);
  if (u && u.voxels > 0) plot.caption = plot.caption.replace('inside the mask', 'over the measured voxels inside the mask');
  return {
    status: warnings.length > 0 ? 'warnings' : resolution === undefined ? 'no-criteria' : 'ok',
    warnings,
    results,
    tables: [percentileTable(summary, u)],
    plots: [plot],
    figures: views ? [views.figure] : [],
    notes,
    resolutionEstimates: [estimate],
  };
}
