import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli, outcomes, tempDir, writeWorkflow } from './helpers.js';

describe('a failing protocol', () => {
  it('gives a report that still builds, with a failed section saying why', async () => {
    const dir = tempDir('vrs-report-');
    const workflow = writeWorkflow(
      dir,
      'wf.yaml',
      `version: 1
steps:
  good:
    protocol: test.check
    params: { id: T.a }
  warned:
    protocol: test.check
    params: { id: T.b, status: warnings }
  broken:
    protocol: test.check
    params: { id: T.c, fail: true }
  brokenInput:
    protocol: test.failing
    params: { message: input map unreadable }
  downstreamOfBroken:
    protocol: test.check
    params: { id: T.d }
    inputs: { after: between.value }
  between:
    protocol: test.failing
    inputs: { after: brokenInput.value }
  report:
    protocol: vrs.report
    inputs: { sections: "*.section" }
    params: { levels: [T] }
    publish: { report: report.json }
`,
    );
    const out = join(dir, 'run');
    const result = await cli(['run', workflow, '--out', out]);
    expect(result.code).toBe(1);
    expect(outcomes(out, 1)).toMatchObject({ good: 'success', warned: 'success', broken: 'failed', brokenInput: 'failed', between: 'skipped', downstreamOfBroken: 'skipped', report: 'success' });
    const report = JSON.parse(readFileSync(join(out, 'report.json'), 'utf8')) as { score: object; sections: { id: string; status: string; reason?: string; title: string }[] };
    // The placeholders are named after the protocol's declared section (T.a, taken by the good
    // check): the report keeps them apart by step name. Reading order: by id within the level.
    expect(report.sections.map((section) => [section.id, section.status])).toEqual([
      ['T.a', 'ok'],
      ['T.a (broken)', 'failed'],
      ['T.a (downstreamOfBroken)', 'failed'],
      ['T.b', 'warnings'],
    ]);
    // One ok, one with warnings: 2 evaluable, 1 passed; the failed ones do not count.
    expect(report.score).toEqual({ passed: 1, evaluable: 2 });
    expect(report.sections[1]).toMatchObject({ title: 'Fixture check', reason: 'could not be measured: step broken failed: check T.c could not be measured' });
    // Two steps below the failure, the reason names the failed step once, not the chain between.
    expect(report.sections[2]!.reason).toBe('could not be measured: step downstreamOfBroken was skipped: upstream step brokenInput failed: input map unreadable');
  });

  it('reports bad input without a stack trace', async () => {
    const dir = tempDir('vrs-report-');
    const workflow = writeWorkflow(dir, 'wf.yaml', 'version: 1\nsteps:\n  reject:\n    protocol: test.inputError\n');
    const result = await cli(['--json', 'run', workflow, '--out', join(dir, 'run')]);
    expect(result.code).toBe(1);
    const summary = JSON.parse(result.stdout) as { steps: { error: string; inputError: boolean }[] };
    expect(summary.steps[0]).toMatchObject({ error: 'phantom.map [threshold]: the map is empty at this threshold', inputError: true });
  });
});
