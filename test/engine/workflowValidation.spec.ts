import { describe, expect, it } from 'vitest';
import { loadWorkflow, WorkflowValidationError, type WorkflowIssue } from '../../core/index.js';
import { fixtureRegistry, tempDir, writeWorkflow } from './helpers.js';

/** Loads a workflow that must fail, and returns its issues. */
async function issuesOf(text: string, extraFiles: Record<string, string> = {}): Promise<WorkflowIssue[]> {
  const dir = tempDir('vrs-wf-');
  for (const [name, content] of Object.entries(extraFiles)) writeWorkflow(dir, name, content);
  const file = writeWorkflow(dir, 'main.yaml', text);
  const registry = await fixtureRegistry();
  try {
    loadWorkflow(file, registry);
  } catch (error) {
    expect(error).toBeInstanceOf(WorkflowValidationError);
    return [...(error as WorkflowValidationError).issues];
  }
  throw new Error('the workflow was accepted');
}

function only(issues: WorkflowIssue[]): WorkflowIssue {
  expect(issues, issues.map((issue) => issue.message).join('\n')).toHaveLength(1);
  return issues[0]!;
}

describe('loadWorkflow', () => {
  describe('rejects, with the line of the fault', () => {
    it('YAML syntax errors', async () => {
      const issue = only(await issuesOf('version: 1\nsteps:\n  a:\n    protocol: [test.constant\n'));
      expect(issue.location?.line).toBeGreaterThanOrEqual(4);
    });

    it('an unknown field (schema)', async () => {
      const issue = only(await issuesOf('version: 1\nsteps:\n  a:\n    protocl: test.constant\n    protocol: test.constant\n    params: { value: 1 }\n'));
      expect(issue.message).toMatch(/unknown field "protocl".*allowed: protocol/);
      expect(issue.step).toBe('a');
      expect(issue.location?.line).toBe(4);
    });

    it('a step without protocol (schema)', async () => {
      const issue = only(await issuesOf('version: 1\nsteps:\n  first:\n    params: { value: 1 }\n'));
      expect(issue.message).toMatch(/missing field "protocol"/);
      expect(issue.location?.line).toBe(3);
    });

    it('a wrong format version and a bad step name (schema)', async () => {
      const issues = await issuesOf('version: 2\nsteps:\n  9lives:\n    protocol: test.constant\n');
      expect(issues.map((issue) => [issue.message.replace(/:.*/, ''), issue.location?.line])).toEqual(
        expect.arrayContaining([
          ['version must be 1', 1],
          ['invalid name "9lives" in steps', 3],
        ]),
      );
    });

    it('an unknown protocol, suggesting the closest', async () => {
      const issue = only(await issuesOf('version: 1\nsteps:\n  a:\n    protocol: test.constnt\n    params: { value: 1 }\n'));
      expect(issue.message).toBe('unknown protocol "test.constnt" (did you mean "test.constant"?)');
      expect(issue.location).toMatchObject({ line: 4, column: 15 });
    });

    it('an unknown input', async () => {
      const issue = only(
        await issuesOf('version: 1\nsteps:\n  a:\n    protocol: test.constant\n    params: { value: 1 }\n  b:\n    protocol: test.add\n    inputs:\n      a: a.value\n      c: a.value\n'),
      );
      expect(issue.message).toMatch(/unknown input "c" for test\.add .*inputs: a, b/);
      expect(issue).toMatchObject({ step: 'b', location: { line: 10 } });
    });

    it('an unknown output and an unknown step', async () => {
      const issues = await issuesOf(
        'version: 1\nsteps:\n  a:\n    protocol: test.constant\n    params: { value: 1 }\n  b:\n    protocol: test.add\n    inputs:\n      a: a.valu\n      b: nope.value\n',
      );
      expect(issues.map((issue) => [issue.message, issue.location?.line])).toEqual([
        ['input "a": unknown output "valu" of step "a" (test.constant) (did you mean "value"?) (outputs: value)', 9],
        ['input "b": unknown step "nope"', 10],
      ]);
    });

    it('a kind mismatch between an output and the input it feeds', async () => {
      const issue = only(
        await issuesOf('version: 1\nsteps:\n  cube:\n    protocol: test.phantom\n  b:\n    protocol: test.add\n    inputs:\n      a: cube.map\n'),
      );
      expect(issue.message).toBe('type mismatch: input "a" of test.add takes json, but cube.map is volume');
      expect(issue.location?.line).toBe(8);
    });

    it('a missing parameter, a missing input, an undeclared workflow param', async () => {
      const issues = await issuesOf(
        'version: 1\nparams:\n  x: { type: number }\nsteps:\n  a:\n    protocol: test.constant\n  b:\n    protocol: test.add\n    params: { offset: $params.y }\n',
      );
      expect(issues.map((issue) => [issue.step, issue.message, issue.location?.line])).toEqual([
        ['a', 'missing parameter "value" (number) required by test.constant', 5],
        ['b', 'parameter "offset" uses undeclared workflow param "y"', 9],
        ['b', 'missing input "a" (json) required by test.add', 7],
      ]);
    });

    it('parameter values of the wrong type or out of range', async () => {
      const issues = await issuesOf(
        'version: 1\nparams:\n  file: { type: path }\nsteps:\n  a:\n    protocol: test.constant\n    params: { value: $params.file }\n  s:\n    protocol: test.sleepMain\n    params:\n      ms: -5\n',
      );
      expect(issues.map((issue) => [issue.message, issue.location?.line])).toEqual([
        ['type mismatch: parameter "value" of test.constant is number, workflow param "file" is path', 7],
        ['parameter "ms": -5 is below the minimum 0', 11],
      ]);
    });

    it('a cycle, printing it', async () => {
      const issue = only(
        await issuesOf(
          'version: 1\nsteps:\n  start:\n    protocol: test.constant\n    params: { value: 1 }\n  a:\n    protocol: test.add\n    inputs: { a: start.value, b: c.value }\n  b:\n    protocol: test.add\n    inputs: { a: a.value }\n  c:\n    protocol: test.add\n    inputs: { a: b.value }\n',
        ),
      );
      expect(issue.message).toMatch(/^cycle: a → b → c → a {2}\[a \(main\.yaml:6\), b \(main\.yaml:9\), c \(main\.yaml:12\)\]$/);
      expect(issue.location?.line).toBe(6);
    });

    it('a duplicate step in one file', async () => {
      const issue = only(await issuesOf('version: 1\nsteps:\n  a:\n    protocol: test.random\n  a:\n    protocol: test.random\n'));
      expect(issue.message).toBe('duplicate step "a"');
      expect(issue.location?.line).toBe(5);
    });

    it('a duplicate step across includes, naming both places', async () => {
      const issue = only(
        await issuesOf('version: 1\ninclude: [common.yaml]\nsteps:\n  other:\n    protocol: test.random\n  shared:\n    protocol: test.random\n', {
          'common.yaml': 'version: 1\nsteps:\n  shared:\n    protocol: test.random\n',
        }),
      );
      expect(issue.message).toMatch(/^duplicate step "shared": already defined at .*common\.yaml:3$/);
      expect(issue.location).toMatchObject({ line: 6 });
      expect(issue.location?.file).toMatch(/main\.yaml$/);
    });

    it('a missing include and an include cycle', async () => {
      expect(only(await issuesOf('version: 1\ninclude: [nowhere.yaml]\nsteps:\n  a:\n    protocol: test.random\n')).message).toMatch(/included file not found: nowhere\.yaml/);
      const issue = only(await issuesOf('version: 1\ninclude: [b.yaml]\n', { 'b.yaml': 'version: 1\ninclude: [main.yaml]\n' }));
      expect(issue.message).toMatch(/include cycle: .*main\.yaml → .*b\.yaml → .*main\.yaml/);
      expect(issue.location?.line).toBe(2);
    });
  });

  describe('accepts a valid workflow', () => {
    it('merges includes, expands globs in workflow order and orders steps topologically', async () => {
      const dir = tempDir('vrs-wf-');
      writeWorkflow(dir, 'checks.yaml', 'version: 1\nsteps:\n  second:\n    protocol: test.check\n    params: { id: T.b }\n  first:\n    protocol: test.check\n');
      const file = writeWorkflow(
        dir,
        'main.yaml',
        'version: 1\nname: demo\ninclude: [checks.yaml]\nsteps:\n  report:\n    protocol: vrs.report\n    inputs: { sections: "*.section" }\n  third:\n    protocol: test.check\n    params: { id: T.c }\n',
      );
      const workflow = loadWorkflow(file, await fixtureRegistry());
      expect(workflow.name).toBe('demo');
      expect(workflow.steps.map((step) => step.name)).toEqual(['second', 'first', 'report', 'third']);
      expect(workflow.steps.find((step) => step.name === 'report')!.inputs['sections']).toEqual([
        { kind: 'output', step: 'second', port: 'section' },
        { kind: 'output', step: 'first', port: 'section' },
        { kind: 'output', step: 'third', port: 'section' },
      ]);
      expect(workflow.order).toEqual(['second', 'first', 'third', 'report']);
    });

    it('the level-0 workflow of the repository', async () => {
      const workflow = loadWorkflow(new URL('../../workflows/level0.yaml', import.meta.url).pathname, await fixtureRegistry());
      expect(workflow.order[0]).toBe('importMap');
      expect(workflow.order[workflow.order.length - 1]).toBe('report');
    });
  });
});
