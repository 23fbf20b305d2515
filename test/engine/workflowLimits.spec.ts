// Hostile or broken workflow files: refused with a clear error naming the file (exit 2), never a
// stack trace or a hang; every problem reported at once.
import { truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadWorkflow, WorkflowValidationError } from '../../core/index.js';
import { cli, fixtureRegistry, tempDir, writeWorkflow } from './helpers.js';

/** "a billion laughs" in YAML: 12 levels of 10 aliases each, 10¹² nodes once expanded. */
function aliasBomb(): string {
  const lines = ['version: 1', 'a0: &a0 [x, x, x, x, x, x, x, x, x, x]'];
  for (let i = 1; i < 12; i++) lines.push(`a${i}: &a${i} [${Array.from({ length: 10 }, () => `*a${i - 1}`).join(', ')}]`);
  lines.push('steps:', '  one:', '    protocol: test.constant', '    params: { value: 1 }');
  return `${lines.join('\n')}\n`;
}

describe('a YAML alias bomb', () => {
  it('in a workflow: exit 2 naming the file and the alias limit, for every command that loads it', async () => {
    const dir = tempDir('vrs-bomb-');
    const file = writeWorkflow(dir, 'bomb.yaml', aliasBomb());
    for (const args of [['validate-workflow', file], ['plan', file], ['run', file, '--out', join(dir, 'run')], ['graph', file]]) {
      const started = performance.now();
      const result = await cli(args);
      expect(result.code, result.stderr).toBe(2);
      expect(result.stderr).toContain(file);
      expect(result.stderr).toMatch(/too many YAML aliases \(limit \d+\)/);
      expect(result.stderr).not.toMatch(/internal error|    at /);
      expect(performance.now() - started).toBeLessThan(5000);
    }
  });

  it('in an included file: the included file is named', async () => {
    const dir = tempDir('vrs-bomb-include-');
    const included = writeWorkflow(dir, 'part.yaml', aliasBomb());
    const main = writeWorkflow(dir, 'main.yaml', 'version: 1\ninclude: [part.yaml]\nsteps:\n  two:\n    protocol: test.constant\n    params: { value: 2 }\n');
    const result = await cli(['validate-workflow', main]);
    expect(result.code, result.stderr).toBe(2);
    expect(result.stderr).toContain(included);
    expect(result.stderr).toMatch(/too many YAML aliases/);
  });

  it('in a --params-file: exit 2 naming it', async () => {
    const dir = tempDir('vrs-bomb-params-');
    const workflow = writeWorkflow(dir, 'wf.yaml', 'version: 1\nsteps:\n  one:\n    protocol: test.constant\n    params: { value: 1 }\n');
    const params = writeWorkflow(dir, 'params.yaml', aliasBomb().replace(/steps:[\s\S]*$/, ''));
    const result = await cli(['run', workflow, '--params-file', params, '--out', join(dir, 'run')]);
    expect(result.code, result.stderr).toBe(2);
    expect(result.stderr).toContain(params);
    expect(result.stderr).toMatch(/too many YAML aliases \(limit \d+\)/);
  });
});

describe('an oversized workflow file', () => {
  it('a 50 MB workflow is refused before parsing, naming the file and the limit', async () => {
    const dir = tempDir('vrs-huge-');
    const file = join(dir, 'huge.yaml');
    writeFileSync(file, 'version: 1\nsteps:\n');
    truncateSync(file, 50 * 1024 * 1024);
    const started = performance.now();
    const result = await cli(['validate-workflow', file]);
    expect(performance.now() - started).toBeLessThan(2000);
    expect(result.code, result.stderr).toBe(2);
    expect(result.stderr).toContain(file);
    expect(result.stderr).toMatch(/larger than the limit of \d+ MB/);
  });
});

describe('a workflow with several kinds of problems', () => {
  it('reports a cycle together with the kind mismatches on it', async () => {
    const dir = tempDir('vrs-cycle-kind-');
    // a reads b (fine), b reads a's json as a volume (kind mismatch): the cycle a → b → a runs through the mismatch.
    const file = writeWorkflow(
      dir,
      'main.yaml',
      'version: 1\nsteps:\n  a:\n    protocol: test.add\n    inputs: { a: b.value }\n  b:\n    protocol: test.volumeSum\n    inputs: { map: a.value }\n',
    );
    let error: unknown;
    try {
      loadWorkflow(file, await fixtureRegistry());
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(WorkflowValidationError);
    const messages = (error as WorkflowValidationError).issues.map((issue) => issue.message);
    expect(messages.some((message) => /type mismatch: input "map" of test\.volumeSum takes volume, but a\.value is json/.test(message)), messages.join('\n')).toBe(true);
    expect(messages.some((message) => /^cycle: a → b → a/.test(message)), messages.join('\n')).toBe(true);
  });

  it('reports a cycle through a step whose protocol is unknown, with the unknown protocol', async () => {
    const dir = tempDir('vrs-cycle-unknown-');
    const file = writeWorkflow(
      dir,
      'main.yaml',
      'version: 1\nsteps:\n  a:\n    protocol: test.add\n    inputs: { a: b.value }\n  b:\n    protocol: test.nowhere\n    inputs: { a: a.value }\n',
    );
    const result = await cli(['validate-workflow', file]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/unknown protocol "test\.nowhere"/);
    expect(result.stderr).toMatch(/cycle: a → b → a/);
  });
});
