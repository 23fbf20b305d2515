import { layoutColorBar, layoutPlot, readPngHeader, type ColorBarSpec, type Drawing } from '../render/index.js';
import { VrsInputError } from '../errors/index.js';
import type { AssetReader } from './AssetReader.js';
import { formatCell, formatPrintf } from './formatPrintf.js';
import type { ReportJson, ReportSection } from './ReportJson.js';
import type { SectionFigure, SectionStatus, SectionTable } from './SectionResult.js';
import { statusText } from './statusText.js';
import { validateReport } from './validateReport.js';

/**
 * The report as both renderers lay it out: texts final, tables formatted, tables, plots and
 * figures numbered in reading order, figure files loaded. The HTML and PDF renderers only
 * typeset this, so they show the same content in the same order.
 */
export interface ReportDocument {
  title: string;
  subtitle: string;
  modeLabel: string;
  levelsText: string;
  generatedText: string;
  toolText: string;
  entryRows: EntryRow[];
  /** The context page (grading scale), absent in reports written before it existed. */
  context?: DocContext;
  report: ReportJson;
  chapters: DocChapter[];
}

export interface EntryRow {
  label: string;
  value: string;
  href?: string;
  /** Shown as missing (e.g. resolution not reported). */
  missing?: boolean;
  /** Long unbreakable strings (hashes): typeset in a monospace font. */
  mono?: boolean;
}

export interface DocContext {
  title: string;
  introduction: string;
  header: string[];
  /** Level, name, evidence needed, whether this report ran it ("Yes" / "—"). */
  rows: { level: string; name: string; evidence: string; ranText: string; ran: boolean }[];
  /** "Sorzano COS, … (2022). Title. doi:…" */
  referenceText: string;
  referenceHref?: string;
}

export interface DocChapter {
  number: string;
  title: string;
  anchor: string;
  /** A chapter that is one section (input data, half maps, atomic model). */
  standalone: boolean;
  sections: DocSection[];
}

export interface DocSection {
  id: string;
  number: string;
  anchor: string;
  heading: string;
  method: string;
  status: SectionStatus;
  statusText: string;
  reason?: string;
  explanation?: string;
  results: string[];
  blocks: DocBlock[];
  notes: string[];
  criteria?: string;
  warnings: string[];
}

export type DocBlock = DocTable | DocPlot | DocFigure;

export interface DocTable {
  kind: 'table';
  number: number;
  caption: string;
  header: string[];
  /** Right-align numeric columns. */
  numeric: boolean[];
  rows: string[][];
}

export interface DocPlot {
  kind: 'plot';
  number: number;
  caption: string;
  id: string;
  drawing: Drawing;
}

export interface DocFigure {
  kind: 'figure';
  number: number;
  caption: string;
  id: string;
  panels: DocPanel[];
  colorBar?: { spec: ColorBarSpec; drawing: Drawing };
}

export interface DocPanel {
  caption: string;
  png: Uint8Array;
  /** Pixel size read from the PNG itself. */
  width: number;
  height: number;
}

export interface ReportDocumentOptions {
  /** Width (points) plots and colour bars are laid out for. */
  plotWidth?: number;
  plotHeight?: number;
}

/** Validates the report, loads every figure file and numbers everything. */
export async function buildReportDocument(report: ReportJson, assets: AssetReader, options: ReportDocumentOptions = {}): Promise<ReportDocument> {
  validateReport(report);
  const plotWidth = options.plotWidth ?? 460;
  const plotHeight = options.plotHeight ?? 290;
  const byId = new Map(report.sections.map((s) => [s.id, s]));
  const counters = { table: 0, figure: 0 };

  // Load every picture in parallel; a broken one is an error naming its section and file.
  const pictures = new Map<string, Promise<DocPanel>>();
  for (const s of report.sections) {
    for (const f of s.figures ?? []) {
      for (const p of f.panels) {
        const key = `${s.id}/${p.file}`;
        if (!pictures.has(key)) pictures.set(key, loadPanel(assets, s.id, p.file, p.caption));
      }
    }
  }
  const loaded = new Map<string, DocPanel>();
  await Promise.all([...pictures].map(async ([key, promise]) => loaded.set(key, await promise)));

  const chapters: DocChapter[] = report.outline.map((chapter) => ({
    number: chapter.number,
    title: chapter.title,
    anchor: `sec-${chapter.number}`,
    standalone: chapter.level === undefined,
    sections: chapter.sectionIds.map((id) => docSection(byId.get(id)!, chapter.level === undefined)),
  }));

  function docSection(s: ReportSection, standalone: boolean): DocSection {
    const blocks: DocBlock[] = [];
    for (const t of s.tables ?? []) blocks.push(docTable(t, ++counters.table));
    for (const p of s.plots ?? []) {
      blocks.push({ kind: 'plot', number: ++counters.figure, caption: p.caption, id: p.id, drawing: layoutPlot(p, plotWidth, plotHeight) });
    }
    for (const f of s.figures ?? []) blocks.push(docFigure(s.id, f, ++counters.figure));
    return {
      id: s.id,
      number: s.number,
      anchor: `sec-${s.number.replace(/\./g, '-')}`,
      heading: standalone ? s.title : `${s.id} ${s.title}`,
      method: s.method,
      status: s.status,
      statusText: statusText(s.status, s.warnings.length),
      reason: s.reason,
      explanation: s.explanation,
      results: s.results ?? [],
      blocks,
      notes: s.notes ?? [],
      criteria: s.criteria,
      warnings: s.warnings,
    };
  }

  function docFigure(sectionId: string, f: SectionFigure, number: number): DocFigure {
    return {
      kind: 'figure',
      number,
      caption: f.caption,
      id: f.id,
      panels: f.panels.map((p) => ({ ...loaded.get(`${sectionId}/${p.file}`)!, caption: p.caption })),
      colorBar: f.colorBar ? { spec: f.colorBar, drawing: layoutColorBar(f.colorBar, 320) } : undefined,
    };
  }

  const entry = report.entry;
  return {
    title: 'Validation report',
    subtitle: 'Cryo-EM map validation',
    modeLabel: report.mode === 'public' ? 'Public data-based report' : 'User data-based report',
    levelsText: report.levels.length ? report.levels.join(', ') : '—',
    generatedText: formatGenerated(report.generatedAt),
    toolText: `${report.tool} ${report.version}`,
    entryRows: entryRows(entry),
    ...(report.context ? { context: docContext(report.context) } : {}),
    report,
    chapters,
  };
}

async function loadPanel(assets: AssetReader, sectionId: string, file: string, caption: string): Promise<DocPanel> {
  const png = await assets.read(sectionId, file);
  let header;
  try {
    header = readPngHeader(png);
  } catch (error) {
    throw new VrsInputError(`figure file is not a PNG (${(error as Error).message})`, `${sectionId}/${file}`, 'figures.panels.file');
  }
  return { caption, png, width: header.width, height: header.height };
}

function docTable(t: SectionTable, number: number): DocTable {
  const header = t.columns.map((c) => (c.unit ? `${c.label} (${c.unit})` : c.label));
  const rows = t.rows.map((row) => t.columns.map((c) => (c.format ? formatPrintf(row[c.key] ?? null, c.format).trim() : formatCell(row[c.key]))));
  const numeric = t.columns.map((c) => t.rows.length > 0 && t.rows.every((row) => typeof row[c.key] === 'number' || row[c.key] === null || row[c.key] === undefined));
  return { kind: 'table', number, caption: t.caption, header, numeric, rows };
}

function docContext(context: NonNullable<ReportJson['context']>): DocContext {
  const ref = context.reference;
  return {
    title: 'The validation levels',
    introduction: context.introduction,
    header: ['Level', 'Evidence', 'Needs', 'In this report'],
    rows: context.levels.map((l) => ({ level: l.level, name: l.name, evidence: l.evidence, ranText: l.ran ? 'Yes' : '—', ran: l.ran })),
    referenceText: `${ref.authors} (${ref.year}). ${ref.title}. doi:${ref.doi}`,
    referenceHref: `https://doi.org/${ref.doi}`,
  };
}

function entryRows(entry: ReportJson['entry']): EntryRow[] {
  const rows: EntryRow[] = [];
  if (entry.title) rows.push({ label: 'Title', value: entry.title });
  if (entry.emdbId) rows.push({ label: 'EMDB entry', value: entry.emdbId, href: `https://www.ebi.ac.uk/emdb/${encodeURIComponent(entry.emdbId)}` });
  if (entry.pdbId) rows.push({ label: 'PDB entry', value: entry.pdbId, href: `https://www.ebi.ac.uk/pdbe/entry/pdb/${encodeURIComponent(entry.pdbId.toLowerCase())}` });
  if (entry.authors?.length) rows.push({ label: 'Authors', value: entry.authors.join(', ') });
  if (entry.depositionDate) rows.push({ label: 'Deposited on', value: entry.depositionDate });
  if (entry.fittedModels?.length) {
    const [only] = entry.fittedModels;
    rows.push({
      label: entry.fittedModels.length === 1 ? 'Fitted model' : 'Fitted models',
      value: entry.fittedModels.join(', '),
      ...(entry.fittedModels.length === 1 ? { href: `https://www.ebi.ac.uk/pdbe/entry/pdb/${encodeURIComponent(only!.toLowerCase())}` } : {}),
    });
  }
  if (entry.symmetry) rows.push({ label: 'Symmetry', value: entry.symmetry });
  if (entry.expectedMassKDa !== undefined) rows.push({ label: 'Sample weight', value: `${formatCell(entry.expectedMassKDa)} kDa` });
  if (entry.jobName) rows.push({ label: 'Job name', value: entry.jobName });
  if (entry.jobDescription) rows.push({ label: 'Job description', value: entry.jobDescription });
  rows.push({ label: 'Map file', value: entry.mapFile });
  if (entry.sha256) rows.push({ label: 'SHA-256', value: entry.sha256, mono: true });
  if (entry.dims) rows.push({ label: 'Box', value: `${entry.dims.join(' × ')} voxels` });
  if (entry.voxelSize) {
    const [x, y, z] = entry.voxelSize;
    const isotropic = Math.abs(x - y) <= 1e-6 * x && Math.abs(x - z) <= 1e-6 * x;
    rows.push({ label: 'Voxel size', value: isotropic ? `${formatPrintf(x, '%f')} Å` : `${[x, y, z].map((v) => formatPrintf(v, '%f')).join(' × ')} Å` });
  }
  if (entry.threshold !== undefined) rows.push({ label: 'Threshold', value: formatPrintf(entry.threshold, '%f') });
  rows.push(
    entry.resolution === null
      ? { label: 'Reported resolution', value: 'not reported', missing: true }
      : { label: 'Reported resolution', value: `${formatCell(entry.resolution)} Å${entry.resolutionMethod ? ` (${entry.resolutionMethod})` : ''}` },
  );
  if (entry.halfMapFiles?.length) rows.push({ label: 'Half maps', value: entry.halfMapFiles.join(', ') });
  if (entry.atomicModelFile) rows.push({ label: 'Atomic model', value: entry.atomicModelFile });
  return rows;
}

function formatGenerated(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return `${d.toISOString().slice(0, 10)} ${d.toISOString().slice(11, 16)} UTC`;
}
