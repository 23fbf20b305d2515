import type { AssetReader } from './AssetReader.js';
import type { ReportJson } from './ReportJson.js';

/** A4 in PDF points (210 × 297 mm at 72 points per inch), the page size of the PDF report. */
export const PDF_PAGE_SIZE = { width: 595.28, height: 841.89 } as const;

/**
 * The report as a PDF (A4): front page, summary, contents with page numbers, every chapter; vector
 * plots, embedded PNGs, DejaVu fonts. See typesetReportPdf.
 *
 * pdf-lib and fontkit take a quarter of a second to load, so the typesetter is imported here, on
 * first use, rather than by every `vrs` process that never renders a PDF.
 */
export async function renderReportPdf(report: ReportJson, assets: AssetReader): Promise<Uint8Array> {
  const { typesetReportPdf } = await import('./typesetReportPdf.js');
  return typesetReportPdf(report, assets);
}
