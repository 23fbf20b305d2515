import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli, outcomes, runKilledMidStep, tempDir, writeWorkflow } from './helpers.js';

const WORKFLOW = `version: 1
params:
  v: { type: number, required: true }
steps:
  start:
    protocol: test.constant
    params: { value: $params.v }
  next:
    protocol: test.add
    inputs: { a: start.value }
  fixed:
    protocol: test.constant
    params: { value: 100 }
`;

function storedKeys(run: string): string[] {
  const steps = join(run, 'store', 'steps');
  return readdirSync(steps).flatMap((prefix) => readdirSync(join(steps, prefix))).sort();
}

function latestKeys(run: string): string[] {
  const record = JSON.parse(readFileSync(join(run, 'run.json'), 'utf8')) as { steps: Record<string, { key?: string }> };
  return Object.values(record.steps).flatMap((s) => (s.key ? [s.key] : [])).sort();
}

describe('vrs clean', () => {
  it('after a run killed with SIGKILL keeps every result the run finished (run.json names them as they finish)', async () => {
    const { out } = await runKilledMidStep('vrs-clean-kill-', false);
    const finishedKeys = latestKeys(out);
    expect(finishedKeys).toHaveLength(2);
    const clean = await cli(['--json', 'clean', out]);
    expect(clean.code, clean.stderr).toBe(0);
    expect(JSON.parse(clean.stdout)).toMatchObject({ removed: [], kept: 2 });
    expect(storedKeys(out)).toEqual(finishedKeys);
    const resumed = await cli(['resume', out]);
    expect(resumed.code, resumed.stderr).toBe(0);
    expect(outcomes(out, 2)).toEqual({ start: 'cached', side: 'cached', slow: 'success' });
  }, 60_000);

  it('deletes the stored results of earlier parameter values and keeps what the latest attempt uses', async () => {
    const dir = tempDir('vrs-clean-');
    const workflow = writeWorkflow(dir, 'wf.yaml', WORKFLOW);
    const out = join(dir, 'run');
    expect((await cli(['run', workflow, '-p', 'v=1', '--out', out])).code).toBe(0);
    expect((await cli(['run', workflow, '-p', 'v=2', '--out', out])).code).toBe(0);
    // v=1 and v=2 each made start and next; fixed is shared: 5 entries, 3 in use
    expect(storedKeys(out)).toHaveLength(5);
    const inUse = latestKeys(out);
    expect(inUse).toHaveLength(3);

    const dry = await cli(['clean', out, '--dry-run']);
    expect(dry.code, dry.stderr).toBe(0);
    expect(dry.stdout).toMatch(/would delete 2 stored results \([0-9.]+ MB\), kept 3/);
    expect(dry.stdout).toContain('step start');
    expect(dry.stdout).toContain('step next');
    expect(storedKeys(out)).toHaveLength(5);

    const clean = await cli(['--json', 'clean', out]);
    expect(clean.code, clean.stderr).toBe(0);
    const summary = JSON.parse(clean.stdout) as { removed: { step: string }[]; kept: number; bytes: number };
    expect(summary.removed.map((r) => r.step).sort()).toEqual(['next', 'start']);
    expect(summary.kept).toBe(3);
    expect(summary.bytes).toBeGreaterThan(0);
    expect(storedKeys(out)).toEqual(inUse);
    expect(existsSync(join(out, 'run.lock'))).toBe(false);

    // The folder still works: everything comes from the cache, and the old value is computed again.
    expect((await cli(['resume', out])).code).toBe(0);
    expect(outcomes(out, 3)).toEqual({ start: 'cached', next: 'cached', fixed: 'cached' });
    expect((await cli(['run', workflow, '-p', 'v=1', '--out', out])).code).toBe(0);
    expect(outcomes(out, 4)).toEqual({ start: 'success', next: 'success', fixed: 'cached' });
  });

  it('refuses a shared store and a folder that is not a run (exit 2)', async () => {
    const dir = tempDir('vrs-clean-');
    const workflow = writeWorkflow(dir, 'wf.yaml', WORKFLOW);
    const out = join(dir, 'run');
    const shared = join(dir, 'shared-store');
    expect((await cli(['run', workflow, '-p', 'v=1', '--out', out, '--store', shared])).code).toBe(0);
    const refused = await cli(['clean', out]);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain(`its store ${shared} is outside the folder`);
    expect(readdirSync(join(shared, 'steps')).length).toBeGreaterThan(0);
    const notRun = await cli(['clean', dir]);
    expect(notRun.code).toBe(2);
    expect(notRun.stderr).toContain('not a run folder');
  });
});
