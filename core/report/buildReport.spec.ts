import { describe, expect, it } from 'vitest';
import { buildReport, sortLevels } from './buildReport.js';
import type { SectionResult, SectionStatus } from './SectionResult.js';
import { validateReport } from './validateReport.js';

function section(id: string, level: string, status: SectionStatus, extra: Partial<SectionResult> = {}): SectionResult {
  const warnings = status === 'warnings' ? ['Something is off.'] : [];
  return { id, level, title: `Title ${id}`, method: 'method', status, warnings, metrics: {}, ...extra };
}

// The statuses of the EMD-5138 example report (vrs-spec §20.2): score 4 out of 8.
const emd5138 = (): SectionResult[] => [
  section('input', 'input', 'no-criteria', { title: 'Input data' }),
  section('0.a', '0', 'ok', { summaryLabel: '0.a Mass analysis', abstract: 'The map seems to be well centred.' }),
  section('0.b', '0', 'warnings', { summaryLabel: '0.b Mask analysis', abstract: 'There seems to be a problem with the suggested threshold.' }),
  section('0.c', '0', 'warnings', { summaryLabel: '0.c Background analysis', warnings: ['w1', 'w2'], abstract: "There seems to be a problem with the map's background." }),
  section('0.d', '0', 'ok', { summaryLabel: '0.d B-factor analysis' }),
  section('0.e', '0', 'ok', { summaryLabel: '0.e DeepRes', resolutionEstimates: [{ method: 'DeepRes (median)', value: 4.66 }] }),
  section('0.f', '0', 'warnings', { summaryLabel: '0.f LocBfactor', abstract: 'There seems to be a problem with its local B-factor' }),
  section('0.g', '0', 'ok', { summaryLabel: '0.g LocOccupancy' }),
  section('0.h', '0', 'warnings', { summaryLabel: '0.h DeepHand', abstract: 'There seems to be a problem with the map hand.' }),
];

const entry = { mapFile: 'emd_5138.map', resolution: 4.8 };
const fixed = { tool: 'cryo-vrs', version: '9.9.9', generatedAt: '2026-05-02T07:25:00.000Z' };

describe('buildReport', () => {
  const report = buildReport(emd5138(), { entry, ...fixed });

  it('scores like the original: 4 passing out of 8 evaluable for EMD-5138', () => {
    expect(report.score).toEqual({ passed: 4, evaluable: 8 });
    expect(report.summary.scoreSentence).toBe('The overall score (passing tests) of this report is 4 out of 8 evaluable items.');
  });

  it('numbers chapters and sections as the original (Input data 1, Level 0 sections 2.1 … 2.8)', () => {
    expect(report.outline.map((c) => [c.number, c.title])).toEqual([['1', 'Input data'], ['2', 'Level 0 analysis']]);
    expect(report.sections.map((s) => s.number)).toEqual(['1', '2.1', '2.2', '2.3', '2.4', '2.5', '2.6', '2.7', '2.8']);
  });

  it('has one summary row per level section with its status text, none for input data', () => {
    expect(report.summary.rows.map((r) => `${r.label} | Sec. ${r.sectionNumber} | ${r.statusText}`)).toEqual([
      '0.a Mass analysis | Sec. 2.1 | OK',
      '0.b Mask analysis | Sec. 2.2 | 1 warning',
      '0.c Background analysis | Sec. 2.3 | 2 warnings',
      '0.d B-factor analysis | Sec. 2.4 | OK',
      '0.e DeepRes | Sec. 2.5 | OK',
      '0.f LocBfactor | Sec. 2.6 | 1 warning',
      '0.g LocOccupancy | Sec. 2.7 | OK',
      '0.h DeepHand | Sec. 2.8 | 1 warning',
    ]);
  });

  it('writes the abstract in section order, pointing problem sentences at their section', () => {
    expect(report.summary.abstract.map((a) => a.sentence)).toEqual([
      'The map seems to be well centred.',
      'There seems to be a problem with the suggested threshold (see Sec. 2.2).',
      "There seems to be a problem with the map's background (see Sec. 2.3).",
      'There seems to be a problem with its local B-factor (see Sec. 2.6).',
      'There seems to be a problem with the map hand (see Sec. 2.8).',
    ]);
  });

  it('writes the resolution paragraph with %4.1f values (one estimate 4.66 → 4.7 Å; reported 4.8 Å)', () => {
    const r = report.summary.resolution!;
    expect(r.min).toBe(4.66);
    expect(r.mayBeOverestimated).toBe(false);
    expect(r.sentences).toEqual(['The resolution estimated by DeepRes (median) is 4.7 Å.', 'The reported resolution is 4.8 Å.']);
  });

  it('says when the reported resolution may be overestimated (below 0.8 × mean estimate)', () => {
    const sections = [
      section('1.a', '1', 'ok', { resolutionEstimates: [{ method: 'FSC 0.143', value: 4.0 }] }),
      section('1.e', '1', 'ok', { resolutionEstimates: [{ method: 'MonoRes', value: 4.2 }] }),
    ];
    // mean 4.1, 0.8 × 4.1 = 3.28 > 3.0
    const r = buildReport(sections, { entry: { mapFile: 'm.map', resolution: 3.0 }, ...fixed }).summary.resolution!;
    expect(r.mean).toBeCloseTo(4.1, 12);
    expect(r.mayBeOverestimated).toBe(true);
    expect(r.sentences[0]).toBe('The resolution estimated by 2 methods goes from 4.0 Å to 4.2 Å, with an average of 4.1 Å.');
    expect(r.sentences[2]).toContain('may be overestimated');
    const fine = buildReport(sections, { entry: { mapFile: 'm.map', resolution: 3.3 }, ...fixed }).summary.resolution!;
    expect(fine.mayBeOverestimated).toBe(false);
  });

  it('lists the warnings by section and alerts when no resolution was reported', () => {
    expect(report.summary.warnings.map((w) => [w.sectionNumber, w.label, w.warnings.length])).toEqual([
      ['2.2', '0.b Mask analysis', 1],
      ['2.3', '0.c Background analysis', 2],
      ['2.6', '0.f LocBfactor', 1],
      ['2.8', '0.h DeepHand', 1],
    ]);
    expect(report.summary.alerts).toEqual([]);
    const noResolution = buildReport(emd5138(), { entry: { mapFile: 'x.map', resolution: null }, ...fixed });
    expect(noResolution.summary.alerts).toHaveLength(1);
    expect(noResolution.summary.resolution!.sentences[1]).toBe('The resolution was not reported.');
  });

  it('puts levels and sections in canonical order whatever order they come in', () => {
    const shuffled = [
      section('A.a', 'A', 'ok'),
      section('0.b', '0', 'ok'),
      section('halfmaps', 'input', 'no-criteria', { title: 'Half maps' }),
      section('1.a', '1', 'ok'),
      section('input', 'input', 'no-criteria', { title: 'Input data' }),
      section('0.a', '0', 'ok'),
      section('model', 'input', 'no-criteria', { title: 'Atomic model' }),
      section('A.b', 'A', 'ok'),
    ];
    const r = buildReport(shuffled, { entry, ...fixed });
    expect(r.levels).toEqual(['0', '1', 'A']);
    expect(r.outline.map((c) => c.title)).toEqual(['Input data', 'Level 0 analysis', 'Half maps', 'Level 1 analysis', 'Atomic model', 'Level A analysis']);
    expect(r.sections.map((s) => s.id)).toEqual(['input', '0.a', '0.b', 'halfmaps', '1.a', 'model', 'A.a', 'A.b']);
    expect(sortLevels(['A', '0', 'O', '1', 'A', 'X', 'W'])).toEqual(['0', '1', 'A', 'W', 'O', 'X']);
  });

  it('refuses sections that contradict themselves', () => {
    expect(() => buildReport([section('0.a', '0', 'ok', { warnings: ['x'] })], { entry, ...fixed })).toThrow(/0\.a.*"ok"/);
    expect(() => buildReport([{ ...section('0.a', '0', 'warnings'), warnings: [] }], { entry, ...fixed })).toThrow(/no warning/);
    expect(() => buildReport([section('0.a', '0', 'ok'), section('0.a', '0', 'ok')], { entry, ...fixed })).toThrow(/two sections/);
  });

  it('fills tool and version from package.json and the time from the clock by default', () => {
    const r = buildReport(emd5138(), { entry });
    expect(r.tool).toBe('cryo-vrs');
    expect(r.version).toMatch(/^\d+\.\d+\.\d+/);
    expect(Math.abs(Date.parse(r.generatedAt) - Date.now())).toBeLessThan(60_000);
  });

  it('produces reports that pass the schema', () => {
    expect(() => validateReport(report)).not.toThrow();
    expect(() => validateReport(JSON.parse(JSON.stringify(report)))).not.toThrow();
  });
});

describe('validateReport', () => {
  const good = () => JSON.parse(JSON.stringify(buildReport(emd5138(), { entry, ...fixed })));

  it('names the field at fault for schema errors', () => {
    const bad = good();
    bad.sections[1].status = 'fine';
    expect(() => validateReport(bad, 'run/report.json')).toThrow(/run\/report\.json \[\/sections\/1\/status\].*must be equal to one of the allowed values/);
  });

  it('rejects a score that does not match the statuses, and unsafe figure file names', () => {
    const bad = good();
    bad.score.passed = 5;
    expect(() => validateReport(bad)).toThrow(/score 5\/8/);
    const traversal = good();
    traversal.sections[0].figures = [{ id: 'f', caption: 'c', panels: [{ file: '../../etc/passwd.png', caption: '', width: 1, height: 1 }] }];
    expect(() => validateReport(traversal)).toThrow(/panels\/0\/file/);
  });

  it('rejects "ok" with warnings, and reports with missing required parts', () => {
    const bad = good();
    bad.sections[1].warnings = ['a warning'];
    expect(() => validateReport(bad)).toThrow(/warnings/);
    const incomplete = good();
    delete incomplete.summary;
    expect(() => validateReport(incomplete)).toThrow(/summary/);
    expect(() => validateReport(null)).toThrow(/must be object/);
  });
});
