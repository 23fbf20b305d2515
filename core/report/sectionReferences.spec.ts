import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PDFArray, PDFDict, PDFDocument, PDFHexString, PDFName, PDFString } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import { memoryAssetReader } from './AssetReader.js';
import { buildReport } from './buildReport.js';
import type { MethodReference } from './SectionResult.js';
import { typesetReportHtml } from './typesetReportHtml.js';
import { typesetReportPdf } from './typesetReportPdf.js';
import { validateReport } from './validateReport.js';

// Two real papers, typed out here by hand (not taken from the project's reference table).
const BLOCRES: MethodReference = {
  authors: 'Cardone G, Heymann JB, Steven AC',
  year: 2013,
  title: 'One number does not fit all: mapping local variations in resolution in cryo-EM reconstructions',
  journal: 'J Struct Biol 184:226–236',
  doi: '10.1016/j.jsb.2013.08.002',
};
const RESMAP: MethodReference = { authors: 'Kucukelbir A, Sigworth FJ, Tagare HD', year: 2014, journal: 'Nat Methods 11:63–65', doi: '10.1038/nmeth.2727' };

const report = () =>
  buildReport(
    [
      { id: '1.c', level: '1', title: 'Local resolution', method: 'm', status: 'no-criteria', warnings: [], metrics: {}, references: [BLOCRES, RESMAP] },
      { id: '1.d', level: '1', title: 'Other check', method: 'm', status: 'no-criteria', warnings: [], metrics: {} },
    ],
    { entry: { mapFile: 'm.map', resolution: 4 }, tool: 'cryo-vrs', version: '9.9.9', generatedAt: '2026-05-02T07:25:00.000Z' },
  );

/** The HTML with the entities Mustache writes for "/" and "'" turned back into characters. */
function unescaped(html: string): string {
  return html.replaceAll('&#x2F;', '/').replaceAll('&#39;', "'").replaceAll('&#x3D;', '=');
}

describe('method references under a section', () => {
  it('are part of the report.json contract (schema), with the DOI as a bare DOI', () => {
    const r = report();
    validateReport(r);
    expect(r.sections.find((s) => s.id === '1.c')!.references).toEqual([BLOCRES, RESMAP]);
    const withUrl = { ...r, sections: r.sections.map((s) => (s.id === '1.c' ? { ...s, references: [{ ...BLOCRES, doi: 'https://doi.org/10.1016/x' }] } : s)) };
    expect(() => validateReport(withUrl)).toThrow();
  });

  it('HTML: both references listed at the end of their section only, each DOI a doi.org link', async () => {
    const html = unescaped(await typesetReportHtml(report(), memoryAssetReader({})));
    const start = html.indexOf('<article class="section status-no-criteria" id="sec-1-1">');
    const next = html.indexOf('<article class="section status-no-criteria" id="sec-1-2">');
    expect(start).toBeGreaterThan(0);
    expect(next).toBeGreaterThan(start);
    const section = html.slice(start, next);
    const list = section.slice(section.indexOf('<ol class="references">'));
    expect(list).toContain('<li>Cardone G, Heymann JB, Steven AC (2013). One number does not fit all: mapping local variations in resolution in cryo-EM reconstructions. J Struct Biol 184:226–236. <a href="https://doi.org/10.1016/j.jsb.2013.08.002">doi:10.1016/j.jsb.2013.08.002</a></li>');
    expect(list).toContain('<li>Kucukelbir A, Sigworth FJ, Tagare HD (2014). Nat Methods 11:63–65. <a href="https://doi.org/10.1038/nmeth.2727">doi:10.1038/nmeth.2727</a></li>');
    // After the verdict, so the status stays with the criteria.
    expect(section.indexOf('class="references"')).toBeGreaterThan(section.indexOf('class="verdict"'));
    // The section without references has no list.
    expect(html.slice(next)).not.toContain('class="references"');
  });

  it('PDF: pdftotext shows both references with their DOIs, and the DOIs link to doi.org', async () => {
    const bytes = await typesetReportPdf(report(), memoryAssetReader({}));
    const dir = mkdtempSync(path.join(tmpdir(), 'vrs-refs-'));
    try {
      const file = path.join(dir, 'report.pdf');
      writeFileSync(file, bytes);
      const text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
      expect(text).toContain('REFERENCES');
      expect(text).toContain('1. Cardone G, Heymann JB, Steven AC (2013).');
      expect(text).toContain('doi:10.1016/j.jsb.2013.08.002');
      expect(text).toContain('2. Kucukelbir A, Sigworth FJ, Tagare HD (2014). Nat Methods 11:63–65. doi:10.1038/nmeth.2727');
      // The references follow the section's status line, before the next section.
      const at = (s: string) => text.lastIndexOf(s);
      expect(at('doi:10.1038/nmeth.2727')).toBeGreaterThan(at('Local resolution'));
      expect(at('doi:10.1038/nmeth.2727')).toBeLessThan(at('Other check'));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    const pdf = await PDFDocument.load(bytes);
    const uris = pdf.getPages().flatMap((page) => {
      const annots = page.node.lookupMaybe(PDFName.of('Annots'), PDFArray);
      if (!annots) return [];
      return annots.asArray().flatMap((ref) => {
        const action = pdf.context.lookup(ref, PDFDict).lookupMaybe(PDFName.of('A'), PDFDict);
        const uri = action?.lookupMaybe(PDFName.of('URI'), PDFString, PDFHexString);
        return uri ? [uri.decodeText()] : [];
      });
    });
    expect(uris).toEqual(expect.arrayContaining(['https://doi.org/10.1016/j.jsb.2013.08.002', 'https://doi.org/10.1038/nmeth.2727']));
  });
});
