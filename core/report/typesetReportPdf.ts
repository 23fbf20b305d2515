import {
  concatTransformationMatrix,
  drawObject,
  PDFDict,
  PDFDocument,
  PDFHexString,
  PDFName,
  PDFNull,
  PDFNumber,
  popGraphicsState,
  pushGraphicsState,
  type PDFObject,
  type PDFPage,
  type PDFRef,
  type RGB,
} from 'pdf-lib';
import type { AssetReader } from './AssetReader.js';
import { criteriaModeLine } from './criteriaMode.js';
import { drawDrawingPdf, hexToRgb } from './drawDrawingPdf.js';
import { embedPngPdf, type EmbeddedImage } from './embedPngPdf.js';
import { ACCENT, CONTENT_WIDTH, INK, MARGIN, MUTED, PAGE_HEIGHT, PAGE_WIDTH, PdfFlow, RULE } from './PdfFlow.js';
import { embedReportFonts } from './pdfFonts.js';
import { buildReportDocument, type DocBlock, type DocContext, type DocFigure, type DocPlot, type DocSection, type DocTable, type ReportDocument } from './reportDocument.js';
import type { ReportJson } from './ReportJson.js';
import { referenceHref, referenceText } from './referenceText.js';
import type { MethodReference, SectionStatus } from './SectionResult.js';
import { TextMeasurer, type TextRun } from './wrapTextRuns.js';

const STATUS_COLORS: Record<SectionStatus, RGB> = {
  ok: hexToRgb('#2e7d32'),
  warnings: hexToRgb('#b35900'),
  'not-applicable': hexToRgb('#616161'),
  failed: hexToRgb('#c62828'),
  'no-criteria': hexToRgb('#1565c0'),
};
const WARNING_INK = hexToRgb('#7a3d00');
const ALERT = hexToRgb('#c62828');

const BODY = 9.5;
const SMALL = 8;

/** Where a section or chapter starts: for the table of contents, links and bookmarks. */
interface Destination {
  pageIndex: number;
  y: number;
}

/**
 * The report as a PDF (A4), from the same document model as the HTML: front page, summary
 * (abstract, score, summary table, warnings), table of contents with page numbers, then every
 * chapter on a new page. Plots and colour bars are vector, pictures are embedded PNGs, text is
 * DejaVu Sans (embedded, subset), so Å, σ, ², ³, ≤, ≥ and any Latin or Greek title print as typed.
 * Pages are numbered "Page i of n"; the contents and the bookmarks link to the sections.
 *
 * The table of contents is laid out twice: once to count its pages before the chapters are laid
 * out (so their page numbers are final), once to draw it with those numbers.
 */
export async function typesetReportPdf(report: ReportJson, assets: AssetReader): Promise<Uint8Array> {
  const doc = await buildReportDocument(report, assets, { plotWidth: 460, plotHeight: 280 });
  const pdf = await PDFDocument.create();
  pdf.setTitle(`Validation report: ${report.entry.title ?? report.entry.mapFile}`, { showInWindowTitleBar: true });
  pdf.setSubject('Cryo-EM map validation report');
  pdf.setCreator(`${report.tool} ${report.version}`);
  pdf.setProducer(`${report.tool} ${report.version} (pdf-lib)`);
  const generated = new Date(report.generatedAt);
  if (!Number.isNaN(generated.getTime())) {
    pdf.setCreationDate(generated);
    pdf.setModificationDate(generated);
  }
  const fonts = await embedReportFonts(pdf);
  const flow = new PdfFlow(pdf, fonts, new TextMeasurer());
  const images = await embedAllImages(pdf, doc);

  flow.newPage();
  frontPage(flow, doc);
  let contextPageIndex: number | undefined;
  if (doc.context) {
    flow.newPage();
    contextPageIndex = flow.pageIndex;
    contextPage(flow, doc.context);
  }
  flow.newPage();
  const summaryPageIndex = flow.pageIndex;
  summaryPages(flow, doc);

  // Contents: count its pages first (pass 1), reserve them, lay out the chapters, then draw it (pass 2).
  const tocStart = flow.pages.length;
  const tocPages = tableOfContents(flow, doc, null);
  for (let i = 0; i < tocPages; i++) flow.newPage();
  const destinations = new Map<string, Destination>([['#summary', { pageIndex: summaryPageIndex, y: MARGIN.top }]]);
  if (contextPageIndex !== undefined) destinations.set('#context', { pageIndex: contextPageIndex, y: MARGIN.top });
  for (const chapter of doc.chapters) {
    flow.newPage();
    destinations.set(chapter.anchor, { pageIndex: flow.pageIndex, y: flow.y });
    if (!chapter.standalone) {
      heading(flow, `${chapter.number}  ${chapter.title}`, 17, true);
    }
    for (const section of chapter.sections) {
      // A section starts on a new page unless its heading and first content fit on this one.
      if (!chapter.standalone) flow.ensure(sectionStartHeight(flow, section));
      destinations.set(section.anchor, { pageIndex: flow.pageIndex, y: flow.y });
      sectionBody(flow, section, chapter.standalone, images);
      sectionReferences(flow, report.sections.find((r) => r.id === section.id)?.references ?? []);
    }
  }
  const drawn = tableOfContents(flow, doc, { firstPage: tocStart, destinations });
  if (drawn !== tocPages) throw new Error(`table of contents took ${drawn} pages, ${tocPages} were reserved`);

  headersAndFooters(flow, doc);
  addBookmarks(pdf, flow, doc, destinations);
  return pdf.save({ useObjectStreams: true });
}

async function embedAllImages(pdf: PDFDocument, doc: ReportDocument): Promise<Map<Uint8Array, EmbeddedImage>> {
  const images = new Map<Uint8Array, EmbeddedImage>();
  for (const chapter of doc.chapters) {
    for (const section of chapter.sections) {
      for (const block of section.blocks) {
        if (block.kind !== 'figure') continue;
        for (const panel of block.panels) if (!images.has(panel.png)) images.set(panel.png, await embedPngPdf(pdf, panel.png));
      }
    }
  }
  return images;
}

function heading(flow: PdfFlow, text: string, size: number, rule: boolean): void {
  const runs = [flow.run(text, { font: flow.fonts.bold, size, color: hexToRgb('#10243a') })];
  flow.ensure(flow.measureParagraph(runs, CONTENT_WIDTH, 1.3) + 40);
  flow.paragraph(runs, { leading: 1.3, keepLines: 3 });
  if (rule) {
    flow.y += 2;
    flow.rule(ACCENT, 1.4);
    flow.y += 8;
  } else flow.y += 3;
}

function label(flow: PdfFlow, text: string): void {
  flow.ensure(40);
  flow.y += 4;
  flow.paragraph([flow.run(text.toUpperCase(), { font: flow.fonts.bold, size: 7.5, color: MUTED })], { leading: 1.6 });
}

function frontPage(flow: PdfFlow, doc: ReportDocument): void {
  const r = doc.report;
  flow.y += 10;
  flow.badge(doc.modeLabel, MARGIN.left, flow.y, r.mode === 'public' ? STATUS_COLORS.ok : ACCENT, 8.5);
  flow.y += 28;
  flow.paragraph([flow.run(doc.title, { font: flow.fonts.bold, size: 26, color: hexToRgb('#10243a') })], { leading: 1.2 });
  flow.paragraph([flow.run(doc.subtitle, { size: 14, color: MUTED })], { leading: 1.4, spaceAfter: 6 });
  if (r.entry.title) flow.paragraph([flow.run(frontPageTitle(r.entry.title), { font: flow.fonts.bold, size: 13 })], { leading: 1.35, spaceAfter: 6 });
  flow.paragraph([flow.run('Map assessed at level(s) ', { size: 11 }), flow.run(doc.levelsText, { font: flow.fonts.bold, size: 11 })], { spaceAfter: 16 });
  const modeLine = criteriaModeLine(r.compatibility);
  if (modeLine) {
    flow.y -= 10; // the line belongs with the levels line above it
    flow.paragraph([flow.run(modeLine, { size: 9.5, color: MUTED })], { spaceAfter: 16 });
  }

  flow.paragraph([flow.run('Entry information', { font: flow.fonts.bold, size: 12.5 })], { leading: 1.4 });
  flow.rule();
  flow.y += 6;
  const labelWidth = 118;
  for (const row of doc.entryRows) {
    const valueRuns: TextRun[] = [
      flow.run(row.value, {
        font: row.mono ? flow.fonts.mono : flow.fonts.regular,
        size: row.mono ? 8.5 : 10,
        color: row.missing ? ALERT : row.href ? ACCENT : INK,
      }),
    ];
    const lines = flow.wrap(valueRuns, CONTENT_WIDTH - labelWidth);
    const lineHeight = 15;
    flow.ensure(lines.length * lineHeight);
    const top = flow.y;
    flow.drawLine(flow.wrap([flow.run(row.label, { size: 10, color: MUTED })], labelWidth - 8)[0]!, MARGIN.left, lineHeight);
    for (const line of lines) {
      flow.drawLine(line, MARGIN.left + labelWidth, lineHeight);
      flow.y += lineHeight;
    }
    if (row.href) linkToUri(flow, MARGIN.left + labelWidth, top, lines[0]!.width, lineHeight, row.href);
    flow.y += 2;
  }
  flow.y += 12;
  flow.paragraph(
    [
      flow.run(`Generated ${doc.generatedText} by ${doc.toolText}. The machine-readable version of this report is report.json (schema version ${r.schemaVersion}).`, {
        size: SMALL,
        color: MUTED,
      }),
    ],
    {},
  );
}

/** The context page: what the levels are, the evidence each needs, which ones this report ran, and the paper. */
function contextPage(flow: PdfFlow, context: DocContext): void {
  heading(flow, context.title, 17, true);
  flow.paragraph([flow.run(context.introduction, { size: BODY })], { spaceAfter: 10 });
  drawTable(flow, {
    header: context.header,
    numeric: context.header.map(() => false),
    rows: context.rows.map((row) => [{ text: row.level }, { text: row.name }, { text: row.evidence }, { text: row.ranText }]),
    fullWidth: true,
    fontSize: 9,
  });
  flow.y += 8;
  const runs = [flow.run('The grading is described in ', { size: SMALL, color: MUTED }), flow.run(context.referenceText, { size: SMALL, color: context.referenceHref ? ACCENT : MUTED })];
  const top = flow.y;
  const lines = flow.wrap(runs, CONTENT_WIDTH);
  flow.paragraph(runs, {});
  if (context.referenceHref) linkToUri(flow, MARGIN.left, top, lines[0]!.width, flow.y - top, context.referenceHref);
}

function summaryPages(flow: PdfFlow, doc: ReportDocument): void {
  const r = doc.report;
  heading(flow, 'Summarized overall quality', 17, true);
  for (const alert of r.summary.alerts) {
    const runs = [flow.run(alert, { font: flow.fonts.bold, size: BODY, color: ALERT })];
    const height = flow.measureParagraph(runs, CONTENT_WIDTH - 20) + 12;
    flow.ensure(height);
    const top = flow.y;
    flow.page.drawRectangle({ x: MARGIN.left, y: flow.pdfY(top + height), width: CONTENT_WIDTH, height, borderColor: ALERT, borderWidth: 1.5 });
    flow.y += 6;
    flow.paragraph(runs, { indent: 10, width: CONTENT_WIDTH - 20 });
    flow.y = top + height + 10;
  }
  const abstractRuns: TextRun[] = [];
  for (const a of r.summary.abstract) {
    if (a.sectionNumber) {
      abstractRuns.push(flow.run(`${a.text.replace(/[.\s]+$/, '')} (see `, { size: 10 }), flow.run(`Sec. ${a.sectionNumber}`, { size: 10, color: ACCENT }), flow.run('). ', { size: 10 }));
    } else abstractRuns.push(flow.run(`${a.text} `, { size: 10 }));
  }
  if (abstractRuns.length) flow.paragraph(abstractRuns, { spaceAfter: 6 });
  if (r.summary.resolution) flow.paragraph([flow.run(r.summary.resolution.sentences.join(' '), { size: 10 })], { spaceAfter: 8 });

  // Score box.
  const scoreText = `${r.score.passed} / ${r.score.evaluable}`;
  const scoreWidth = flow.measure.width(flow.fonts.bold, scoreText, 22) + 24;
  const sentence = [flow.run(r.summary.scoreSentence, { font: flow.fonts.bold, size: 10.5 })];
  const boxHeight = Math.max(44, flow.measureParagraph(sentence, CONTENT_WIDTH - scoreWidth - 20) + 20);
  flow.ensure(boxHeight + 10);
  const top = flow.y;
  flow.page.drawRectangle({ x: MARGIN.left, y: flow.pdfY(top + boxHeight), width: CONTENT_WIDTH, height: boxHeight, color: hexToRgb('#eef3f8') });
  flow.page.drawText(scoreText, { x: MARGIN.left + 12, y: flow.pdfY(top + boxHeight / 2 + 8), size: 22, font: flow.fonts.bold, color: ACCENT });
  flow.y = top + (boxHeight - flow.measureParagraph(sentence, CONTENT_WIDTH - scoreWidth - 20)) / 2;
  flow.paragraph(sentence, { indent: scoreWidth, width: CONTENT_WIDTH - scoreWidth - 20 });
  flow.y = top + boxHeight + 16;

  subheading(flow, 'Summary');
  drawTable(
    flow,
    {
      header: ['Check', 'Section', 'Status'],
      numeric: [false, false, false],
      rows: r.summary.rows.map((row) => [{ text: row.label }, { text: `Sec. ${row.sectionNumber}` }, { text: row.statusText, badge: row.status }]),
      fullWidth: true,
      fontSize: 9.5,
    },
    r.summary.rows.length === 0 ? 'No section has automatic criteria.' : undefined,
  );
  flow.y += 10;
  subheading(flow, 'Summary of the warnings');
  if (r.summary.warnings.length === 0) flow.paragraph([flow.run('No warnings.', { size: 10 })]);
  for (const group of r.summary.warnings) {
    flow.ensure(40);
    flow.paragraph([flow.run(`Section ${group.sectionNumber} (${group.label})`, { font: flow.fonts.bold, size: 10 })], { spaceBefore: 4 });
    numberedList(flow, group.warnings, WARNING_INK, true);
  }
}

function subheading(flow: PdfFlow, text: string): void {
  flow.ensure(70);
  flow.paragraph([flow.run(text, { font: flow.fonts.bold, size: 12.5, color: hexToRgb('#10243a') })], { leading: 1.5, spaceBefore: 4, spaceAfter: 2 });
}

function numberedList(flow: PdfFlow, items: string[], color: RGB, bold: boolean): void {
  items.forEach((item, i) => {
    const marker = `${i + 1}.`;
    const runs = [flow.run(item, { font: bold ? flow.fonts.bold : flow.fonts.regular, size: BODY, color })];
    const lines = flow.wrap(runs, CONTENT_WIDTH - 22);
    const lh = BODY * 1.45;
    flow.ensure(Math.min(lines.length, 2) * lh);
    flow.drawLine(flow.wrap([flow.run(marker, { font: flow.fonts.bold, size: BODY, color })], 20)[0]!, MARGIN.left + 4, lh);
    for (const line of lines) {
      flow.ensure(lh);
      flow.drawLine(line, MARGIN.left + 22, lh);
      flow.y += lh;
    }
  });
  flow.y += 4;
}

function bulletList(flow: PdfFlow, items: string[]): void {
  for (const item of items) {
    const lines = flow.wrap([flow.run(item)], CONTENT_WIDTH - 16);
    const lh = BODY * 1.45;
    flow.ensure(lh);
    flow.page.drawCircle({ x: MARGIN.left + 6, y: flow.pdfY(flow.y + lh / 2), size: 1.5, color: INK });
    for (const line of lines) {
      flow.ensure(lh);
      flow.drawLine(line, MARGIN.left + 16, lh);
      flow.y += lh;
    }
  }
  flow.y += 4;
}

interface TableSpec {
  header: string[];
  numeric: boolean[];
  rows: { text: string; badge?: SectionStatus }[][];
  fullWidth?: boolean;
  fontSize: number;
}

/** Tables of at most this many rows are never split across pages: they move whole to the next page. */
const SMALL_TABLE_ROWS = 12;

/** Column widths and row heights of a table, without drawing it. */
function layoutTable(flow: PdfFlow, spec: TableSpec) {
  const size = spec.fontSize;
  const padX = 6;
  const padY = 3.5;
  const lh = size * 1.35;
  const headerFont = flow.fonts.bold;
  const rowsText = spec.rows.map((row) => row.map((c) => c.text));
  const natural = spec.header.map((h, c) =>
    Math.max(flow.measure.width(headerFont, h, size), ...rowsText.map((row) => flow.measure.width(flow.fonts.regular, row[c] ?? '', size) + (spec.rows[0]?.[c]?.badge ? 10 : 0))) + 2 * padX,
  );
  const longestWord = spec.header.map((h, c) =>
    Math.max(...[h, ...rowsText.map((row) => row[c] ?? '')].flatMap((t) => t.split(/\s+/)).map((w) => flow.measure.width(headerFont, w, size))) + 2 * padX,
  );
  let widths = natural.slice();
  const total = natural.reduce((a, b) => a + b, 0);
  if (total > CONTENT_WIDTH) {
    const minimum = longestWord.map((w, c) => Math.min(w, natural[c]!));
    const minTotal = minimum.reduce((a, b) => a + b, 0);
    if (minTotal >= CONTENT_WIDTH) widths = minimum.map((w) => (w * CONTENT_WIDTH) / minTotal);
    else {
      const slack = natural.map((n, c) => n - minimum[c]!);
      const slackTotal = slack.reduce((a, b) => a + b, 0);
      widths = minimum.map((m, c) => m + ((CONTENT_WIDTH - minTotal) * slack[c]!) / slackTotal);
    }
  } else if (spec.fullWidth) {
    widths = natural.map((n) => (n * CONTENT_WIDTH) / total);
  }
  const tableWidth = widths.reduce((a, b) => a + b, 0);
  const left = MARGIN.left + (CONTENT_WIDTH - tableWidth) / 2;
  const xs = widths.map((_, c) => left + widths.slice(0, c).reduce((a, b) => a + b, 0));
  const cellLines = (text: string, c: number, bold: boolean) => flow.wrap([flow.run(text, { font: bold ? flow.fonts.bold : flow.fonts.regular, size })], widths[c]! - 2 * padX);
  const rowHeight = (cells: { text: string; badge?: SectionStatus }[], bold: boolean) =>
    Math.max(...cells.map((cell, c) => (cell.badge ? 1 : cellLines(cell.text, c, bold).length) * lh)) + 2 * padY;
  const headerHeight = rowHeight(
    spec.header.map((text) => ({ text })),
    true,
  );
  const rowHeights = spec.rows.map((row) => rowHeight(row, false));
  /** Height of the header and the first `rows` rows (all by default), with the space after the table. */
  const height = (rows = spec.rows.length) => headerHeight + (spec.rows.length ? rowHeights.slice(0, rows).reduce((a, b) => a + b, 0) : lh) + 4;
  return { size, padX, padY, lh, widths, tableWidth, left, xs, cellLines, rowHeight, headerHeight, height };
}

/**
 * A table; one of at most SMALL_TABLE_ROWS rows is kept whole (moved to the next page when it does
 * not fit), a longer one breaks across pages between rows, repeating its header row.
 */
function drawTable(flow: PdfFlow, spec: TableSpec, emptyText?: string): void {
  const layout = layoutTable(flow, spec);
  const { size, padX, padY, lh, widths, tableWidth, left, xs, cellLines, rowHeight } = layout;
  const drawRow = (cells: { text: string; badge?: SectionStatus }[], bold: boolean, ruleColor: RGB, ruleWidth: number) => {
    const laid = cells.map((cell, c) => (cell.badge ? null : cellLines(cell.text, c, bold)));
    const height = Math.max(...laid.map((l) => (l ? l.length : 1) * lh)) + 2 * padY;
    const top = flow.y;
    cells.forEach((cell, c) => {
      if (cell.badge) {
        flow.badge(cell.text, xs[c]! + padX, top + padY + (lh - size - 5) / 2, STATUS_COLORS[cell.badge], size - 1);
        return;
      }
      let y = top + padY;
      for (const line of laid[c]!) {
        const x = spec.numeric[c] ? xs[c]! + widths[c]! - padX - line.width : xs[c]! + padX;
        flow.y = y;
        flow.drawLine(line, x, lh);
        y += lh;
      }
    });
    flow.y = top + height;
    flow.page.drawLine({ start: { x: left, y: flow.pdfY(flow.y) }, end: { x: left + tableWidth, y: flow.pdfY(flow.y) }, thickness: ruleWidth, color: ruleColor });
    return height;
  };
  const header = spec.header.map((text) => ({ text }));
  flow.ensure(layout.height(spec.rows.length <= SMALL_TABLE_ROWS ? spec.rows.length : 1));
  drawRow(header, true, INK, 1.1);
  if (spec.rows.length === 0 && emptyText) {
    flow.paragraph([flow.run(emptyText, { size, color: MUTED })], { indent: padX });
  }
  for (const row of spec.rows) {
    const h = rowHeight(row, false);
    if (flow.y + h > flow.bottom) {
      flow.newPage();
      drawRow(header, true, INK, 1.1);
    }
    drawRow(row, false, RULE, 0.6);
  }
  flow.y += 4;
}

function caption(flow: PdfFlow, text: string, align: 'left' | 'center'): void {
  flow.paragraph([flow.run(text, { size: 8.5, color: MUTED })], { align, leading: 1.4, spaceAfter: 2 });
}

function captionHeight(flow: PdfFlow, text: string): number {
  return flow.measureParagraph([flow.run(text, { size: 8.5 })], CONTENT_WIDTH, 1.4) + 2;
}

function tableSpec(table: DocTable): TableSpec {
  return { header: table.header, numeric: table.numeric, rows: table.rows.map((row) => row.map((text) => ({ text }))), fontSize: 8.5 };
}

/** Plots and figures may be drawn down to this share of their size to fit the rest of a page instead of leaving it empty. */
const PLOT_MIN_SHRINK = 0.85;
const FIGURE_MIN_SHRINK = 0.75;

/**
 * The height of the start of a block that must stay on one page: a small table whole with its
 * caption (a long one: caption, header and two rows), a plot whole (as shrunk as it may be), a
 * figure's first row of panels.
 */
function blockKeepHeight(flow: PdfFlow, block: DocBlock): number {
  if (block.kind === 'table') {
    const rows = block.rows.length <= SMALL_TABLE_ROWS ? block.rows.length : 2;
    return 6 + captionHeight(flow, `Table ${block.number}. ${block.caption}`) + layoutTable(flow, tableSpec(block)).height(rows);
  }
  if (block.kind === 'plot') {
    const scale = Math.min(1, CONTENT_WIDTH / block.drawing.width) * PLOT_MIN_SHRINK;
    return block.drawing.height * scale + captionHeight(flow, `Figure ${block.number}. ${block.caption}`) + 14;
  }
  const perRow = Math.min(3, block.panels.length);
  const boxWidth = (CONTENT_WIDTH - (perRow - 1) * 10) / perRow;
  const first = Math.max(...block.panels.slice(0, perRow).map((p) => p.height * Math.min(boxWidth / p.width, 230 / p.height)));
  return 6 + first * FIGURE_MIN_SHRINK + 4 + 11 + 6;
}

/** `reserve`: height of what must follow the block on its page (the status line when the block ends the section). */
function tableBlock(flow: PdfFlow, table: DocTable, reserve = 0): void {
  // Caption, and the whole table when it is small, on one page.
  flow.ensure(blockKeepHeight(flow, table) + (table.rows.length <= SMALL_TABLE_ROWS ? reserve : 0));
  flow.y += 6;
  caption(flow, `Table ${table.number}. ${table.caption}`, 'left');
  drawTable(flow, tableSpec(table));
  flow.y += 6;
}

function plotBlock(flow: PdfFlow, plot: DocPlot, reserve = 0): void {
  let scale = Math.min(1, CONTENT_WIDTH / plot.drawing.width);
  const captionSpace = captionHeight(flow, `Figure ${plot.number}. ${plot.caption}`) + 12;
  // A plot a little too tall for the rest of the page is drawn a little smaller rather than moved on.
  const room = flow.remaining() - captionSpace - reserve;
  const full = plot.drawing.height * scale;
  if (!flow.atTop() && full > room && full * PLOT_MIN_SHRINK <= room) scale *= room / full;
  const height = plot.drawing.height * scale;
  flow.ensure(height + captionSpace + reserve);
  flow.y += 6;
  drawDrawingPdf(flow.page, plot.drawing, MARGIN.left + (CONTENT_WIDTH - plot.drawing.width * scale) / 2, flow.y, scale, flow.fonts, flow.measure);
  flow.y += height + 2;
  caption(flow, `Figure ${plot.number}. ${plot.caption}`, 'center');
  flow.y += 6;
}

function figureBlock(flow: PdfFlow, figure: DocFigure, images: Map<Uint8Array, EmbeddedImage>, reserve = 0): void {
  const perRow = Math.min(3, figure.panels.length);
  const gap = 10;
  const boxWidth = (CONTENT_WIDTH - (perRow - 1) * gap) / perRow;
  const maxImageHeight = 230;
  const rows: (typeof figure.panels)[] = [];
  for (let i = 0; i < figure.panels.length; i += perRow) rows.push(figure.panels.slice(i, i + perRow));
  const panelLabel = (i: number) => (figure.panels.length > 1 ? `(${String.fromCharCode(97 + (i % 26))}) ` : '');
  const captionRuns = [flow.run(`Figure ${figure.number}. ${figure.caption}`, { size: 8.5 })];
  const captionHeight = flow.measureParagraph(captionRuns, CONTENT_WIDTH, 1.4);
  const colorBarHeight = figure.colorBar ? figure.colorBar.drawing.height + 4 : 0;
  const captionsOf = rows.map((row, r) => row.map((p, k) => flow.wrap([flow.run(`${panelLabel(r * perRow + k)}${p.caption}`, { size: 8, color: MUTED })], boxWidth)));
  const fullHeights = rows.map((row) => Math.max(...row.map((p) => p.height * Math.min(boxWidth / p.width, maxImageHeight / p.height))));
  const imagesHeight = fullHeights.reduce((a, b) => a + b, 0);
  const otherHeight = captionsOf.reduce((h, c) => h + 4 + Math.max(...c.map((lines) => lines.length)) * 11 + 6, 0) + colorBarHeight + captionHeight + 10;
  // A figure a little too tall for the rest of the page is drawn a little smaller rather than moved on.
  const room = flow.remaining() - otherHeight - reserve;
  const shrink = !flow.atTop() && imagesHeight > room && imagesHeight * FIGURE_MIN_SHRINK <= room ? room / imagesHeight : 1;
  const rowLayouts = rows.map((row, r) => {
    const sizes = row.map((p) => {
      const s = Math.min(boxWidth / p.width, maxImageHeight / p.height) * shrink;
      return { width: p.width * s, height: p.height * s };
    });
    const captions = captionsOf[r]!;
    const imageHeight = Math.max(...sizes.map((s) => s.height));
    const captionLines = Math.max(...captions.map((c) => c.length));
    return { sizes, captions, imageHeight, height: imageHeight + 4 + captionLines * 11 + 6 };
  });
  const total = rowLayouts.reduce((h, r) => h + r.height, 0) + colorBarHeight + captionHeight + 10;
  // Keep the figure together when it fits on a page; otherwise break between rows of panels.
  flow.ensure(Math.min(total + reserve, flow.bottom - MARGIN.top));
  flow.y += 6;
  rowLayouts.forEach((layout, r) => {
    flow.ensure(layout.height);
    const row = rows[r]!;
    const rowWidth = row.length * boxWidth + (row.length - 1) * gap;
    const startX = MARGIN.left + (CONTENT_WIDTH - rowWidth) / 2;
    const top = flow.y;
    row.forEach((panel, k) => {
      const size = layout.sizes[k]!;
      const x = startX + k * (boxWidth + gap) + (boxWidth - size.width) / 2;
      const y = top + (layout.imageHeight - size.height);
      drawImage(flow.page, images.get(panel.png)!, x, PAGE_HEIGHT - (y + size.height), size.width, size.height, `${figure.id}-${r}-${k}`);
      flow.page.drawRectangle({ x, y: PAGE_HEIGHT - (y + size.height), width: size.width, height: size.height, borderColor: RULE, borderWidth: 0.5 });
      let cy = top + layout.imageHeight + 4;
      for (const line of layout.captions[k]!) {
        flow.y = cy;
        flow.drawLine(line, startX + k * (boxWidth + gap) + (boxWidth - line.width) / 2, 11);
        cy += 11;
      }
    });
    flow.y = top + layout.height;
  });
  if (figure.colorBar) {
    flow.ensure(colorBarHeight);
    const d = figure.colorBar.drawing;
    drawDrawingPdf(flow.page, d, MARGIN.left + (CONTENT_WIDTH - d.width) / 2, flow.y, 1, flow.fonts, flow.measure);
    flow.y += colorBarHeight;
  }
  caption(flow, `Figure ${figure.number}. ${figure.caption}`, 'center');
  flow.y += 6;
}

const imageNames = new WeakMap<PDFPage, Map<PDFRef, PDFName>>();

function drawImage(page: PDFPage, image: EmbeddedImage, x: number, y: number, width: number, height: number, _key: string): void {
  let names = imageNames.get(page);
  if (!names) {
    names = new Map();
    imageNames.set(page, names);
  }
  let name = names.get(image.ref);
  if (!name) {
    name = page.node.newXObject('Image', image.ref);
    names.set(image.ref, name);
  }
  page.pushOperators(pushGraphicsState(), concatTransformationMatrix(width, 0, 0, height, x, y), drawObject(name), popGraphicsState());
}

/**
 * The section's references, a few lines of small text at its end; each DOI links to doi.org.
 * Drawn after sectionBody, whose last step leaves 10 pt below the status and warnings.
 */
function sectionReferences(flow: PdfFlow, references: readonly MethodReference[]): void {
  if (references.length === 0) return;
  const size = 7.5;
  const lh = size * 1.4;
  flow.y -= 4;
  flow.ensure(lh * 3);
  flow.paragraph([flow.run('REFERENCES', { font: flow.fonts.bold, size: 7, color: MUTED })], { leading: 1.5 });
  references.forEach((ref, i) => {
    const { doi, ...rest } = ref;
    const runs = [flow.run(`${i + 1}. ${referenceText(rest)}`, { size, color: MUTED })];
    if (doi) runs.push(flow.run(` doi:${doi}`, { size, color: ACCENT }));
    const lines = flow.wrap(runs, CONTENT_WIDTH - 8);
    const href = referenceHref(ref);
    for (const line of lines) {
      flow.ensure(lh);
      flow.drawLine(line, MARGIN.left + 4, lh);
      // The DOI is the accent-coloured part of the line; a wrapped DOI links on each of its lines.
      const linked = line.pieces.filter((p) => p.color === ACCENT && p.text.trim() !== '');
      if (href && linked.length) {
        const x0 = Math.min(...linked.map((p) => p.x));
        const x1 = Math.max(...linked.map((p) => p.x + flow.measure.width(p.font, p.text, p.size)));
        linkToUri(flow, MARGIN.left + 4 + x0, flow.y, x1 - x0, lh, href);
      }
      flow.y += lh;
    }
  });
  flow.y += 8;
}

const LABEL_HEIGHT = 4 + 7.5 * 1.6;

/** Height of the first `lines` lines of a body-text paragraph. */
function firstLinesHeight(flow: PdfFlow, runs: TextRun[], lines: number, width = CONTENT_WIDTH): number {
  return Math.min(lines, flow.wrap(runs, width).length) * BODY * 1.45;
}

/**
 * What must stay on one page at the start of a (non stand-alone) section: its heading, the method
 * line and the first of its content (two lines of the explanation, the note, the first result, or
 * the first table, plot or figure row), capped at a page.
 */
function sectionStartHeight(flow: PdfFlow, s: DocSection): number {
  const head = 8 + flow.measureParagraph([flow.run(`${s.number}  ${s.heading}`, { font: flow.fonts.bold, size: 13 })], CONTENT_WIDTH, 1.3) + 3;
  const method = flow.measureParagraph([flow.run('Method: ', { font: flow.fonts.bold }), flow.run(s.method)], CONTENT_WIDTH) + 2;
  let first = 0;
  if (s.explanation) first = LABEL_HEIGHT + firstLinesHeight(flow, [flow.run(s.explanation)], 2);
  else if (s.reason) first = flow.measureParagraph([flow.run(`Note: ${s.reason}`)], CONTENT_WIDTH - 16) + 20;
  else if (s.results.length) first = LABEL_HEIGHT + firstLinesHeight(flow, [flow.run(s.results[0]!)], 2);
  else if (s.blocks.length) first = blockKeepHeight(flow, s.blocks[0]!);
  else first = sectionEndHeight(flow, s);
  return Math.min(head + method + first, flow.bottom - MARGIN.top);
}

/**
 * What must stay on one page at the end of a section: the automatic criteria with the status line
 * and the first lines of the first warning (a status never sits on a page apart from its criteria).
 */
function sectionEndHeight(flow: PdfFlow, s: DocSection): number {
  const criteria = s.criteria ? LABEL_HEIGHT + flow.measureParagraph([flow.run(s.criteria)], CONTENT_WIDTH) + 2 : 0;
  const firstWarning = s.warnings.length ? firstLinesHeight(flow, [flow.run(s.warnings[0]!, { font: flow.fonts.bold })], 2, CONTENT_WIDTH - 22) : 0;
  return criteria + 34 + firstWarning;
}

function sectionBody(flow: PdfFlow, s: DocSection, standalone: boolean, images: Map<Uint8Array, EmbeddedImage>): void {
  const title = `${s.number}  ${s.heading}`;
  if (standalone) heading(flow, title, 17, true);
  else {
    flow.y += 8;
    heading(flow, title, 13, false);
  }
  flow.paragraph([flow.run('Method: ', { font: flow.fonts.bold, color: MUTED }), flow.run(s.method, { color: MUTED })], { spaceAfter: 2 });
  if (s.explanation) {
    label(flow, 'Explanation');
    flow.paragraph([flow.run(s.explanation)], { spaceAfter: 2 });
  }
  if (s.reason) {
    const what = s.status === 'failed' ? 'Could not be measured' : s.status === 'not-applicable' ? 'Does not apply' : 'Note';
    const runs = [flow.run(`${what}: `, { font: flow.fonts.bold }), flow.run(s.reason)];
    const height = flow.measureParagraph(runs, CONTENT_WIDTH - 16) + 10;
    flow.ensure(height + 6);
    flow.y += 4;
    const top = flow.y;
    flow.page.drawRectangle({ x: MARGIN.left, y: flow.pdfY(top + height), width: CONTENT_WIDTH, height, color: hexToRgb('#f5f5f5') });
    flow.page.drawRectangle({ x: MARGIN.left, y: flow.pdfY(top + height), width: 3, height, color: STATUS_COLORS[s.status] });
    flow.y += 5;
    flow.paragraph(runs, { indent: 12, width: CONTENT_WIDTH - 16 });
    flow.y = top + height + 4;
  }
  if (s.results.length) {
    label(flow, 'Results');
    for (const p of s.results) flow.paragraph([flow.run(p)], { spaceAfter: 3 });
  }
  // The status line follows the criteria, else the notes, else the last block: keep it with them.
  const statusHeight = sectionEndHeight(flow, { ...s, criteria: undefined });
  s.blocks.forEach((block, i) => {
    const reserve = i === s.blocks.length - 1 && !s.criteria && !s.notes.length ? statusHeight : 0;
    if (block.kind === 'table') tableBlock(flow, block, reserve);
    else if (block.kind === 'plot') plotBlock(flow, block, reserve);
    else figureBlock(flow, block, images, reserve);
  });
  if (s.notes.length && !s.criteria) {
    const notes = LABEL_HEIGHT + s.notes.reduce((h, n) => h + flow.measureParagraph([flow.run(n)], CONTENT_WIDTH - 16), 0) + 4;
    if (notes + statusHeight <= (flow.bottom - MARGIN.top) / 2) flow.ensure(notes + statusHeight);
  }
  if (s.notes.length) {
    label(flow, 'Notes');
    bulletList(flow, s.notes);
  }
  const end = sectionEndHeight(flow, s);
  if (end <= (flow.bottom - MARGIN.top) / 2) flow.ensure(end);
  if (s.criteria) {
    label(flow, 'Automatic criteria');
    flow.paragraph([flow.run(s.criteria)], { spaceAfter: 2 });
  }
  // Keep the status line with the first lines of its first warning.
  const firstWarning = s.warnings.length ? Math.min(2, flow.wrap([flow.run(s.warnings[0]!, { font: flow.fonts.bold })], CONTENT_WIDTH - 22).length) * BODY * 1.45 : 0;
  flow.ensure(34 + firstWarning);
  flow.y += 6;
  flow.rule();
  flow.y += 6;
  const top = flow.y;
  flow.drawLine(flow.wrap([flow.run('Status: ', { font: flow.fonts.bold })], 60)[0]!, MARGIN.left, 16);
  flow.badge(s.statusText, MARGIN.left + flow.measure.width(flow.fonts.bold, 'Status: ', BODY) + 2, top + 1.5, STATUS_COLORS[s.status], 8.5);
  flow.y = top + 20;
  if (s.warnings.length) numberedList(flow, s.warnings, WARNING_INK, true);
  flow.y += 10;
}

/**
 * Lays out the table of contents. With `draw` null it only counts the pages it needs (pass 1);
 * with the destinations known it draws onto the reserved pages, with dot leaders, page numbers
 * and links (pass 2). Returns the number of pages used.
 */
function tableOfContents(flow: PdfFlow, doc: ReportDocument, draw: { firstPage: number; destinations: Map<string, Destination> } | null): number {
  const entries: { text: string; anchor: string; indent: number; bold: boolean }[] = [];
  for (const c of doc.chapters) {
    if (c.standalone) entries.push({ text: `${c.number}  ${c.sections[0]!.heading}`, anchor: c.sections[0]!.anchor, indent: 0, bold: true });
    else {
      entries.push({ text: `${c.number}  ${c.title}`, anchor: c.anchor, indent: 0, bold: true });
      for (const s of c.sections) entries.push({ text: `${s.number}  ${s.heading}`, anchor: s.anchor, indent: 22, bold: false });
    }
  }
  const numberWidth = 34;
  let pageOffset = 0;
  let y = MARGIN.top;
  const page = () => (draw ? flow.pages[draw.firstPage + pageOffset]! : null);
  const headingHeight = 40;
  if (draw) {
    const p = page()!;
    p.drawText('Contents', { x: MARGIN.left, y: PAGE_HEIGHT - (y + 22), size: 17, font: flow.fonts.bold, color: hexToRgb('#10243a') });
    p.drawLine({ start: { x: MARGIN.left, y: PAGE_HEIGHT - (y + 30) }, end: { x: MARGIN.left + CONTENT_WIDTH, y: PAGE_HEIGHT - (y + 30) }, thickness: 1.4, color: ACCENT });
  }
  y += headingHeight;
  for (const e of entries) {
    const size = e.bold ? 10.5 : 10;
    const font = e.bold ? flow.fonts.bold : flow.fonts.regular;
    const lines = flow.wrap([flow.run(e.text, { font, size })], CONTENT_WIDTH - e.indent - numberWidth - 10);
    const lh = size * 1.55;
    const height = lines.length * lh + (e.bold ? 5 : 0);
    if (y + height > PAGE_HEIGHT - MARGIN.bottom) {
      pageOffset++;
      y = MARGIN.top;
    }
    if (e.bold) y += 5;
    if (draw) {
      const p = page()!;
      const dest = draw.destinations.get(e.anchor);
      const pageNumber = dest ? String(dest.pageIndex + 1) : '';
      const saved = { page: flow.page, y: flow.y };
      flow.page = p;
      lines.forEach((line, i) => {
        flow.y = y + i * lh;
        flow.drawLine(line, MARGIN.left + e.indent, lh);
      });
      const last = lines[lines.length - 1]!;
      const baseline = PAGE_HEIGHT - (y + (lines.length - 1) * lh + lh / 2 + size * 0.36);
      const numberText = pageNumber;
      const numberX = MARGIN.left + CONTENT_WIDTH - flow.measure.width(font, numberText, size);
      // Dot leaders between the title and the page number.
      const dotsStart = MARGIN.left + e.indent + last.width + 6;
      const dotsEnd = MARGIN.left + CONTENT_WIDTH - numberWidth;
      const dotWidth = flow.measure.width(flow.fonts.regular, '. ', size);
      const dots = Math.max(0, Math.floor((dotsEnd - dotsStart) / dotWidth));
      if (dots > 0) p.drawText('. '.repeat(dots), { x: dotsEnd - dots * dotWidth, y: baseline, size, font: flow.fonts.regular, color: MUTED });
      p.drawText(numberText, { x: numberX, y: baseline, size, font, color: INK });
      if (dest) linkToPage(flow, p, MARGIN.left + e.indent, y, CONTENT_WIDTH - e.indent, lines.length * lh, dest);
      flow.page = saved.page;
      flow.y = saved.y;
    }
    y += lines.length * lh;
  }
  return pageOffset + 1;
}

function linkToPage(flow: PdfFlow, page: PDFPage, x: number, top: number, width: number, height: number, dest: Destination): void {
  const target = flow.pages[dest.pageIndex]!;
  const annotation = flow.doc.context.obj({
    Type: 'Annot',
    Subtype: 'Link',
    Rect: [x, PAGE_HEIGHT - (top + height), x + width, PAGE_HEIGHT - top],
    Border: [0, 0, 0],
    Dest: [target.ref, 'XYZ', null, PAGE_HEIGHT - dest.y + 12, null],
  });
  page.node.addAnnot(flow.doc.context.register(annotation));
}

function linkToUri(flow: PdfFlow, x: number, top: number, width: number, height: number, uri: string): void {
  const annotation = flow.doc.context.obj({
    Type: 'Annot',
    Subtype: 'Link',
    Rect: [x, PAGE_HEIGHT - (top + height), x + width, PAGE_HEIGHT - top],
    Border: [0, 0, 0],
    A: { Type: 'Action', S: 'URI', URI: PDFHexString.fromText(uri) },
  });
  flow.page.node.addAnnot(flow.doc.context.register(annotation));
}

function headersAndFooters(flow: PdfFlow, doc: ReportDocument): void {
  const total = flow.pages.length;
  const size = 7.5;
  // The same on every page: measured once.
  const left = truncate(flow, `${doc.toolText} · ${doc.report.entry.mapFile}`, CONTENT_WIDTH - 90, size);
  const title = truncate(flow, doc.report.entry.title ?? doc.report.entry.mapFile, CONTENT_WIDTH - 110, size);
  flow.pages.forEach((page, i) => {
    const footerY = 34;
    page.drawLine({ start: { x: MARGIN.left, y: footerY + 12 }, end: { x: MARGIN.left + CONTENT_WIDTH, y: footerY + 12 }, thickness: 0.5, color: RULE });
    page.drawText(left, { x: MARGIN.left, y: footerY, size, font: flow.fonts.regular, color: MUTED });
    const pageText = `Page ${i + 1} of ${total}`;
    page.drawText(pageText, { x: MARGIN.left + CONTENT_WIDTH - flow.measure.width(flow.fonts.regular, pageText, size), y: footerY, size, font: flow.fonts.regular, color: MUTED });
    if (i === 0) return;
    const headerY = PAGE_HEIGHT - 38;
    page.drawText('Validation report', { x: MARGIN.left, y: headerY, size, font: flow.fonts.bold, color: MUTED });
    page.drawText(title, { x: MARGIN.left + CONTENT_WIDTH - flow.measure.width(flow.fonts.regular, title, size), y: headerY, size, font: flow.fonts.regular, color: MUTED });
    page.drawLine({ start: { x: MARGIN.left, y: headerY - 6 }, end: { x: MARGIN.left + CONTENT_WIDTH, y: headerY - 6 }, thickness: 0.5, color: RULE });
  });
}

/** Characters of a title the front page shows; the whole title is in report.json and the HTML. */
const FRONT_PAGE_TITLE_CHARS = 600;

/** A title as the front page shows it: whole, or its start and a note that it was shortened. */
function frontPageTitle(title: string): string {
  const chars = [...title];
  if (chars.length <= FRONT_PAGE_TITLE_CHARS) return title;
  return `${chars.slice(0, FRONT_PAGE_TITLE_CHARS).join('')}… (title shortened from ${chars.length} characters; the whole title is in report.json and report.html)`;
}

/**
 * The longest prefix (whole code points) that fits `width` with an ellipsis. Binary search: a
 * title of several kilobytes must not cost a measurement per character per page (issue 15: a
 * 10 kB title took minutes).
 */
function truncate(flow: PdfFlow, text: string, width: number, size: number): string {
  const clean = text.replace(/\s+/g, ' ');
  if (flow.measure.width(flow.fonts.regular, clean, size) <= width) return clean;
  const chars = [...clean];
  const fits = (n: number) => flow.measure.width(flow.fonts.regular, chars.slice(0, n).join('') + '…', size) <= width;
  let lo = 1;
  let hi = chars.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (fits(mid)) lo = mid;
    else hi = mid - 1;
  }
  return chars.slice(0, lo).join('') + '…';
}

/** PDF bookmarks: one per chapter, with its sections beneath. */
function addBookmarks(pdf: PDFDocument, flow: PdfFlow, doc: ReportDocument, destinations: Map<string, Destination>): void {
  const context = pdf.context;
  const outlinesRef = context.nextRef();
  type Item = { title: string; anchor: string; children: Item[] };
  const items: Item[] = [
    ...(doc.context ? [{ title: doc.context.title, anchor: '#context', children: [] }] : []),
    { title: 'Summarized overall quality', anchor: '#summary', children: [] },
    ...doc.chapters.map((c) => ({
      title: c.standalone ? `${c.number} ${c.sections[0]!.heading}` : `${c.number} ${c.title}`,
      anchor: c.standalone ? c.sections[0]!.anchor : c.anchor,
      children: c.standalone ? [] : c.sections.map((s) => ({ title: `${s.number} ${s.heading}`, anchor: s.anchor, children: [] })),
    })),
  ];
  if (!destinations.has('#summary')) destinations.set('#summary', { pageIndex: 1, y: MARGIN.top });
  const build = (list: Item[], parent: PDFRef): { first: PDFRef; last: PDFRef; count: number } => {
    const refs = list.map(() => context.nextRef());
    let count = 0;
    list.forEach((item, i) => {
      const dest = destinations.get(item.anchor) ?? { pageIndex: 0, y: MARGIN.top };
      const dict = PDFDict.withContext(context);
      const entries: [string, PDFObject][] = [
        ['Title', PDFHexString.fromText(item.title)],
        ['Parent', parent],
        ['Dest', context.obj([flow.pages[dest.pageIndex]!.ref, PDFName.of('XYZ'), PDFNull, PDFNumber.of(PAGE_HEIGHT - dest.y + 12), PDFNull])],
      ];
      if (i > 0) entries.push(['Prev', refs[i - 1]!]);
      if (i < list.length - 1) entries.push(['Next', refs[i + 1]!]);
      if (item.children.length) {
        const sub = build(item.children, refs[i]!);
        entries.push(['First', sub.first], ['Last', sub.last], ['Count', PDFNumber.of(sub.count)]);
      }
      for (const [k, v] of entries) dict.set(PDFName.of(k), v);
      context.assign(refs[i]!, dict);
      count++;
    });
    return { first: refs[0]!, last: refs[refs.length - 1]!, count };
  };
  const top = build(items, outlinesRef);
  context.assign(outlinesRef, context.obj({ Type: 'Outlines', First: top.first, Last: top.last, Count: top.count }));
  pdf.catalog.set(PDFName.of('Outlines'), outlinesRef);
  pdf.catalog.set(PDFName.of('PageMode'), PDFName.of('UseOutlines'));
}

