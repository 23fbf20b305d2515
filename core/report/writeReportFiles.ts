import { mkdir, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { AssetReader } from './AssetReader.js';
import { renderReportHtml } from './renderReportHtml.js';
import { renderReportPdf } from './renderReportPdf.js';
import type { ReportJson } from './ReportJson.js';
import { validateReport } from './validateReport.js';

export interface WrittenReport {
  json: string;
  html?: string;
  pdf?: string;
  /** Seconds spent rendering each format. */
  seconds: { html?: number; pdf?: number };
}

/**
 * Validates the report and writes report.json, report.html and report.pdf into `dir`. Each file
 * is written under a temporary name and renamed, so a crash never leaves a half-written report
 * behind, and an invalid report writes nothing.
 */
export async function writeReportFiles(
  report: ReportJson,
  assets: AssetReader,
  dir: string,
  formats: { html?: boolean; pdf?: boolean } = {},
): Promise<WrittenReport> {
  validateReport(report);
  await mkdir(dir, { recursive: true });
  const put = async (name: string, content: string | Uint8Array) => {
    const target = path.join(dir, name);
    const temporary = `${target}.${process.pid}.tmp`;
    await writeFile(temporary, content);
    await rename(temporary, target);
    return target;
  };
  const written: WrittenReport = { json: await put('report.json', JSON.stringify(report, null, 2) + '\n'), seconds: {} };
  if (formats.html !== false) {
    const started = performance.now();
    const html = await renderReportHtml(report, assets);
    written.seconds.html = (performance.now() - started) / 1000;
    written.html = await put('report.html', html);
  }
  if (formats.pdf !== false) {
    const started = performance.now();
    const pdf = await renderReportPdf(report, assets);
    written.seconds.pdf = (performance.now() - started) / 1000;
    written.pdf = await put('report.pdf', pdf);
  }
  return written;
}
