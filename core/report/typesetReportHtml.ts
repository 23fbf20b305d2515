import Mustache from 'mustache';
import { drawingToSvg, layoutPlot } from '../render/index.js';
import type { AssetReader } from './AssetReader.js';
import { criteriaModeLine } from './criteriaMode.js';
import { buildReportDocument, type DocBlock, type DocSection, type ReportDocument } from './reportDocument.js';
import { readReportAsset } from './reportAssets.js';
import { referenceHref, referenceText } from './referenceText.js';
import type { PublishedFile, ReportJson, ReportSection } from './ReportJson.js';
import type { SectionPlot } from './SectionResult.js';

/** Widest a picture panel is shown, in CSS pixels, by number of panels side by side. */
const CONTENT_WIDTH = 900;

let templates: { page: string; section: string; css: string } | undefined;

function loadTemplates(): { page: string; section: string; css: string } {
  templates ??= {
    page: readReportAsset('templates/report.mustache'),
    section: readReportAsset('templates/section.mustache'),
    css: readReportAsset('templates/report.css'),
  };
  return templates;
}

/**
 * The report as one self-contained HTML file: CSS inline, pictures embedded as base64 PNG, plots
 * and colour bars as inline SVG, no script. Readable offline. Every string from the report is
 * escaped by the templates ({{ }}) or by the SVG writer.
 */
export async function typesetReportHtml(report: ReportJson, assets: AssetReader): Promise<string> {
  const doc = await buildReportDocument(report, assets);
  const { page, section, css } = loadTemplates();
  return Mustache.render(page, htmlView(doc, css), { section });
}

function htmlView(doc: ReportDocument, css: string) {
  const r = doc.report;
  const anchorOf = new Map(doc.chapters.flatMap((c) => c.sections.map((s) => [s.id, s.anchor] as const)));
  const sectionById = new Map(r.sections.map((s) => [s.id, s]));
  const published = r.publishedFiles ?? [];
  return {
    css,
    pageTitle: `${doc.title}: ${r.entry.title ?? r.entry.mapFile}`,
    title: doc.title,
    subtitle: doc.subtitle,
    entryTitle: r.entry.title,
    mode: r.mode,
    modeLabel: doc.modeLabel,
    criteriaModeLine: criteriaModeLine(r.compatibility),
    levelsText: doc.levelsText,
    entryRows: doc.entryRows,
    context: doc.context,
    generatedText: doc.generatedText,
    toolText: doc.toolText,
    schemaVersion: r.schemaVersion,
    alerts: r.summary.alerts,
    abstract: r.summary.abstract.map((a) =>
      a.sectionNumber
        ? { body: a.text.replace(/[.\s]+$/, ''), ref: a.sectionNumber, anchor: anchorOf.get(a.sectionId), end: '.' }
        : { body: a.text, end: '' },
    ),
    resolutionSentences: r.summary.resolution?.sentences ?? [],
    score: r.score,
    scoreSentence: r.summary.scoreSentence,
    summaryRows: r.summary.rows.map((row) => ({ ...row, anchor: anchorOf.get(row.sectionId) })),
    warningGroups: r.summary.warnings.map((w) => ({ ...w, anchor: anchorOf.get(w.sectionId) })),
    toc: doc.chapters.map((c) => ({
      number: c.number,
      title: c.title,
      anchor: c.standalone ? c.sections[0]!.anchor : c.anchor,
      sections: c.standalone ? [] : c.sections.map((s) => ({ number: s.number, heading: s.heading, anchor: s.anchor })),
    })),
    chapters: doc.chapters.map((c) => ({
      number: c.number,
      title: c.title,
      anchor: c.standalone ? `chapter-${c.number}` : c.anchor,
      standalone: c.standalone,
      sections: c.sections.map((s) => sectionView(s, c.standalone ? 'h2' : 'h3', sectionById.get(s.id), published.filter((f) => f.sectionId === s.id))),
    })),
    otherFiles: published.filter((f) => f.sectionId === undefined || !sectionById.has(f.sectionId)).map(fileView),
  };
}

/** A link relative to report.html (which sits beside report.json): each path segment URL-encoded. */
function relativeHref(file: string): string {
  return file.split('/').map(encodeURIComponent).join('/');
}

function fileView(f: PublishedFile) {
  return { href: relativeHref(f.file), file: f.file, origin: `output "${f.output}" of step ${f.step}` };
}

function sectionView(s: DocSection, headingTag: 'h2' | 'h3', section: ReportSection | undefined, files: PublishedFile[]) {
  // Plot blocks come in the order of the section's plots (reportDocument): the k-th one is the k-th plot.
  const plots = section?.plots ?? [];
  let plotIndex = 0;
  return {
    ...s,
    headingTag,
    files: files.map(fileView),
    hasFiles: files.length > 0,
    reasonLabel: s.status === 'failed' ? 'Could not be measured' : s.status === 'not-applicable' ? 'Does not apply' : 'Note',
    hasResults: s.results.length > 0,
    hasNotes: s.notes.length > 0,
    // The DOI is printed as the link's text, not twice.
    references: (section?.references ?? []).map(({ doi, ...rest }) => ({ text: referenceText(rest), doi, href: referenceHref({ ...rest, doi }) })),
    hasReferences: (section?.references ?? []).length > 0,
    hasWarnings: s.warnings.length > 0,
    blocks: s.blocks.map((b) => blockView(s, b, b.kind === 'plot' ? plots[plotIndex++] : undefined)),
  };
}

/**
 * Plots are laid out for the screen: drawn 420 units wide with text 1.35 times the print size and
 * shown at most 560 px wide (report.css). A plot shrinks with a narrow window, its text with it:
 * in a 400 px window the column is about 377 px, so the smallest text (8 × 1.35 = 10.8 units) shows
 * at 10.8 × 377 / 420 ≈ 9.7 px; on a desktop at 10.8 × 560 / 420 ≈ 14 px.
 */
const SCREEN_PLOT = { width: 420, height: 290, fontScale: 1.35 };

function blockView(s: DocSection, b: DocBlock, plot: SectionPlot | undefined) {
  const dataFile = plot?.dataFile;
  const elementId = `${s.anchor}-${b.kind}-${b.number}`;
  switch (b.kind) {
    case 'table':
      return {
        isTable: true,
        elementId,
        number: b.number,
        caption: b.caption,
        header: b.header.map((text, i) => ({ text, numeric: b.numeric[i] })),
        rows: b.rows.map((cells) => ({ cells: cells.map((text, i) => ({ text, numeric: b.numeric[i] })) })),
      };
    case 'plot':
      return {
        isPlot: true,
        elementId,
        number: b.number,
        caption: b.caption,
        svg: drawingToSvg(plot ? layoutPlot(plot, SCREEN_PLOT.width, SCREEN_PLOT.height, { fontScale: SCREEN_PLOT.fontScale }) : b.drawing, { idPrefix: elementId, title: b.caption }),
        dataHref: dataFile === undefined ? undefined : relativeHref(dataFile),
      };
    case 'figure': {
      const perRow = Math.min(3, b.panels.length);
      const maxWidth = Math.floor((CONTENT_WIDTH - (perRow - 1) * 14) / perRow) - 4;
      return {
        isFigure: true,
        elementId,
        number: b.number,
        caption: b.caption,
        panels: b.panels.map((p, i) => {
          // Small slices are enlarged (with crisp voxels); large renderings are shrunk to fit.
          const displayWidth = Math.min(maxWidth, Math.max(p.width, Math.min(maxWidth, 260)));
          return {
            src: `data:image/png;base64,${Buffer.from(p.png).toString('base64')}`,
            width: p.width,
            height: p.height,
            displayWidth,
            pixelated: displayWidth >= 2 * p.width,
            alt: p.caption ? `${b.caption} — ${p.caption}` : b.caption,
            panelLabel: b.panels.length > 1 ? `(${String.fromCharCode(97 + (i % 26))})` : '',
            caption: p.caption,
          };
        }),
        colorBarSvg: b.colorBar ? drawingToSvg(b.colorBar.drawing, { idPrefix: `${elementId}-bar`, title: b.colorBar.spec.label }) : undefined,
      };
    }
  }
}
