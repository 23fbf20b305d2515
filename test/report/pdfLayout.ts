// Layout measures of a rendered report PDF, from poppler's own output (not from our layout code):
// how far down each page the content reaches, which pages start a part of the report, and whether
// a table's rows all sit on the page of its caption.
import { formatPrintf, type RasterImage, type ReportJson } from '../../core/index.js';
import { pdfText } from './poppler.js';

/** Text with every run of white space made one space (pdftotext breaks lines where the PDF did). */
const squash = (text: string): string => text.replace(/\s+/g, ' ').trim();

/** A4 height and the body area between the running header and footer, in points (PdfFlow's margins). */
const PAGE_HEIGHT_PT = 841.89;
const BODY_TOP_PT = 64;
const BODY_BOTTOM_PT = PAGE_HEIGHT_PT - 66;

/**
 * How full a page is: the distance from the top of the body area down to the lowest row with ink
 * (a pixel darker than 200 of 255), as a share of the body area's height. A page whose content stops
 * a fifth of the way down reads 0.2 however dense its few lines are.
 */
export function pageFill(image: RasterImage): number {
  const top = Math.floor((BODY_TOP_PT / PAGE_HEIGHT_PT) * image.height);
  const bottom = Math.ceil((BODY_BOTTOM_PT / PAGE_HEIGHT_PT) * image.height);
  const c = image.channels;
  let lowest = top;
  for (let y = top; y < bottom; y++) {
    for (let x = 0; x < image.width; x++) {
      const p = (y * image.width + x) * c;
      const v = c === 1 ? image.data[p]! : Math.min(image.data[p]!, image.data[p + 1]!, image.data[p + 2]!);
      if (v < 200) {
        lowest = y + 1;
        break;
      }
    }
  }
  return (lowest - top) / (bottom - top);
}

/**
 * Headings that open a part of the report on a new page: the context page, the summary, the
 * contents and each chapter (a stand-alone chapter opens with its section's heading), as the PDF
 * prints them with white space squashed.
 */
export function partHeadings(report: ReportJson): string[] {
  const byId = new Map(report.sections.map((s) => [s.id, s]));
  const chapters = report.outline.map((c) => (c.level === undefined ? `${c.number} ${byId.get(c.sectionIds[0]!)?.title ?? c.title}` : `${c.number} ${c.title}`));
  return ['Summarized overall quality', 'Contents', 'The validation levels', ...chapters];
}

/** The first line of body text of each page (pdftotext -raw gives text in drawing order; the running header is drawn last). */
export function firstLines(file: string, pages: number): string[] {
  return Array.from({ length: pages }, (_, i) => squash(pdfText(file, i + 1).split('\n').find((l) => l.trim() !== '') ?? ''));
}

/** 1-based numbers of the pages that end a part: the page before one that opens a part, and the last page. */
export function partEndPages(file: string, pages: number, report: ReportJson): Set<number> {
  const headings = partHeadings(report);
  const firsts = firstLines(file, pages);
  const ends = new Set<number>([pages]);
  firsts.forEach((line, i) => {
    if (i > 0 && headings.some((h) => line.startsWith(h))) ends.add(i);
  });
  return ends;
}

/**
 * The tables of the report (in report order, numbered as the renderers number them: "Table N.")
 * and the page(s) their cells were found on: every cell's text is searched, in drawing order,
 * after the caption on the caption's page, and the search goes on to the next pages when a cell
 * is not there.
 */
export function tablePages(file: string, pages: number, report: ReportJson): { number: number; rows: number; caption: string; pages: number[] }[] {
  const texts = Array.from({ length: pages }, (_, i) => squash(pdfText(file, i + 1)));
  const out: { number: number; rows: number; caption: string; pages: number[] }[] = [];
  let number = 0;
  for (const section of report.sections) {
    for (const table of section.tables ?? []) {
      number++;
      const label = `Table ${number}.`;
      let page = texts.findIndex((t) => t.includes(label));
      if (page < 0) {
        out.push({ number, rows: table.rows.length, caption: table.caption, pages: [] });
        continue;
      }
      let at = texts[page]!.indexOf(label);
      const found = new Set<number>([page + 1]);
      for (const row of table.rows) {
        for (const column of table.columns) {
          // Cells as printed: a formatted number, or a string; numbers without a format are skipped.
          const value = row[column.key];
          const printed = typeof value === 'string' ? value : typeof value === 'number' && column.format ? formatPrintf(value, column.format).trim() : '';
          const text = squash(printed);
          if (text === '') continue;
          let next = texts[page]!.indexOf(text, at);
          while (next < 0 && page + 1 < texts.length) {
            page++;
            at = 0;
            next = texts[page]!.indexOf(text);
          }
          if (next < 0) break;
          found.add(page + 1);
          at = next + text.length;
        }
      }
      out.push({ number, rows: table.rows.length, caption: table.caption, pages: [...found] });
    }
  }
  return out;
}
