import type { AssetReader } from './AssetReader.js';
import type { ReportJson } from './ReportJson.js';

/**
 * The report as one self-contained HTML file (CSS inline, PNGs as base64, plots as SVG, no script).
 * See typesetReportHtml. Imported on first use, like the PDF typesetter, so that a `vrs` process
 * that renders nothing does not load the templates and mustache.
 */
export async function renderReportHtml(report: ReportJson, assets: AssetReader): Promise<string> {
  const { typesetReportHtml } = await import('./typesetReportHtml.js');
  return typesetReportHtml(report, assets);
}
