import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { memoryAssetReader } from './AssetReader.js';
import { buildReport } from './buildReport.js';
import { reportContext } from './reportContext.js';
import { typesetReportHtml } from './typesetReportHtml.js';
import { typesetReportPdf } from './typesetReportPdf.js';
import { validateReport } from './validateReport.js';

const publicReport = () =>
  buildReport([{ id: '0.a', level: '0', title: 'Mass analysis', method: 'm', status: 'ok', warnings: [], metrics: {} }], {
    entry: {
      mapFile: 'emd_1997.map',
      resolution: 7,
      emdbId: 'EMD-1997',
      authors: ['Clare DK', 'Saibil HR'],
      depositionDate: '2011-12-01',
      fittedModels: ['1OEL'],
      symmetry: 'C7',
      resolutionMethod: 'FSC 0.5',
      expectedMassKDa: 800,
    },
    levels: ['0', '1'],
    mode: 'public',
    tool: 'cryo-vrs',
    version: '9.9.9',
    generatedAt: '2026-05-02T07:25:00.000Z',
  });

describe('the context page and the EMDB provenance in the front matter', () => {
  it('lists the nine levels in canonical order, marking the ones the report ran', () => {
    const context = reportContext(['A', '0']);
    expect(context.levels.map((l) => l.level)).toEqual(['0', '1', '2', '3', '4', '5', 'A', 'W', 'O']);
    expect(context.levels.filter((l) => l.ran).map((l) => l.level)).toEqual(['0', 'A']);
    expect(context.levels.every((l) => l.evidence.length > 0 && l.name.length > 0)).toBe(true);
    expect(context.reference.doi).toBe('10.1039/D2FD00059H');
  });

  it('is in report.json, valid against the schema', () => {
    const report = publicReport();
    validateReport(report);
    expect(report.context?.levels.filter((l) => l.ran).map((l) => l.level)).toEqual(['0', '1']);
    expect(report.mode).toBe('public');
  });

  it('the HTML shows the public badge, the provenance rows and the context table before the summary', async () => {
    const html = await typesetReportHtml(publicReport(), memoryAssetReader({}));
    expect(html).toContain('Public data-based report');
    const front = html.slice(html.indexOf('<header class="front"'), html.indexOf('</header>'));
    for (const text of ['Clare DK, Saibil HR', '2011-12-01', 'Fitted model', '1OEL', 'Symmetry', 'C7', '7 Å (FSC 0.5)', 'Sample weight', '800 kDa']) expect(front).toContain(text);
    expect(front.replaceAll('&#x2F;', '/')).toContain('href="https://www.ebi.ac.uk/pdbe/entry/pdb/1oel"'); // Mustache escapes the slashes
    const context = html.indexOf('<section class="context"');
    expect(context).toBeGreaterThan(html.indexOf('</header>'));
    expect(context).toBeLessThan(html.indexOf('<section class="overall"'));
    expect(html.slice(context, html.indexOf('</section>', context))).toMatch(/<tr class="ran"><th scope="row">1<\/th><td>Two half maps<\/td>/);
  });

  it('the PDF has the same front matter and a context page between the front page and the summary', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'vrs-context-'));
    try {
      const file = join(dir, 'report.pdf');
      writeFileSync(file, await typesetReportPdf(publicReport(), memoryAssetReader({})));
      const page = (n: number) => execFileSync('pdftotext', ['-raw', '-enc', 'UTF-8', '-f', String(n), '-l', String(n), file, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
      expect(page(1)).toMatch(/Public data-based report/);
      for (const text of ['Clare DK, Saibil HR', 'Fitted model 1OEL', 'Symmetry C7', '7 Å (FSC 0.5)', 'Sample weight 800 kDa']) expect(page(1)).toContain(text);
      expect(page(2)).toMatch(/The validation levels/);
      expect(page(2)).toMatch(/Two half maps/);
      expect(page(2)).toMatch(/doi:10\.1039\/D2FD00059H/);
      expect(page(3)).toMatch(/Summarized overall quality/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
