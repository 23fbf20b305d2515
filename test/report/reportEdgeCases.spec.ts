import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  buildReport,
  folderAssetReader,
  memoryAssetReader,
  renderReportHtml,
  renderReportPdf,
  validateReport,
  VrsInputError,
  type SectionResult,
} from '../../core/index.js';
import { SPECIAL_TITLE } from './fixtures/syntheticReport.js';
import { outputDir } from './outputDir.js';
import { inkFraction, pdfPageCount, pdfPagesAsImages, pdfText } from './poppler.js';

const out = outputDir('report-edge');
const entry = { mapFile: 'map.mrc', resolution: null };

/** What the engine substitutes for a check that crashed: a failed section with the reason. */
function failedPlaceholder(id: string, title: string, reason: string): SectionResult {
  return { id, level: id === 'input' ? 'input' : id.split('.')[0]!, title, method: 'not run', status: 'failed', reason, warnings: [], metrics: {} };
}

describe('reports in unusual states', () => {
  it('renders a report where every check failed: score 0 out of 0, reasons shown', async () => {
    const sections = [
      failedPlaceholder('input', 'Input data', 'The map file could not be read: NaN voxels in section 3.'),
      failedPlaceholder('0.a', 'Mass analysis', 'Step "mass" crashed: RangeError: Invalid array length'),
      failedPlaceholder('0.b', 'Mask analysis', 'Empty mask at threshold 99 (map maximum 3.47); try 1.0.'),
    ];
    const report = buildReport(sections, { entry: { ...entry, title: SPECIAL_TITLE } });
    validateReport(JSON.parse(JSON.stringify(report)));
    expect(report.score).toEqual({ passed: 0, evaluable: 0 });
    expect(report.summary.alerts).toHaveLength(1);

    const html = await renderReportHtml(report, memoryAssetReader({}));
    expect(html).toContain('0 out of 0 evaluable items');
    expect(html).toContain('Step &quot;mass&quot; crashed: RangeError: Invalid array length');
    expect(html).toContain('No warnings.');

    const file = path.join(out, 'all-failed.pdf');
    writeFileSync(file, await renderReportPdf(report, memoryAssetReader({})));
    const pages = pdfPagesAsImages(file, out);
    expect(pages).toHaveLength(pdfPageCount(file));
    pages.forEach((p) => expect(inkFraction(p.image)).toBeGreaterThan(0.002));
    const text = pdfText(file).replace(/\s+/g, ' ');
    expect(text).toContain('Could not be measured: Empty mask at threshold 99 (map maximum 3.47); try 1.0.');
    expect(text).toContain(SPECIAL_TITLE);
    expect(text).toContain('No resolution was reported');
  });

  it('renders a report with no section at all', async () => {
    const report = buildReport([], { entry });
    validateReport(report);
    expect(report.levels).toEqual([]);
    const html = await renderReportHtml(report, memoryAssetReader({}));
    expect(html).toContain('No section has automatic criteria.');
    const file = path.join(out, 'empty.pdf');
    writeFileSync(file, await renderReportPdf(report, memoryAssetReader({})));
    // Front page, the context page of the levels, summary, contents.
    expect(pdfPageCount(file)).toBe(4);
  });

  it('says which figure file is missing or is not a PNG', async () => {
    const section: SectionResult = {
      id: 'input',
      level: 'input',
      title: 'Input data',
      method: 'import',
      status: 'no-criteria',
      warnings: [],
      metrics: {},
      figures: [{ id: 'f', caption: 'slices', panels: [{ file: 'x.png', caption: 'X', width: 10, height: 10 }] }],
    };
    const report = buildReport([section], { entry });
    const dir = path.join(out, 'input');
    const reader = folderAssetReader({ input: dir });
    await expect(renderReportHtml(report, reader)).rejects.toThrow(VrsInputError);
    await expect(renderReportHtml(report, reader)).rejects.toThrow(/input\/x\.png.*figure file not found/);
    await expect(renderReportPdf(report, memoryAssetReader({ 'input/x.png': new TextEncoder().encode('GIF89a not a png at all, sorry') }))).rejects.toThrow(
      /input\/x\.png.*not a PNG/,
    );
  });

  it('refuses figure names that leave the section folder', async () => {
    const reader = folderAssetReader({ input: out });
    await expect(reader.read('input', '../secret.png')).rejects.toThrow(/plain file name/);
  });

  it('refuses to render a report that does not match the schema', async () => {
    const report = buildReport([], { entry }) as unknown as Record<string, unknown>;
    delete report.score;
    await expect(renderReportHtml(report as never, memoryAssetReader({}))).rejects.toThrow(/report\.json.*score/);
  });
});
