import { existsSync, mkdirSync, readFileSync, readlinkSync, renameSync, writeFileSync } from 'node:fs';
import { isAbsolute, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli, outcomes, tempDir, writeWorkflow } from './helpers.js';

describe('a run folder moved elsewhere', () => {
  it('is self-contained: resume takes every step from its own store and writes nothing to the old path', async () => {
    const dir = tempDir('vrs-relocate-');
    const workflow = writeWorkflow(
      dir,
      'wf.yaml',
      `version: 1
params:
  notes: { type: path, required: true }
steps:
  start:
    protocol: test.constant
    params: { value: 2 }
  next:
    protocol: test.add
    inputs: { a: start.value, b: start.value }
    publish: { value: result.json }
  notes:
    protocol: test.readText
    params: { file: $params.notes }
`,
    );
    const before = join(dir, 'before');
    // An input file kept inside the run folder (as vrs demo does with its phantom maps) moves with it.
    mkdirSync(before);
    writeFileSync(join(before, 'notes.txt'), 'four');
    const first = await cli(['run', workflow, '-p', `notes=${join(before, 'notes.txt')}`, '--out', before]);
    expect(first.code, first.stderr + first.stdout).toBe(0);

    const after = join(dir, 'after');
    renameSync(before, after);
    const resumed = await cli(['resume', after]);
    expect(resumed.code, resumed.stderr + resumed.stdout).toBe(0);
    expect(outcomes(after, 2)).toEqual({ start: 'cached', next: 'cached', notes: 'cached' });
    expect(existsSync(before)).toBe(false);
    // 2 + 2, read through the folder's own links
    expect(JSON.parse(readFileSync(join(after, 'steps/next/outputs/value.json'), 'utf8'))).toEqual({ value: 4 });
    expect(JSON.parse(readFileSync(join(after, 'result.json'), 'utf8'))).toEqual({ value: 4 });
    // the record and the links name the store relative to the folder
    const record = JSON.parse(readFileSync(join(after, 'run.json'), 'utf8')) as { store: string; params: Record<string, string> };
    expect(record.store).toBe('store');
    expect(record.params['notes']).toBe('notes.txt');
    expect(isAbsolute(readlinkSync(join(after, 'steps/next')))).toBe(false);
    const status = await cli(['status', after]);
    expect(status.stdout).toContain(`store: ${join(after, 'store')}`);
  });

  it('still reads a run.json that recorded its store as an absolute path (folders made before)', async () => {
    const dir = tempDir('vrs-relocate-old-');
    const workflow = writeWorkflow(dir, 'wf.yaml', `version: 1\nsteps:\n  start:\n    protocol: test.constant\n    params: { value: 5 }\n`);
    const out = join(dir, 'run');
    expect((await cli(['run', workflow, '--out', out])).code).toBe(0);
    const file = join(out, 'run.json');
    const record = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
    writeFileSync(file, JSON.stringify({ ...record, store: join(out, 'store') }));
    const resumed = await cli(['resume', out]);
    expect(resumed.code, resumed.stderr + resumed.stdout).toBe(0);
    expect(outcomes(out, 2)).toEqual({ start: 'cached' });
  });
});
