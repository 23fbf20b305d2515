import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot, tempDir } from '../engine/helpers.js';
import { runLevel0Checks } from './runLevel0Checks.js';
import { realMaps } from './thresholds.js';

const dataDir = resolve(repoRoot, '../shared/data');
const haveData = existsSync(dataDir);
if (!haveData) console.warn(`SKIPPED the real-map level-0 tests: ${dataDir} is absent`);

const defined = new Set(['ok', 'warnings', 'not-applicable', 'failed', 'no-criteria']);

describe.skipIf(!haveData)('level 0 (input data, 0.a–0.d) on every real map of ../shared/data', () => {
  it.each(realMaps)('$file at threshold $threshold', async ({ file, threshold, resolution }) => {
    const run = await runLevel0Checks({ map: join(dataDir, file), threshold, ...(resolution !== undefined ? { resolution } : {}) }, join(tempDir('vrs-l0-'), 'run'));
    expect(run.summary.status, JSON.stringify(run.summary.steps.filter((s) => s.outcome !== 'success'))).toBe('success');
    expect([...run.sections.keys()].sort()).toEqual(['0.a', '0.b', '0.c', '0.d', 'input']);
    for (const section of run.sections.values()) {
      expect(defined.has(section.status), `${section.id}: ${section.status}`).toBe(true);
      if (section.status === 'failed' || section.status === 'not-applicable') expect(section.reason, section.id).toBeTruthy();
      if (section.status === 'warnings') expect(section.warnings.length, section.id).toBeGreaterThan(0);
    }
    const input = run.sections.get('input')!;
    expect(input.status).toBe('no-criteria');
    expect(input.figures?.map((f) => f.id)).toEqual(['central', 'max_variance', 'projections', 'isosurface', 'hard_mask', 'soft_mask']);
    // every listed threshold keeps some voxels: the masks are not empty and 0.a–0.c are evaluated
    expect(input.metrics['hardMaskVoxels']).toBeGreaterThan(0);
    for (const id of ['0.a', '0.b']) expect(['ok', 'warnings'], id).toContain(run.sections.get(id)!.status);
    // 0.d: applies with a resolution up to 8 Å; the README gives none for some maps
    const bFactor = run.sections.get('0.d')!;
    if (resolution === undefined || resolution > 8) expect(bFactor.status).toBe('not-applicable');
    else expect(['ok', 'warnings']).toContain(bFactor.status);
    console.info(`${file}: ${[...run.sections.values()].map((s) => `${s.id} ${s.status}`).join(', ')}`);
  }, 300_000);
});
