// Layout of the rendered report, read back from the real outputs: the PDF through poppler (how far
// down each page the ink reaches, which page each table's cells landed on, what opens each page),
// the HTML in headless Chromium at a phone's and a desktop's width (page overflow, the on-screen
// size of every plot text, hidden table columns). Run on the synthetic report (always) and on a
// level-0 run of EMD-1997 through the CLI (when ../shared/data is present).
import { existsSync, writeFileSync } from 'node:fs';
import path, { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { renderReportHtml, renderReportPdf, type ReportJson } from '../../core/index.js';
import { launchChromium } from './chromium.js';
import { syntheticReport } from './fixtures/syntheticReport.js';
import { outputDir } from './outputDir.js';
import { firstLines, pageFill, partEndPages, tablePages } from './pdfLayout.js';
import { pdfPageCount, pdfPagesAsImages } from './poppler.js';
import { parseSummary, readReportJson, repoRoot, tempDir, vrs } from './reportRun.js';

// Browser globals used inside page.evaluate (the project's type check has no DOM library).
/* eslint-disable @typescript-eslint/no-explicit-any */
declare const document: any;
declare const getComputedStyle: any;

/** A page may be less full than this only when it is the last page of a part (chapter, summary, …). */
const MIN_FILL = 0.2;
/** Tables of at most this many rows must sit on one page. */
const SMALL_TABLE_ROWS = 12;
/** Smallest on-screen size of a plot's or colour bar's text, in CSS px. */
const MIN_TEXT_PX = 9;

interface PdfLayout {
  pages: { page: number; fill: number; partEnd: boolean; firstLine: string }[];
  tables: ReturnType<typeof tablePages>;
}

function readPdfLayout(file: string, report: ReportJson, dir: string): PdfLayout {
  const count = pdfPageCount(file);
  const images = pdfPagesAsImages(file, dir, 30);
  const ends = partEndPages(file, count, report);
  const firsts = firstLines(file, count);
  return {
    pages: images.map((p, i) => ({ page: i + 1, fill: pageFill(p.image), partEnd: ends.has(i + 1), firstLine: firsts[i]! })),
    tables: tablePages(file, count, report),
  };
}

function expectPdfLayout(layout: PdfLayout): void {
  const sparse = layout.pages.filter((p) => !p.partEnd && p.fill < MIN_FILL);
  expect(sparse, `pages under ${MIN_FILL * 100} % full that do not end a part: ${JSON.stringify(sparse)}`).toEqual([]);
  for (const t of layout.tables) {
    expect(t.pages.length, `Table ${t.number} (${t.caption}) was not found`).toBeGreaterThan(0);
    if (t.rows <= SMALL_TABLE_ROWS) expect(t.pages, `Table ${t.number} (${t.rows} rows) split across pages`).toHaveLength(1);
  }
  // A status line never opens a page: it stays with its section's criteria.
  expect(layout.pages.filter((p) => p.firstLine.startsWith('Status:')).map((p) => p.page)).toEqual([]);
}

interface HtmlFacts {
  viewport: number;
  scrollWidth: number;
  texts: number;
  smallTexts: { text: string; px: number }[];
  clippedTables: { caption: string; scrollWidth: number; clientWidth: number }[];
}

async function htmlFacts(file: string, width: number, screenshot?: string): Promise<HtmlFacts> {
  const chromium = await launchChromium({ width, height: 900 });
  try {
    const page = await chromium.context.newPage();
    await page.goto(pathToFileURL(file).href);
    await page.waitForLoadState('load');
    const facts = await page.evaluate(() => {
      // On-screen size of an SVG text: its font size in user units times the SVG's scale to the screen.
      const texts = [...document.querySelectorAll('svg text')].map((t: any) => {
        const m = t.getScreenCTM();
        return { text: t.textContent as string, px: parseFloat(getComputedStyle(t).fontSize) * Math.hypot(m.a, m.b) };
      });
      return {
        viewport: document.documentElement.clientWidth as number,
        scrollWidth: document.documentElement.scrollWidth as number,
        texts: texts.length,
        smallTexts: texts.filter((t) => t.px < 9),
        clippedTables: [...document.querySelectorAll('.table-scroll')]
          .filter((d: any) => d.scrollWidth > d.clientWidth + 1)
          .map((d: any) => ({ caption: d.parentElement.querySelector('figcaption')?.textContent as string, scrollWidth: d.scrollWidth as number, clientWidth: d.clientWidth as number })),
      };
    });
    if (screenshot) await page.screenshot({ path: screenshot, fullPage: true });
    await page.close();
    return facts;
  } finally {
    await chromium.close();
  }
}

function expectHtmlLayout(facts: HtmlFacts): void {
  expect(facts.scrollWidth, `page wider than the ${facts.viewport} px window`).toBeLessThanOrEqual(facts.viewport);
  expect(facts.texts).toBeGreaterThan(0);
  expect(facts.smallTexts, `plot texts under ${MIN_TEXT_PX} px`).toEqual([]);
  expect(facts.clippedTables, 'tables with hidden columns').toEqual([]);
}

describe('report layout: synthetic report', () => {
  const out = outputDir('report-layout-synthetic');
  const fixture = syntheticReport();
  const pdfFile = path.join(out, 'report.pdf');
  const htmlFile = path.join(out, 'report.html');

  beforeAll(async () => {
    writeFileSync(pdfFile, await renderReportPdf(fixture.report, fixture.assets));
    writeFileSync(htmlFile, await renderReportHtml(fixture.report, fixture.assets));
  }, 120_000);

  it('PDF: no page under a fifth full but the last of a part; small tables whole; no status apart from its criteria', () => {
    expectPdfLayout(readPdfLayout(pdfFile, fixture.report, out));
  });

  it.each([400, 1280])('HTML at %i px: no horizontal overflow, plot text at least 9 px, every table column visible', async (width) => {
    expectHtmlLayout(await htmlFacts(htmlFile, width, path.join(out, `report-${width}.png`)));
  }, 120_000);
});

const dataDir = path.resolve(repoRoot, '../shared/data');
const hasData = existsSync(dataDir);
if (!hasData) console.warn(`skipping the EMD-1997 report layout test: ${dataDir} is absent`);

describe.skipIf(!hasData)('report layout: level-0 report of EMD-1997', () => {
  const out = outputDir('report-layout-emd1997');
  const run = join(tempDir('vrs-layout-'), 'run');
  let report: ReportJson;

  beforeAll(async () => {
    const map = join(dataDir, 'level0/emd_1997.map');
    const result = await vrs(['--json', 'run', join(repoRoot, 'workflows/level0.yaml'), '-p', `map=${map}`, '-p', 'threshold=1.0', '-p', 'resolution=7', '-p', 'emdbId=EMD-1997', '--out', run]);
    const summary = parseSummary(result);
    expect(summary.steps.find((s) => s.step === 'report')?.outcome, result.stderr).toBe('success');
    report = readReportJson(run);
  }, 600_000);

  it('PDF: no page under a fifth full but the last of a part; small tables whole; no status apart from its criteria', () => {
    const layout = readPdfLayout(join(run, 'report.pdf'), report, out);
    writeFileSync(join(out, 'layout.json'), JSON.stringify(layout, null, 1));
    // The report has small tables (the percentiles of 0.e–0.g have five rows).
    expect(layout.tables.filter((t) => t.rows <= SMALL_TABLE_ROWS).length).toBeGreaterThan(0);
    expectPdfLayout(layout);
  });

  it.each([400, 1280])('HTML at %i px: no horizontal overflow, plot text at least 9 px, every table column visible', async (width) => {
    expectHtmlLayout(await htmlFacts(join(run, 'report.html'), width, path.join(out, `report-${width}.png`)));
  }, 120_000);
});
