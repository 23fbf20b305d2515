import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { validateReport } from '../../core/index.js';
import { cli, repoRoot, tempDir } from '../engine/helpers.js';
import { realMaps } from './thresholds.js';

const dataDir = resolve(repoRoot, '../shared/data');
const haveData = existsSync(dataDir);
if (!haveData) console.warn(`SKIPPED the real-map level-0 tests: ${dataDir} is absent`);

const defined = new Set(['ok', 'warnings', 'not-applicable', 'failed', 'no-criteria']);
const sectionIds = ['input', '0.a', '0.b', '0.c', '0.d', '0.e', '0.f', '0.g', '0.h'];

/** What the spec's applicability rules say about a map with this resolution (vrs-spec §6, docs/differences.md). */
function expectedApplicability(resolution: number | undefined, voxelSizes: number[]): Record<string, boolean> {
  const r = resolution;
  const coarsest = Math.max(...voxelSizes);
  // cubic up to the float32 rounding of CELLA/MX in the header
  const cubic = coarsest - Math.min(...voxelSizes) < 1e-4 * coarsest;
  return {
    '0.d': r !== undefined && r <= 8,
    // MonoRes needs a resolution, cubic voxels and R ≥ 2·Ts
    '0.e': r !== undefined && cubic && r >= 2 * coarsest,
    // on the resized map (Ts' = R/2) the LocSpiral checks need only R < 15 Å
    '0.f': r !== undefined && r < 15,
    '0.g': r !== undefined && r < 15,
    '0.h': r !== undefined && r <= 5,
  };
}

describe.skipIf(!haveData)('vrs validate on every real map of ../shared/data: the whole level 0', () => {
  it.each(realMaps)('$file at threshold $threshold', async ({ file, threshold, resolution }) => {
    const out = join(tempDir('vrs-l0-'), 'run');
    const args = ['--json', 'validate', '--map', join(dataDir, file), '--threshold', String(threshold), '--out', out];
    if (resolution !== undefined) args.push('--resolution', String(resolution));
    const result = await cli(args, { config: false });
    expect(result.code, result.stderr).toBe(0);

    const report: unknown = JSON.parse(readFileSync(join(out, 'report.json'), 'utf8'));
    validateReport(report);
    expect(existsSync(join(out, 'report.html')) && existsSync(join(out, 'report.pdf'))).toBe(true);
    expect(report.sections.map((s) => s.id)).toEqual(sectionIds);
    for (const section of report.sections) {
      expect(defined.has(section.status), `${section.id}: ${section.status}`).toBe(true);
      if (section.status === 'failed' || section.status === 'not-applicable') expect(section.reason, section.id).toBeTruthy();
      if (section.status === 'warnings') expect(section.warnings.length, section.id).toBeGreaterThan(0);
    }
    const byId = new Map(report.sections.map((s) => [s.id, s]));
    const input = byId.get('input')!;
    expect(input.status).toBe('no-criteria');
    expect(input.figures?.map((f) => f.id)).toEqual(['central', 'max_variance', 'projections', 'isosurface', 'hard_mask', 'soft_mask']);
    // every listed threshold keeps some voxels: the masks are not empty and 0.a, 0.b are evaluated
    expect(input.metrics['hardMaskVoxels']).toBeGreaterThan(0);
    for (const id of ['0.a', '0.b']) expect(['ok', 'warnings'], id).toContain(byId.get(id)!.status);

    const applies = expectedApplicability(resolution, input.metrics['voxelSize'] as number[]);
    for (const [id, expected] of Object.entries(applies)) {
      const status = byId.get(id)!.status;
      if (expected) expect(status, `${id}: ${byId.get(id)!.reason ?? ''}`).not.toBe('not-applicable');
      else expect(status, id).toBe('not-applicable');
    }
    // The score counts the sections with criteria that were evaluated, and only those.
    const evaluated = report.sections.filter((s) => s.status === 'ok' || s.status === 'warnings');
    expect(report.score).toEqual({ passed: evaluated.filter((s) => s.status === 'ok').length, evaluable: evaluated.length });
    console.info(`${file}: ${report.sections.map((s) => `${s.id} ${s.status}`).join(', ')}`);
  }, 600_000);
});
