// Mistakes that must end in a clear refusal (exit 2, naming what is wrong), not a silent success
// or a stack trace.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { gaussianBlob, Volume, writeMap } from '../../core/index.js';
import { cli, outcomes, tempDir, writeWorkflow } from './helpers.js';

const alpha = `version: 1
name: alpha
steps:
  first:
    protocol: test.constant
    params: { value: 1 }
    publish: { value: alpha.json }
`;
const beta = `version: 1
name: beta
steps:
  second:
    protocol: test.constant
    params: { value: 2 }
    publish: { value: beta.json }
`;

describe('a different workflow run into an existing run folder', () => {
  it('is refused, naming the folder and both workflows; nothing in the folder changes', async () => {
    const dir = tempDir('vrs-reuse-');
    const out = join(dir, 'run');
    expect((await cli(['run', writeWorkflow(dir, 'alpha.yaml', alpha), '--out', out])).code).toBe(0);
    const before = readFileSync(join(out, 'run.json'), 'utf8');
    const refused = await cli(['run', writeWorkflow(dir, 'beta.yaml', beta), '--out', out]);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain(out);
    expect(refused.stderr).toMatch(/workflow alpha/);
    expect(refused.stderr).toMatch(/workflow beta/);
    expect(refused.stderr).toContain('--force');
    expect(readFileSync(join(out, 'run.json'), 'utf8')).toBe(before);
    expect(existsSync(join(out, 'beta.json'))).toBe(false);
    // the same workflow again is a continuation, not a refusal
    expect((await cli(['run', join(dir, 'alpha.yaml'), '--out', out])).code).toBe(0);
  });

  it('with --force: the folder is taken over by the new workflow, the old one\'s steps and published files are gone', async () => {
    const dir = tempDir('vrs-reuse-force-');
    const out = join(dir, 'run');
    expect((await cli(['run', writeWorkflow(dir, 'alpha.yaml', alpha), '--out', out])).code).toBe(0);
    const forced = await cli(['run', writeWorkflow(dir, 'beta.yaml', beta), '--out', out, '--force']);
    expect(forced.code, forced.stderr + forced.stdout).toBe(0);
    const record = JSON.parse(readFileSync(join(out, 'run.json'), 'utf8')) as { workflow: { name: string }; steps: Record<string, unknown> };
    expect(record.workflow.name).toBe('beta');
    expect(Object.keys(record.steps)).toEqual(['second']);
    expect(existsSync(join(out, 'steps/first'))).toBe(false);
    expect(existsSync(join(out, 'alpha.json'))).toBe(false);
    expect(JSON.parse(readFileSync(join(out, 'beta.json'), 'utf8'))).toEqual({ value: 2 });
    expect(outcomes(out, 2)).toEqual({ second: 'success' });
    const status = await cli(['status', out]);
    expect(status.stdout).not.toContain('first');
  });
});

describe('vrs validate into a folder of another workflow', () => {
  it('is refused before anything runs, pointing to --force', async () => {
    const dir = tempDir('vrs-reuse-validate-');
    const out = join(dir, 'run');
    expect((await cli(['run', writeWorkflow(dir, 'alpha.yaml', alpha), '--out', out])).code).toBe(0);
    const map = join(dir, 'map.mrc');
    const blob = gaussianBlob([16, 16, 16], [8, 8, 8], 3, { voxelSize: [1.5, 1.5, 1.5] });
    await writeMap(map, new Volume(blob.data, { dims: [16, 16, 16], voxelSize: [1.5, 1.5, 1.5], origin: [0, 0, 0] }));
    const refused = await cli(['validate', '--map', map, '--threshold', '0.5', '--out', out]);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/workflow alpha .*workflow level0/s);
    expect(readFileSync(join(out, 'run.json'), 'utf8')).toMatch(/"name": "alpha"/);
    expect(existsSync(join(out, 'report.json'))).toBe(false);
    expect((await cli(['validate', '--help'])).stdout).toContain('--force');
  });
});

describe('workflow validation refuses', () => {
  it('two steps publishing to the same path, naming both steps', async () => {
    const dir = tempDir('vrs-publish-');
    const file = writeWorkflow(
      dir,
      'wf.yaml',
      `version: 1
steps:
  one:
    protocol: test.constant
    params: { value: 1 }
    publish: { value: out/value.json }
  two:
    protocol: test.constant
    params: { value: 2 }
    publish: { value: ./out//value.json }
`,
    );
    const result = await cli(['validate-workflow', file]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/out\/value\.json/);
    expect(result.stderr).toMatch(/"one"/);
    expect(result.stderr).toMatch(/"two"/);
  });

  it('a glob input that matches nothing, naming the input and the pattern (even for a list input)', async () => {
    const dir = tempDir('vrs-glob-');
    const file = writeWorkflow(
      dir,
      'wf.yaml',
      `version: 1
steps:
  one:
    protocol: test.constant
    params: { value: 1 }
  total:
    protocol: test.sum
    inputs: { values: "*.valeu" }
`,
    );
    const result = await cli(['validate-workflow', file]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('input "values"');
    expect(result.stderr).toContain('"*.valeu"');
  });
});

describe('the CLI says what is wrong instead of crashing', () => {
  it('a folder where a workflow file is expected: exit 2 naming the path', async () => {
    const dir = tempDir('vrs-dir-');
    for (const command of [['run', dir, '--out', join(dir, 'run')], ['validate-workflow', dir], ['plan', dir]]) {
      const result = await cli(command);
      expect(result.code, result.stderr).toBe(2);
      expect(result.stderr).toContain(dir);
      expect(result.stderr).toMatch(/is a folder, not a workflow file/);
      expect(result.stderr).not.toMatch(/internal error|EISDIR/);
    }
    // an include that is a folder is an issue of the including file
    mkdirSync(join(dir, 'parts'));
    const main = writeWorkflow(dir, 'main.yaml', 'version: 1\ninclude: [parts]\nsteps:\n  a:\n    protocol: test.constant\n    params: { value: 1 }\n');
    const included = await cli(['validate-workflow', main]);
    expect(included.code).toBe(2);
    expect(included.stderr).toMatch(/included file parts is a folder/);
  });

  it('a protocol id registered twice: exit 2 naming the id and both modules', async () => {
    const dir = tempDir('vrs-dup-');
    const plugin = join(dir, 'duplicate.mjs');
    writeFileSync(
      plugin,
      `export default (host) => new host.ContainerModule(({ bind }) => bind(host.PROTOCOL).toConstantValue(host.defineProtocol({
  id: 'test.constant', version: '9', title: 'Another constant', params: {}, inputs: {}, outputs: { value: { kind: 'json' } },
  async run() { return { value: { kind: 'json', value: {} } }; },
})));
`,
    );
    const result = await cli(['--plugin', plugin, 'protocols']);
    expect(result.code, result.stderr).toBe(2);
    expect(result.stderr).toContain('test.constant');
    expect(result.stderr).toContain('fixturePlugin.ts');
    expect(result.stderr).toContain(plugin);
    expect(result.stderr).not.toMatch(/internal error/);
  });

  it('vrs protocols with an unknown id: exit 2 with the closest ids', async () => {
    const missing = await cli(['protocols', 'no.such.id']);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('no protocol no.such.id');
    const typo = await cli(['protocols', 'test.constnat']);
    expect(typo.code).toBe(2);
    expect(typo.stderr).toMatch(/closest: test\.constant/);
    expect((await cli(['protocols', 'test.constant'])).code).toBe(0);
  });
});
