import type { SectionResult, SectionStatus } from './SectionResult.js';

/** Version of the report.json layout; bump when a field changes meaning or becomes required. */
export const REPORT_SCHEMA_VERSION = 1;

/** Levels in the order reports list them (vrs-spec §2.2): 0–5, then the qualifiers A, W, O. */
export const CANONICAL_LEVELS = ['0', '1', '2', '3', '4', '5', 'A', 'W', 'O'] as const;

/**
 * report.json: the machine-readable report and the single source the HTML and PDF are rendered
 * from. The JSON Schema is core/report/schema/report.schema.json (validateReport checks it).
 */
export interface ReportJson {
  schemaVersion: typeof REPORT_SCHEMA_VERSION;
  /** Program that wrote the report ("cryo-vrs"). */
  tool: string;
  version: string;
  /** ISO 8601 UTC time the report was built. */
  generatedAt: string;
  /** "public": built from archive (EMDB) data; "user": from files the user gave. */
  mode: 'public' | 'user';
  /**
   * The mode the checks ran in: 'corrected' (the original's evident bugs fixed, docs/differences.md)
   * or 'original'. The report protocol always sets it (withCompatibility); absent only in reports
   * built by buildReport alone.
   */
  compatibility?: 'corrected' | 'original';
  /** The run's inputs and parameters as the workflow received them (paths, threshold, …). */
  inputs: Record<string, unknown>;
  /** Front-matter facts about the entry. */
  entry: ReportEntry;
  /** Levels validated, canonical order. */
  levels: string[];
  /** vrs-spec §4.6: evaluable = sections whose criteria were evaluated; passed = those without warnings. */
  score: { passed: number; evaluable: number };
  summary: ReportSummary;
  /** Chapters in reading order, with their section ids. */
  outline: ReportChapter[];
  /** Every section, in reading order. */
  sections: ReportSection[];
  /** Files the workflow published beside report.json (maps of the checks), in workflow order. */
  publishedFiles?: PublishedFile[];
  /** The context page: every validation level, what it needs, whether this report ran it. */
  context?: ReportContext;
}

/** A file the workflow's `publish` entries put into the run folder, beside report.json. */
export interface PublishedFile {
  /** Path relative to report.json, e.g. "local_resolution.mrc". */
  file: string;
  /** The workflow step that made it, and its output. */
  step: string;
  output: string;
  /** The section that step wrote, when it wrote one: the HTML links the file from there. */
  sectionId?: string;
}

/** The context page (vrs-spec §4.3): the grading scale, shown before the levels' chapters. */
export interface ReportContext {
  /** What the levels are, one paragraph. */
  introduction: string;
  /** One row per level, canonical order (0–5, then A, W, O). */
  levels: ReportContextLevel[];
  /** The paper describing the grading, cited on the page. */
  reference: { authors: string; year: number; title: string; doi: string };
}

export interface ReportContextLevel {
  level: string;
  /** "The deposited map", "Two half maps", … */
  name: string;
  /** The evidence (inputs) the level needs. */
  evidence: string;
  /** Whether this report validated the level. */
  ran: boolean;
}

export interface ReportEntry {
  /** Entry or job title, as typed (never escaped or shortened). */
  title?: string;
  /** Base name of the map file. */
  mapFile: string;
  /** SHA-256 (hex) of the map file bytes as used. */
  sha256?: string;
  /** Å per voxel along x, y, z. */
  voxelSize?: [number, number, number];
  /** Grid size [nx, ny, nz]. */
  dims?: [number, number, number];
  threshold?: number;
  /** Reported resolution in Å; null when not reported. */
  resolution: number | null;
  emdbId?: string;
  pdbId?: string;
  authors?: string[];
  /** Deposition date as the archive gives it. */
  depositionDate?: string;
  /** PDB ids of the atomic models fitted to the map, as the archive lists them (EMDB header). */
  fittedModels?: string[];
  /** Applied symmetry (point group such as "C7", or a helical description), as the archive gives it. */
  symmetry?: string;
  /** How the authors measured the reported resolution, e.g. "FSC 0.143 CUT-OFF". */
  resolutionMethod?: string;
  /** Molecular weight of the sample in kDa (EMDB header, converted from its unit). */
  expectedMassKDa?: number;
  atomicModelFile?: string;
  halfMapFiles?: string[];
  jobName?: string;
  jobDescription?: string;
}

export interface ReportSummary {
  /** One verdict per section that gave one, in reading order. */
  abstract: AbstractSentence[];
  /** The resolution paragraph (vrs-spec §4.4, §4.7); null when no section estimated a resolution. */
  resolution: ResolutionSummary | null;
  /** "The overall score (passing tests) of this report is N out of M evaluable items." */
  scoreSentence: string;
  /** One row per evaluated section (input-data chapters have none). */
  rows: SummaryRow[];
  /** Sections with warnings, and their warnings. Empty: "No warnings." */
  warnings: WarningGroup[];
  /** Report-wide notices shown prominently (e.g. no resolution given). */
  alerts: string[];
}

export interface AbstractSentence {
  sectionId: string;
  /** The sentence as the section wrote it. */
  text: string;
  /** Set when the sentence points at a problem: renderers add "(see Sec. N)". */
  sectionNumber?: string;
  /** The sentence as printed, reference included. */
  sentence: string;
}

export interface ResolutionSummary {
  /** The reliable estimates: the ones min, max, mean and the overestimation test use. */
  estimates: { sectionId: string; method: string; value: number }[];
  /** Estimates their sections flagged unreliable (ResolutionEstimate.reliable false), listed apart. */
  unreliable: { sectionId: string; method: string; value: number; reason: string }[];
  /** Of the reliable estimates; null when there is none. */
  min: number | null;
  max: number | null;
  mean: number | null;
  /** Reported resolution (Å), null when not reported. */
  reported: number | null;
  /** Reported resolution below 80 % of the mean of the reliable estimates. */
  mayBeOverestimated: boolean;
  sentences: string[];
}

export interface SummaryRow {
  sectionId: string;
  label: string;
  sectionNumber: string;
  status: SectionStatus;
  /** "OK", "2 warnings", "Does not apply", "Could not be measured", "No automatic criteria". */
  statusText: string;
}

export interface WarningGroup {
  sectionId: string;
  sectionNumber: string;
  label: string;
  warnings: string[];
}

export interface ReportChapter {
  /** "1", "2", … */
  number: string;
  title: string;
  /** The validation level of a level chapter; absent for stand-alone chapters (input data, …). */
  level?: string;
  sectionIds: string[];
}

/** A section as stored in report.json: the check's SectionResult plus its place in the report. */
export interface ReportSection extends SectionResult {
  /** "1" for a stand-alone chapter, "2.3" for the third section of the second chapter. */
  number: string;
}
