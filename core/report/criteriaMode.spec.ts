import { describe, expect, it } from 'vitest';
import { memoryAssetReader } from './AssetReader.js';
import { buildReport } from './buildReport.js';
import { criteriaModeLine, withCompatibility } from './criteriaMode.js';
import { typesetReportHtml } from './typesetReportHtml.js';
import { validateReport } from './validateReport.js';

const fixed = { tool: 'cryo-vrs', version: '9.9.9', generatedAt: '2026-05-02T07:25:00.000Z' };
const built = () =>
  buildReport([{ id: '0.a', level: '0', title: 'Mass analysis', method: 'm', status: 'ok', warnings: [], metrics: {} }], {
    entry: { mapFile: 'm.map', resolution: 4 },
    ...fixed,
  });

describe('the criteria mode in report.json and the front matter', () => {
  it('sets a top-level compatibility right after mode, valid against the schema', () => {
    for (const mode of ['corrected', 'original'] as const) {
      const report = withCompatibility(built(), mode);
      validateReport(report);
      expect(report.compatibility).toBe(mode);
      const keys = Object.keys(report);
      expect(keys[keys.indexOf('mode') + 1]).toBe('compatibility');
    }
  });

  it('replaces an earlier value instead of adding a second key', () => {
    const twice = withCompatibility(withCompatibility(built(), 'original'), 'corrected');
    expect(twice.compatibility).toBe('corrected');
    expect(Object.keys(twice).filter((k) => k === 'compatibility')).toHaveLength(1);
  });

  it('prints one line per mode, none when the mode is not recorded', () => {
    expect(criteriaModeLine('corrected')).toBe("Criteria: corrected (the original's evident bugs fixed, docs/differences.md)");
    expect(criteriaModeLine('original')).toMatch(/^Criteria: original \(/);
    expect(criteriaModeLine(undefined)).toBeNull();
  });

  it('the HTML front matter carries the line', async () => {
    const html = await typesetReportHtml(withCompatibility(built(), 'corrected'), memoryAssetReader({}));
    const front = html.slice(html.indexOf('<header class="front"'), html.indexOf('</header>'));
    expect(front).toContain('<p class="criteria-mode">Criteria: corrected (the original&#39;s evident bugs fixed, docs&#x2F;differences.md)</p>');
    const without = await typesetReportHtml(built(), memoryAssetReader({}));
    expect(without).not.toContain('class="criteria-mode"');
  });
});
