import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { VrsInputError } from '../errors/index.js';
import type { AssetReader } from './AssetReader.js';
import type { ReportJson } from './ReportJson.js';
import type { SectionPlot } from './SectionResult.js';

/** Folder beside report.json holding every figure file, one sub-folder per section. */
export const FIGURES_FOLDER = 'figures';
/** Folder beside report.json holding every plot's series as CSV, one sub-folder per section. */
export const DATA_FOLDER = 'data';

/** A figure file as the report names it (`target`, relative to report.json) and where it comes from. */
export interface PlacedFigure {
  sectionId: string;
  /** The name in the section's own folder. */
  source: string;
  /** Path relative to report.json, e.g. "figures/0.a/slices-z.png". */
  target: string;
}

/** A plot's series as CSV, to be written at `target` (relative to report.json). */
export interface PlacedPlotData {
  sectionId: string;
  plotId: string;
  target: string;
  csv: string;
}

/**
 * A plain, portable folder or file name for a section or plot id, different for different ids: every
 * character outside [A-Za-z0-9._-] (and "~" itself) becomes "~" and two hex digits per UTF-8 byte,
 * and so does a leading "." (no hidden files, no "." or ".."). "0.a" stays "0.a".
 */
export function plainName(id: string): string {
  let out = '';
  for (const byte of new TextEncoder().encode(id)) {
    const c = String.fromCharCode(byte);
    const keep = /[A-Za-z0-9_-]/.test(c) || (c === '.' && out !== '');
    out += keep ? c : `~${byte.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return out === '' ? '~' : out;
}

/** Where a section's figure file goes, relative to report.json. */
export function figureTarget(sectionId: string, file: string): string {
  return `${FIGURES_FOLDER}/${plainName(sectionId)}/${file}`;
}

/** Where a plot's CSV goes, relative to report.json. */
export function plotDataTarget(sectionId: string, plotId: string): string {
  return `${DATA_FOLDER}/${plainName(sectionId)}/${plainName(plotId)}.csv`;
}

/**
 * The report as written beside its files: every figure panel's `file` and every plot's `dataFile`
 * name a path relative to report.json (figures/<section>/<file>, data/<section>/<plot>.csv), with
 * the list of figure files to copy and the CSV texts to write. The input report names its figures
 * relative to each section's folder, as the checks wrote them. Sub-folders per section keep equal
 * file names of two sections apart.
 */
export function placeReportFiles(report: ReportJson): { report: ReportJson; figures: PlacedFigure[]; plotData: PlacedPlotData[] } {
  const figures: PlacedFigure[] = [];
  const plotData: PlacedPlotData[] = [];
  const seenFigures = new Set<string>();
  const seenData = new Set<string>();
  const sections = report.sections.map((s) => {
    const placedFigures = s.figures?.map((f) => ({
      ...f,
      panels: f.panels.map((p) => {
        const target = figureTarget(s.id, p.file);
        if (!seenFigures.has(target)) {
          seenFigures.add(target);
          figures.push({ sectionId: s.id, source: p.file, target });
        }
        return { ...p, file: target };
      }),
    }));
    const placedPlots = s.plots?.map((p) => {
      const target = plotDataTarget(s.id, p.id);
      // Two plots of one section with the same id would overwrite each other's data: number them.
      let unique = target;
      for (let n = 2; seenData.has(unique); n++) unique = target.replace(/\.csv$/, `-${n}.csv`);
      seenData.add(unique);
      plotData.push({ sectionId: s.id, plotId: p.id, target: unique, csv: plotCsv(p) });
      return { ...p, dataFile: unique };
    });
    return { ...s, ...(placedFigures ? { figures: placedFigures } : {}), ...(placedPlots ? { plots: placedPlots } : {}) };
  });
  return { report: { ...report, sections }, figures, plotData };
}

/**
 * A plot's series as CSV (RFC 4180): a header "series,<x label>,<y label>", then one row per point
 * of every series in order. Numbers are written in JavaScript's shortest round-trip form, so the
 * file reads back to the exact values; a missing value (null) is an empty cell. Histograms given
 * as bin edges get two more columns, the bin's lower and upper edge.
 */
export function plotCsv(plot: SectionPlot): string {
  const withEdges = plot.series.some((s) => s.binEdges !== undefined);
  const header = ['series', plot.xLabel || 'x', plot.yLabel || 'y', ...(withEdges ? ['bin start', 'bin end'] : [])];
  const lines = [header.map(csvCell).join(',')];
  for (const s of plot.series) {
    const n = Math.max(s.x.length, s.y.length);
    for (let i = 0; i < n; i++) {
      const row = [csvCell(s.label), csvNumber(s.x[i]), csvNumber(s.y[i])];
      if (withEdges) row.push(csvNumber(s.binEdges?.[i]), csvNumber(s.binEdges?.[i + 1]));
      lines.push(row.join(','));
    }
  }
  return `${lines.join('\r\n')}\r\n`;
}

function csvNumber(value: number | null | undefined): string {
  return typeof value === 'number' && Number.isFinite(value) ? String(value) : '';
}

function csvCell(text: string): string {
  return /[",\r\n]/.test(text) || /^\s|\s$/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/**
 * Reads the figures of a placed report (names relative to report.json) through the reader of the
 * section folders they come from.
 */
export function placedAssetReader(sectionFolders: AssetReader, figures: readonly PlacedFigure[]): AssetReader {
  const byTarget = new Map(figures.map((f) => [`${f.sectionId}\0${f.target}`, f]));
  return {
    async read(sectionId, file) {
      const placed = byTarget.get(`${sectionId}\0${file}`);
      if (!placed) throw new VrsInputError('figure file is not among the report files', `${sectionId}/${file}`, 'figures.panels.file');
      return sectionFolders.read(sectionId, placed.source);
    },
  };
}

/**
 * Reads the figures of a written report from the folder of its report.json (names relative to it),
 * e.g. to render report.json again. A name must stay inside the folder.
 */
export function reportFolderAssetReader(dir: string): AssetReader {
  const root = path.resolve(dir);
  return {
    async read(sectionId, file) {
      const full = path.resolve(root, file);
      if (path.isAbsolute(file) || !full.startsWith(`${root}${path.sep}`) || file.split(/[/\\]/).some((part) => part === '..' || part === '.' || part === '')) {
        throw new VrsInputError(`figure file name "${file}" must be a path inside the report's folder`, `section ${sectionId}`, 'figures.panels.file');
      }
      try {
        return new Uint8Array(await readFile(full));
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code;
        throw new VrsInputError(code === 'ENOENT' ? 'figure file not found' : `cannot read figure file (${code ?? String(error)})`, full, 'figures.panels.file');
      }
    },
  };
}
