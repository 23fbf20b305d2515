import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildReport, memoryAssetReader, renderReportPdf, validateReport, type SectionResult } from '../../core/index.js';
import { SPECIAL_TITLE, syntheticReport } from './fixtures/syntheticReport.js';
import { outputDir } from './outputDir.js';
import { inkFraction, pdfFonts, pdfImageList, pdfPageCount, pdfPagesAsImages, pdfText } from './poppler.js';

const out = outputDir('report');
const squash = (text: string) => text.replace(/\s+/g, ' ').trim();

describe('PDF report through poppler', () => {
  const fixture = syntheticReport({ title: SPECIAL_TITLE });
  const file = path.join(out, 'report.pdf');
  let pages: ReturnType<typeof pdfPagesAsImages>;

  beforeAll(async () => {
    validateReport(fixture.report);
    writeFileSync(file, await renderReportPdf(fixture.report, fixture.assets));
    pages = pdfPagesAsImages(file, out);
  });

  it('converts to as many PNG pages as the PDF has, none of them blank', () => {
    const count = pdfPageCount(file);
    // Front page, summary, contents, and at least one page per chapter.
    expect(count).toBeGreaterThanOrEqual(3 + fixture.report.outline.length);
    expect(pages).toHaveLength(count);
    const ink = pages.map((p) => inkFraction(p.image));
    ink.forEach((fraction, i) => expect(fraction, `page ${i + 1} looks blank`).toBeGreaterThan(0.004));
  });

  it('numbers every page "Page i of n"', () => {
    const count = pdfPageCount(file);
    for (let page = 1; page <= count; page++) expect(pdfText(file, page)).toContain(`Page ${page} of ${count}`);
  });

  it('has every section heading, the score, the summary rows and the warnings as text', () => {
    const text = squash(pdfText(file));
    for (const s of fixture.report.sections) {
      expect(text).toContain(s.level === 'input' ? `${s.number} ${s.title}` : `${s.number} ${s.id} ${s.title}`);
    }
    expect(text).toContain('The overall score (passing tests) of this report is 3 out of 6 evaluable items.');
    for (const row of fixture.report.summary.rows) expect(text).toContain(`${row.label} Sec. ${row.sectionNumber} ${row.statusText}`);
    for (const w of fixture.report.summary.warnings.flatMap((g) => g.warnings)) expect(text).toContain(squash(w));
    expect(text).toContain('Could not be measured: No α-helix was found above the threshold (out of memory while searching).');
  });

  it('prints the special-character title as typed (fonts cover Å, σ, ², ³, ⁻, ≤, ≥, °)', () => {
    const front = squash(pdfText(file, 1));
    expect(front).toContain(SPECIAL_TITLE);
    expect(squash(pdfText(file))).toContain('1/d² (Å⁻²)');
    const fonts = pdfFonts(file);
    expect(fonts.length).toBeGreaterThanOrEqual(2);
    expect(fonts.every((f) => f.embedded)).toBe(true);
    expect(fonts.map((f) => f.name).join(' ')).toMatch(/DejaVuSans/);
  });

  it('gives a table of contents whose page numbers point at the pages the sections are on', () => {
    const count = pdfPageCount(file);
    const pageTexts = Array.from({ length: count }, (_, i) => squash(pdfText(file, i + 1)));
    const tocPage = pageTexts.findIndex((t) => t.startsWith('Contents') && t.includes('. . .'));
    expect(tocPage).toBeGreaterThan(0);
    const toc = pdfText(file, tocPage + 1).split('\n');
    let checked = 0;
    for (const s of fixture.report.sections) {
      const heading = s.level === 'input' ? `${s.number} ${s.title}` : `${s.number} ${s.id} ${s.title}`;
      const line = toc.find((l) => squash(l.replace(/(\.\s)+/g, ' ')).startsWith(heading));
      expect(line, `contents line for ${heading}`).toBeDefined();
      const page = Number(/(\d+)\s*$/.exec(line!)![1]);
      expect(pageTexts[page - 1], `${heading} on page ${page}`).toContain(heading);
      checked++;
    }
    expect(checked).toBe(fixture.report.sections.length);
  });

  it('embeds every picture panel as an image', () => {
    const images = pdfImageList(file);
    expect(images).toHaveLength(fixture.panelCount);
    const panels = fixture.report.sections.flatMap((s) => (s.figures ?? []).flatMap((f) => f.panels));
    expect(images.map((i) => [i.width, i.height])).toEqual(panels.map((p) => [p.width, p.height]));
  });

  it('breaks a long table across pages and repeats its header', async () => {
    const rows = Array.from({ length: 120 }, (_, i) => ({ threshold: i / 100, voxels: 1000 - i, kDa: i * 1.5, residues: i * 13 }));
    const section: SectionResult = {
      id: '0.b',
      level: '0',
      title: 'Mask analysis',
      method: 'm',
      status: 'ok',
      warnings: [],
      metrics: {},
      tables: [
        {
          id: 'mass',
          caption: 'A long table.',
          columns: [
            { key: 'threshold', label: 'Threshold', format: '%5.4f' },
            { key: 'voxels', label: 'Voxel mass', format: '%d' },
            { key: 'kDa', label: 'Molecular mass', unit: 'kDa', format: '%5.2f' },
            { key: 'residues', label: '# Amino acids', format: '%5.2f' },
          ],
          rows,
        },
      ],
    };
    const report = buildReport([section], { entry: { mapFile: 'long.map', resolution: 3 }, generatedAt: '2026-01-01T00:00:00Z' });
    const longFile = path.join(out, 'report-long-table.pdf');
    writeFileSync(longFile, await renderReportPdf(report, memoryAssetReader({})));
    const count = pdfPageCount(longFile);
    const withHeader = Array.from({ length: count }, (_, i) => squash(pdfText(longFile, i + 1))).filter((t) => t.includes('Threshold Voxel mass Molecular mass (kDa) # Amino acids'));
    expect(withHeader.length).toBeGreaterThanOrEqual(2);
    const all = squash(pdfText(longFile));
    expect(all).toContain('0.0000 1000 0.00 0.00');
    expect(all).toContain('1.1900 881 178.50 1547.00');
  });
});

describe('PDF report with a very long title (issue 15)', () => {
  it('a 10 kB title renders in seconds, its start on the front page and shortened with an ellipsis in the page headers', async () => {
    const words = Array.from({ length: 2000 }, (_, i) => `w${i}`).join(' ');
    const title = `${words} END`;
    expect(title.length).toBeGreaterThan(10_000);
    const fixture = syntheticReport({ title });
    const started = performance.now();
    const bytes = await renderReportPdf(fixture.report, fixture.assets);
    // Before: each page header re-measured the title once per character dropped (about 400 s).
    expect(performance.now() - started).toBeLessThan(20_000);
    const file = path.join(out, 'report-long-title.pdf');
    writeFileSync(file, bytes);
    const header = squash(pdfText(file, pdfPageCount(file)));
    expect(header).toMatch(/Validation report w0 w1 w2 .*…/);
    // The front page shows the start and says where the whole title is.
    expect(squash(pdfText(file, 1))).toMatch(/w0 w1 w2 .*… \(title shortened from \d+ characters; the whole title is in report\.json and report\.html\)/);
  }, 60_000);
});
