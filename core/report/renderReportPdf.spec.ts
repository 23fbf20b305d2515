import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { PAGE_HEIGHT, PAGE_WIDTH } from './PdfFlow.js';
import { PDF_PAGE_SIZE } from './renderReportPdf.js';

const repoRoot = path.resolve(import.meta.dirname, '../..');

describe('the report renderers are loaded on first use', () => {
  it('importing the public API loads neither pdf-lib, fontkit nor mustache; rendering does', () => {
    // A fresh process: vitest itself has these packages loaded already.
    const script = `
      import { createRequire } from 'node:module';
      const core = await import('./core/index.ts');
      const loaded = () => Object.keys(createRequire(import.meta.url).cache).filter((k) => /node_modules[\\\\/](pdf-lib|@pdf-lib|mustache)[\\\\/]/.test(k)).length;
      const before = loaded();
      const report = core.buildReport([], { entry: { mapFile: 'x.map', resolution: null } });
      await core.renderReportHtml(report, core.memoryAssetReader({}));
      await core.renderReportPdf(report, core.memoryAssetReader({}));
      console.log(JSON.stringify({ before, after: loaded() }));`;
    const out = execFileSync(process.execPath, ['--import', 'tsx/esm', '--input-type=module', '-e', script], { cwd: repoRoot, encoding: 'utf8' });
    const { before, after } = JSON.parse(out.trim().split('\n').pop()!) as { before: number; after: number };
    expect(before).toBe(0);
    expect(after).toBeGreaterThan(0);
  });

  it('publishes the page size the typesetter uses (A4: 210 × 297 mm at 72 pt per inch)', () => {
    expect(PDF_PAGE_SIZE).toEqual({ width: PAGE_WIDTH, height: PAGE_HEIGHT });
    expect(PDF_PAGE_SIZE.width).toBeCloseTo((210 / 25.4) * 72, 1);
    expect(PDF_PAGE_SIZE.height).toBeCloseTo((297 / 25.4) * 72, 1);
  });
});
