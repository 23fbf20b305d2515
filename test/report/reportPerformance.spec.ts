import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { renderReportHtml, renderReportPdf } from '../../core/index.js';
import { syntheticReport } from './fixtures/syntheticReport.js';
import { outputDir } from './outputDir.js';
import { pdfPageCount } from './poppler.js';

describe('report rendering time', () => {
  it('renders HTML and PDF of a level-0 report of a 220³ map (33 pictures) in under 5 s', async () => {
    // Pictures as the checks leave them: 220-pixel slices (enlarged to 440), 480×480 views.
    const fixture = syntheticReport({ size: 220, viewSize: 480 });
    expect(fixture.panelCount).toBeGreaterThanOrEqual(30);
    const started = performance.now();
    const html = await renderReportHtml(fixture.report, fixture.assets);
    const htmlDone = performance.now();
    const pdf = await renderReportPdf(fixture.report, fixture.assets);
    const pdfDone = performance.now();
    const htmlSeconds = (htmlDone - started) / 1000;
    const pdfSeconds = (pdfDone - htmlDone) / 1000;
    const out = outputDir('report');
    writeFileSync(path.join(out, 'report-220.html'), html);
    writeFileSync(path.join(out, 'report-220.pdf'), pdf);
    console.log(
      `220³ report, ${fixture.panelCount} pictures: HTML ${htmlSeconds.toFixed(2)} s (${(html.length / 1e6).toFixed(1)} MB), ` +
        `PDF ${pdfSeconds.toFixed(2)} s (${(pdf.length / 1e6).toFixed(1)} MB, ${pdfPageCount(path.join(out, 'report-220.pdf'))} pages)`,
    );
    expect(htmlSeconds + pdfSeconds).toBeLessThan(5);
  });
});
