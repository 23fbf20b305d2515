// Level A on every map–model pair of ../shared/data/levelA (README there): every section ends in a
// defined status with its report.json contract; the negative control (EMD-1997 with the unfitted
// 1OEL) stops at the fit check; with half maps and a model `vrs validate` runs levels 0, 1 and A,
// FSC-Q included.
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { validateReport } from '../../core/index.js';
import { cli, repoRoot, tempDir } from '../engine/helpers.js';

const dataDir = resolve(repoRoot, '../shared/data');
const haveData = existsSync(join(dataDir, 'levelA'));
if (!haveData) console.warn(`SKIPPED the real map–model level-A tests: ${dataDir}/levelA is absent`);

const defined = new Set(['ok', 'warnings', 'not-applicable', 'failed', 'no-criteria']);
const levelA = ['model', 'A.fit', 'A.a', 'A.c', 'A.d', 'A.e', 'A.f', 'A.g', 'A.inclusion'];

interface Section {
  id: string;
  status: string;
  reason?: string;
  warnings: string[];
  metrics: Record<string, unknown>;
}
interface Report {
  levels: string[];
  score: { passed: number; evaluable: number };
  sections: Section[];
}

// Contours as in test/level0/thresholds.ts (author levels where known, else the outer-shell rule).
const pairs = [
  { name: 'emd_20026', map: 'levelA/emd_20026_zone.mrc', model: 'levelA/emd_20026_3ajo_fitted_refined.pdb', threshold: 0.0024, resolution: 1.75 },
  { name: 'emd_5168', map: 'level0/emd_5168.map', model: 'levelA/emd_5168_3mfp_model.pdb', threshold: 10, resolution: 6.6 },
  { name: 'emd_30342', map: 'levelA/emd_30342_chainA_zone.mrc', model: 'levelA/7cec_chainA.cif', threshold: 0.011, resolution: 3.9 },
  { name: 'emd_6272', map: 'levelA/emd_6272_fragment.mrc', model: 'levelA/emd_6272_fragment.pdb', threshold: 21.6 },
  { name: 'emd_2566', map: 'levelA/emd_2566_3j6b_chain9_zone.mrc', model: 'levelA/3j6b_chain9.pdb', threshold: 0.041, resolution: 3.4 },
  { name: 'emd_1997 (negative control)', map: 'level0/emd_1997.map', model: 'levelA/emd_1997_1oel_unfitted.pdb', threshold: 1.0, resolution: 7.0 },
] as const;

function readReport(out: string): { report: Report; byId: Map<string, Section> } {
  const report = JSON.parse(readFileSync(join(out, 'report.json'), 'utf8')) as Report;
  validateReport(report);
  return { report, byId: new Map(report.sections.map((s) => [s.id, s])) };
}

function expectDefined(byId: Map<string, Section>, ids: readonly string[]): void {
  for (const id of ids) {
    const section = byId.get(id);
    expect(section, id).toBeDefined();
    expect(defined.has(section!.status), `${id}: ${section!.status}`).toBe(true);
    if (section!.status === 'failed' || section!.status === 'not-applicable') expect(section!.reason, id).toBeTruthy();
    if (section!.status === 'warnings') expect(section!.warnings.length, id).toBeGreaterThan(0);
  }
}

describe.skipIf(!haveData)('workflows/levelA.yaml on the map–model pairs', () => {
  it.each(pairs)('$name', async (pair) => {
    const out = join(tempDir('vrs-lA-'), 'run');
    const args = ['--json', 'run', join(repoRoot, 'workflows/levelA.yaml'), '-p', `map=${join(dataDir, pair.map)}`, '-p', `model=${join(dataDir, pair.model)}`, '-p', `threshold=${pair.threshold}`];
    if ('resolution' in pair) args.push('-p', `resolution=${pair.resolution}`);
    const result = await cli([...args, '--out', out], { config: false });
    expect(result.code, result.stderr).toBe(0);
    const { report, byId } = readReport(out);
    expect(report.levels).toEqual(['A']);
    expectDefined(byId, levelA);
    const fit = byId.get('A.fit')!;
    if (pair.name.startsWith('emd_1997')) {
      expect(fit.metrics['fitted']).toBe(false);
      for (const id of levelA.slice(2)) expect(byId.get(id)!.status, id).toBe('not-applicable');
      expect(report.score.evaluable).toBe(0);
      return;
    }
    expect(fit.metrics['fitted']).toBe(true);
    expect(fit.metrics['originShiftA']).toEqual([0, 0, 0]);
    const a = byId.get('A.a')!.metrics;
    for (const key of ['ccMask', 'ccBox', 'ccVolume', 'ccPeaks', 'ccMainChain']) expect(Math.abs(a[key] as number), key).toBeLessThanOrEqual(1);
    expect(a['ccMask'] as number).toBeGreaterThan(0.5);
    const q = byId.get('A.e')!.metrics;
    expect(q['meanQ'] as number).toBeGreaterThan(0.1);
    expect(q['meanQ'] as number).toBeLessThan(1);
    const inclusion = byId.get('A.inclusion')!.metrics;
    expect(inclusion['atomInclusion'] as number).toBeGreaterThan(0.3);
    expect(inclusion['atomInclusion'] as number).toBeLessThanOrEqual(1);
    // At 1.75 Å MapQ's line expects Q ≈ −0.1775·1.75 + 1.1192 = 0.81 for well-fitted protein.
    if (pair.name === 'emd_20026') expect(q['meanQ'] as number).toBeGreaterThan(0.75);
  }, 300_000);
});

describe.skipIf(!haveData || !existsSync(join(dataDir, 'level1/emd_5168_half1.mrc')))('vrs validate with half maps and a model: levels 0, 1 and A', () => {
  it('EMD-5168 with its synthetic half maps and the 3MFP model, FSC-Q included', async () => {
    const out = join(tempDir('vrs-l01A-'), 'run');
    const args = ['--json', 'validate', '--map', join(dataDir, 'level0/emd_5168.map'), '--threshold', '10', '--resolution', '6.6'];
    args.push('--half1', join(dataDir, 'level1/emd_5168_half1.mrc'), '--half2', join(dataDir, 'level1/emd_5168_half2.mrc'));
    args.push('--model', join(dataDir, 'levelA/emd_5168_3mfp_model.pdb'), '--out', out);
    const result = await cli(args, { config: false });
    expect(result.code, result.stderr).toBe(0);
    const { report, byId } = readReport(out);
    expect(report.levels).toEqual(['0', '1', 'A']);
    expectDefined(byId, [...levelA, 'A.b']);
    const ids = report.sections.map((s) => s.id);
    // The model section and the fit check open level A, whose sections follow in id order.
    expect(ids.slice(ids.indexOf('model'))).toEqual(['model', 'A.fit', 'A.a', 'A.b', 'A.c', 'A.d', 'A.e', 'A.f', 'A.g', 'A.inclusion']);
    expect(Number.isFinite(byId.get('A.b')!.metrics['meanFscQr'] as number)).toBe(true);
    expect(existsSync(join(out, 'model_map.mrc'))).toBe(true);
  }, 600_000);
});
