/**
 * The structured result of one report section. Check protocols produce it; the report protocol
 * renders it (JSON, HTML, PDF). A section carries data, never markup: every string is plain text
 * that the renderers escape.
 *
 * Status semantics follow the original service (vrs-spec §2.5):
 * - `ok`: automatic criteria evaluated, no warning (counts in the score, passing);
 * - `warnings`: criteria evaluated, one or more warnings (counts, not passing);
 * - `no-criteria`: ran, but the section has no automatic criteria (not counted);
 * - `not-applicable`: the check does not apply to this input (`reason` says why; not counted);
 * - `failed`: the check could not be measured (`reason` says why; not counted).
 */
export type SectionStatus = 'ok' | 'warnings' | 'not-applicable' | 'failed' | 'no-criteria';

export interface SectionResult {
  /** Stable id: "input", "0.a" … "0.h", "1.a", "A.a", or a plugin's own id. */
  id: string;
  /** Level the section belongs to: "input", "0", "1", "A", … */
  level: string;
  /** Human title, e.g. "Mass analysis". */
  title: string;
  /** Label of the summary-table row, e.g. "0.a Mass analysis". */
  summaryLabel?: string;
  /** The method actually used, named honestly, e.g. "MonoRes (single-map mode)". */
  method: string;
  status: SectionStatus;
  /** Why the section is not applicable or failed. */
  reason?: string;
  /** Warning sentences, in the order the criteria are checked. */
  warnings: string[];
  /** Machine-readable numbers; names are part of the report.json contract (see docs). */
  metrics: Record<string, unknown>;
  /** What the check measures and how to read it. */
  explanation?: string;
  /** The automatic criteria, as a sentence. */
  criteria?: string;
  /** Result paragraphs (plain text). */
  results?: string[];
  /** One-sentence verdict for the abstract ("Summarized overall quality"). */
  abstract?: string;
  /** Resolution estimates this section contributes to the abstract's resolution paragraph. */
  resolutionEstimates?: ResolutionEstimate[];
  tables?: SectionTable[];
  plots?: SectionPlot[];
  figures?: SectionFigure[];
  /** Notes about how inputs were normalised (header notes, resampling choices, …). */
  notes?: string[];
  /** The publications the section's method comes from, cited under the section (HTML and PDF). */
  references?: readonly MethodReference[];
}

/** A publication a method is cited by. `doi` is the bare DOI ("10.1016/…"), never a URL. */
export interface MethodReference {
  /** As printed, e.g. "Vilas JL, Gómez-Blanco J, Conesa P, et al." */
  authors: string;
  year: number;
  title?: string;
  /** Journal with volume and pages, e.g. "Structure 26:337–344". */
  journal?: string;
  doi?: string;
}

export interface ResolutionEstimate {
  method: string;
  /** Å */
  value: number;
  /**
   * False when the section could measure only part of what the estimate stands for (e.g. most
   * mask voxels of a local-resolution map unmeasured): the report still shows it, but the
   * summary's resolution sentence leaves it out of the range, the mean and the overestimation test.
   */
  reliable?: boolean;
  /** Why the estimate is unreliable (plain text, shown beside it in the summary). */
  unreliableReason?: string;
}

export interface SectionTable {
  id: string;
  caption: string;
  columns: { key: string; label: string; unit?: string; /** printf-like, e.g. "%5.2f" */ format?: string }[];
  rows: Record<string, number | string | null>[];
}

/** Data for a vector plot; renderers draw it (SVG in HTML, vector paths in PDF). */
export interface SectionPlot {
  id: string;
  caption: string;
  kind: 'line' | 'histogram' | 'scatter';
  xLabel: string;
  yLabel: string;
  xLog?: boolean;
  yLog?: boolean;
  series: PlotSeries[];
  /** Horizontal reference lines, e.g. FSC 0.143. */
  hLines?: { y: number; label?: string }[];
  /** Vertical reference lines, e.g. the reported resolution. */
  vLines?: { x: number; label?: string }[];
  /** Set in report.json only: the series as CSV, relative to report.json (data/<section>/<plot>.csv). */
  dataFile?: string;
}

export interface PlotSeries {
  label: string;
  x: number[];
  y: number[];
  /** For histograms: bin edges (length x.length + 1) may be given instead of centres. */
  binEdges?: number[];
  style?: 'line' | 'points' | 'dashed' | 'bars';
}

/**
 * A picture of the section. `file` is a PNG file name relative to the section's artifact folder
 * (the check writes its pictures next to its section.json); report.json names the copy beside it
 * (figures/<section>/<file>, relative to report.json's folder).
 */
export interface SectionFigure {
  id: string;
  caption: string;
  /** Pictures shown side by side as one figure, e.g. the X, Y and Z slices. */
  panels: { file: string; caption: string; width: number; height: number }[];
  /**
   * For coloured views: the colour bar (range and label), and the neutral colour (#rrggbb, not in
   * the palette) of the surface where the local map has no measurement, with its legend label.
   */
  colorBar?: { min: number; max: number; label: string; palette: string; unmeasured?: { color: string; label: string } };
}
