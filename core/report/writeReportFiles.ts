import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { AssetReader } from './AssetReader.js';
import { renderReportHtml } from './renderReportHtml.js';
import { renderReportPdf } from './renderReportPdf.js';
import { DATA_FOLDER, FIGURES_FOLDER, placedAssetReader, placeReportFiles } from './reportFiles.js';
import type { ReportJson } from './ReportJson.js';
import { validateReport } from './validateReport.js';

export interface WrittenReport {
  /** The report as written to report.json: figure and plot-data files named relative to it. */
  report: ReportJson;
  json: string;
  html?: string;
  pdf?: string;
  /** The figures/ folder (absent when the report has no figure). */
  figures?: string;
  /** The data/ folder with one CSV per plot (absent when the report has no plot). */
  data?: string;
  /** Seconds spent rendering each format (for the step log; never in the report). */
  seconds: { html?: number; pdf?: number };
}

/**
 * Validates the report and writes into `dir`: report.json, report.html, report.pdf, the figure
 * files under figures/<section>/ and every plot's series as CSV under data/<section>/. `report`
 * names its figures relative to each section's folder (read through `assets`); the written
 * report.json names them, and each plot's `dataFile`, relative to its own folder, so the report
 * and its files can be moved together. Each file is written under a temporary name and renamed,
 * so a crash never leaves a half-written report behind, and an invalid report writes nothing.
 */
export async function writeReportFiles(
  report: ReportJson,
  assets: AssetReader,
  dir: string,
  formats: { html?: boolean; pdf?: boolean } = {},
): Promise<WrittenReport> {
  validateReport(report);
  const placed = placeReportFiles(report);
  validateReport(placed.report);
  const placedAssets = placedAssetReader(assets, placed.figures);
  await mkdir(dir, { recursive: true });
  const put = async (name: string, content: string | Uint8Array) => {
    const target = path.join(dir, name);
    await mkdir(path.dirname(target), { recursive: true });
    const temporary = `${target}.${process.pid}.tmp`;
    await writeFile(temporary, content);
    await rename(temporary, target);
    return target;
  };
  // Files of an earlier report written here would otherwise linger beside the new one.
  for (const folder of [FIGURES_FOLDER, DATA_FOLDER]) await rm(path.join(dir, folder), { recursive: true, force: true });
  for (const figure of placed.figures) await put(figure.target, await assets.read(figure.sectionId, figure.source));
  for (const data of placed.plotData) await put(data.target, data.csv);
  const written: WrittenReport = {
    report: placed.report,
    json: await put('report.json', JSON.stringify(placed.report, null, 2) + '\n'),
    ...(placed.figures.length > 0 ? { figures: path.join(dir, FIGURES_FOLDER) } : {}),
    ...(placed.plotData.length > 0 ? { data: path.join(dir, DATA_FOLDER) } : {}),
    seconds: {},
  };
  if (formats.html !== false) {
    const started = performance.now();
    const html = await renderReportHtml(placed.report, placedAssets);
    written.seconds.html = (performance.now() - started) / 1000;
    written.html = await put('report.html', html);
  }
  if (formats.pdf !== false) {
    const started = performance.now();
    const pdf = await renderReportPdf(placed.report, placedAssets);
    written.seconds.pdf = (performance.now() - started) / 1000;
    written.pdf = await put('report.pdf', pdf);
  }
  return written;
}
