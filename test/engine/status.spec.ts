import { readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { RunStatusReport } from '../../core/cli/commands/statusCommand.js';
import { cli, readJournal, tempDir, writeWorkflow } from './helpers.js';

/** Every file below dir with its size and modification time, to show that nothing changed. */
function listing(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const entry of readdirSync(d, { withFileTypes: true })) {
      const path = join(d, entry.name);
      if (entry.isDirectory()) walk(path);
      else {
        const stat = statSync(path);
        out.push(`${relative(dir, path)} ${stat.size} ${stat.mtimeMs}`);
      }
    }
  };
  walk(dir);
  return out.sort();
}

describe('vrs status', () => {
  it('shows each step of a run folder with its outcome, timing and store key, and why steps failed or were skipped, writing nothing', async () => {
    const dir = tempDir('vrs-status-');
    const workflow = writeWorkflow(
      dir,
      'wf.yaml',
      `version: 1
steps:
  start:
    protocol: test.constant
    params: { value: 1 }
  broken:
    protocol: test.failing
    params: { message: the disk is full }
    inputs: { after: start.value }
  afterBroken:
    protocol: test.add
    inputs: { a: broken.value, b: start.value }
`,
    );
    const out = join(dir, 'run');
    expect((await cli(['run', workflow, '--out', out])).code).toBe(1);
    const before = listing(out);

    const json = await cli(['--json', 'status', out]);
    expect(json.code, json.stderr).toBe(0);
    const report = JSON.parse(json.stdout) as RunStatusReport;
    expect(report).toMatchObject({ runDir: out, workflow: 'wf', status: 'failed', attempts: 1 });
    expect(report.steps.map((s) => [s.step, s.outcome])).toEqual([
      ['start', 'success'],
      ['broken', 'failed'],
      ['afterBroken', 'skipped'],
    ]);
    // The figures come from the stored manifest and agree with the journal of the run.
    const started = readJournal(out, 1).find((e) => e.event === 'step:success' && e.step === 'start')!;
    const start = report.steps[0]!;
    expect(start.key).toBe(started['key']);
    expect(start.durationMs).toBeGreaterThanOrEqual(0);
    expect(start.peakRssBytes).toBeGreaterThan(0);
    expect(Date.parse(start.computedAt!)).toBeLessThanOrEqual(Date.parse(started['time'] as string));
    expect(report.steps[1]).toMatchObject({ reason: 'the disk is full', log: join(out, 'logs/broken.log') });
    expect(report.steps[1]!.durationMs).toBeUndefined();
    expect(report.steps[2]).toMatchObject({ reason: 'upstream step broken failed: the disk is full' });

    const text = await cli(['status', out]);
    expect(text.code).toBe(0);
    expect(text.stdout).toContain(`${out}: workflow wf, failed, 1 attempt`);
    expect(text.stdout).toMatch(new RegExp(`start +success +[0-9.]+ s +[0-9]+ MB +\\S+ \\S+ +${start.key!.slice(0, 12)}`));
    expect(text.stdout).toContain('broken failed: the disk is full');
    expect(text.stdout).toContain('afterBroken skipped: upstream step broken failed: the disk is full');
    expect(listing(out)).toEqual(before);
  });

  it('refuses a folder that is not a run (exit 2, naming the folder)', async () => {
    const dir = tempDir('vrs-status-');
    const result = await cli(['status', dir]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(`${dir}: not a run folder`);
  });
});
