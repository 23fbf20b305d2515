import { rgb, type PDFDocument, type PDFFont, type PDFPage, type RGB } from 'pdf-lib';
import type { PdfFonts } from './pdfFonts.js';
import { wrapTextRuns, type TextLine, type TextMeasurer, type TextRun } from './wrapTextRuns.js';

/** A4 in points. */
export const PAGE_WIDTH = 595.28;
export const PAGE_HEIGHT = 841.89;
export const MARGIN = { left: 56, right: 56, top: 64, bottom: 66 };
export const CONTENT_WIDTH = PAGE_WIDTH - MARGIN.left - MARGIN.right;

export const INK = rgb(0.11, 0.11, 0.12);
export const MUTED = rgb(0.37, 0.39, 0.41);
export const ACCENT = rgb(0x2a / 255, 0x5d / 255, 0x8f / 255);
export const RULE = rgb(0.84, 0.86, 0.88);

export interface ParagraphOptions {
  /** Left indent from the margin. */
  indent?: number;
  /** Line width; default the content width minus the indent. */
  width?: number;
  /** Line height as a multiple of the largest font size on the line. */
  leading?: number;
  spaceBefore?: number;
  spaceAfter?: number;
  align?: 'left' | 'center';
  /** Lines of the paragraph that must stay on the page where it starts (widow control). */
  keepLines?: number;
}

/**
 * A cursor flowing content down A4 pages: adds pages as needed, wraps text with real font
 * metrics, and keeps track of where things landed (for the table of contents and links).
 * `y` is measured from the top of the page, as layouts are usually thought of.
 */
export class PdfFlow {
  readonly pages: PDFPage[] = [];
  page!: PDFPage;
  y = MARGIN.top;

  constructor(
    readonly doc: PDFDocument,
    readonly fonts: PdfFonts,
    readonly measure: TextMeasurer,
  ) {}

  get pageIndex(): number {
    return this.pages.length - 1;
  }

  get bottom(): number {
    return PAGE_HEIGHT - MARGIN.bottom;
  }

  remaining(): number {
    return this.bottom - this.y;
  }

  newPage(): void {
    this.page = this.doc.addPage([PAGE_WIDTH, PAGE_HEIGHT]);
    this.pages.push(this.page);
    this.y = MARGIN.top;
  }

  /** True when the cursor is at the top of a page (nothing drawn yet). */
  atTop(): boolean {
    return this.y <= MARGIN.top + 0.01;
  }

  /** Starts a new page unless `height` still fits (or we are already at the top of a page). */
  ensure(height: number): void {
    if (this.y + height > this.bottom && !this.atTop()) this.newPage();
  }

  space(height: number): void {
    this.y += height;
    if (this.y > this.bottom) this.newPage();
  }

  /** Converts a top-based y to PDF's bottom-based coordinate. */
  pdfY(y: number): number {
    return PAGE_HEIGHT - y;
  }

  run(text: string, options: { font?: PDFFont; size?: number; color?: RGB } = {}): TextRun {
    return { text, font: options.font ?? this.fonts.regular, size: options.size ?? 9.5, color: options.color ?? INK };
  }

  /** Lays out runs as wrapped lines without drawing them. */
  wrap(runs: TextRun[], width: number): TextLine[] {
    return wrapTextRuns(runs, width, this.measure);
  }

  lineHeight(line: TextLine, leading: number): number {
    return Math.max(...line.pieces.map((p) => p.size), 1) * leading;
  }

  /** Draws one laid-out line whose box starts at the cursor; does not move the cursor. */
  drawLine(line: TextLine, x: number, height: number): void {
    const size = Math.max(...line.pieces.map((p) => p.size), 1);
    // Centre the cap height in the line box.
    const baseline = this.y + height / 2 + size * 0.36;
    for (const p of line.pieces) {
      if (p.text === '') continue;
      this.page.drawText(p.text, { x: x + p.x, y: this.pdfY(baseline), size: p.size, font: p.font, color: p.color });
    }
  }

  /** A wrapped paragraph; breaks across pages between lines. Returns the lines drawn. */
  paragraph(runs: TextRun[], options: ParagraphOptions = {}): TextLine[] {
    const indent = options.indent ?? 0;
    const width = options.width ?? CONTENT_WIDTH - indent;
    const leading = options.leading ?? 1.45;
    const lines = this.wrap(runs, width);
    if (options.spaceBefore && !this.atTop()) this.y += options.spaceBefore;
    const keep = Math.min(lines.length, options.keepLines ?? 2);
    const keepHeight = lines.slice(0, keep).reduce((h, l) => h + this.lineHeight(l, leading), 0);
    this.ensure(keepHeight);
    for (const line of lines) {
      const h = this.lineHeight(line, leading);
      this.ensure(h);
      const x = MARGIN.left + indent + (options.align === 'center' ? (width - line.width) / 2 : 0);
      this.drawLine(line, x, h);
      this.y += h;
    }
    if (options.spaceAfter) this.y += options.spaceAfter;
    return lines;
  }

  /** Height a paragraph would take, without drawing it. */
  measureParagraph(runs: TextRun[], width: number, leading = 1.45): number {
    return this.wrap(runs, width).reduce((h, l) => h + this.lineHeight(l, leading), 0);
  }

  /** A horizontal rule across the content width at the cursor. */
  rule(color: RGB = RULE, thickness = 0.8): void {
    this.page.drawLine({
      start: { x: MARGIN.left, y: this.pdfY(this.y) },
      end: { x: MARGIN.left + CONTENT_WIDTH, y: this.pdfY(this.y) },
      thickness,
      color,
    });
  }

  /** A filled label (status badge) with its left edge at x and its box top at `top`; returns its width. */
  badge(text: string, x: number, top: number, color: RGB, size = 8): number {
    const font = this.fonts.bold;
    const width = this.measure.width(font, text, size) + 10;
    const height = size + 5;
    this.page.drawRectangle({ x, y: this.pdfY(top + height), width, height, color });
    this.page.drawText(text, { x: x + 5, y: this.pdfY(top + height / 2 + size * 0.36), size, font, color: rgb(1, 1, 1) });
    return width;
  }
}
