import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli, outcomes, readJournal, tempDir, writeWorkflow } from './helpers.js';

const chain = `version: 1
steps:
  a:
    protocol: test.constant
    params: { value: 1 }
  b:
    protocol: test.add
    params: { offset: 10 }
    inputs: { a: a.value }
  c:
    protocol: test.add
    inputs: { a: b.value }
  noisy:
    protocol: test.random
    inputs: { after: a.value }
  afterNoisy:
    protocol: test.add
    inputs: { a: noisy.value }
`;

async function setup() {
  const dir = tempDir('vrs-rerun-');
  const out = join(dir, 'run');
  const first = await cli(['run', writeWorkflow(dir, 'wf.yaml', chain), '--out', out]);
  expect(first.code).toBe(0);
  return out;
}

const manifestTime = (out: string, step: string) => (JSON.parse(readFileSync(join(out, 'steps', step, 'manifest.json'), 'utf8')) as { startedAt: string }).startedAt;

describe('vrs rerun', () => {
  it('--step runs that step again; downstream steps are reused when its outputs come out the same', async () => {
    const out = await setup();
    const before = manifestTime(out, 'b');
    const result = await cli(['rerun', out, '--step', 'b']);
    expect(result.code, result.stderr).toBe(0);
    expect(outcomes(out, 2)).toEqual({ a: 'cached', b: 'success', c: 'cached', noisy: 'cached', afterNoisy: 'cached' });
    expect(readJournal(out, 2).find((entry) => entry.event === 'step:start')).toMatchObject({ step: 'b', forced: true });
    // The new result replaced the stored one.
    expect(manifestTime(out, 'b')).not.toBe(before);
  });

  it('--step of a step whose output changes: its dependants run because their inputs changed', async () => {
    const out = await setup();
    await cli(['rerun', out, '--step', 'noisy']);
    expect(outcomes(out, 2)).toMatchObject({ noisy: 'success', afterNoisy: 'success', c: 'cached' });
  });

  it('--step with --downstream runs the step and everything after it', async () => {
    const out = await setup();
    const result = await cli(['rerun', out, '--step', 'b', '--downstream']);
    expect(result.code).toBe(0);
    expect(outcomes(out, 2)).toEqual({ a: 'cached', b: 'success', c: 'success', noisy: 'cached', afterNoisy: 'cached' });
    expect(JSON.parse(readFileSync(join(out, 'steps/c/outputs/value.json'), 'utf8'))).toEqual({ value: 11 });
  });

  it('names the steps when asked for one that does not exist', async () => {
    const out = await setup();
    const result = await cli(['rerun', out, '--step', 'bb']);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/no step "bb" in workflow wf \(did you mean "b"\?\) \(steps: a, b, c, noisy, afterNoisy\)/);
  });
});
