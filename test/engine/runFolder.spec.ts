// A run folder belongs to one run: an --out that cannot be a run folder is refused with one line
// before anything is written, and published files never replace files the run did not write.
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { gaussianBlob, Volume, writeMap } from '../../core/index.js';
import { cli, tempDir, writeWorkflow } from './helpers.js';

const alpha = `version: 1
name: alpha
steps:
  first:
    protocol: test.constant
    params: { value: 1 }
    publish: { value: out/alpha.json }
`;

async function smallMap(dir: string): Promise<string> {
  const map = join(dir, 'map.mrc');
  const blob = gaussianBlob([16, 16, 16], [8, 8, 8], 3, { voxelSize: [1.5, 1.5, 1.5] });
  await writeMap(map, new Volume(blob.data, { dims: [16, 16, 16], voxelSize: [1.5, 1.5, 1.5], origin: [0, 0, 0] }));
  return map;
}

/** Every file below `dir` with its content (folders as "<dir>"), to show that nothing changed. */
function snapshot(dir: string): Record<string, string> {
  const result: Record<string, string> = {};
  const walk = (path: string, name: string) => {
    if (statSync(path).isDirectory()) {
      result[name] = '<dir>';
      for (const entry of readdirSync(path)) walk(join(path, entry), `${name}/${entry}`);
    } else result[name] = readFileSync(path, 'utf8');
  };
  walk(dir, '.');
  return result;
}

function expectOneLineRefusal(result: { code: number; stderr: string }, path: string, why: RegExp): void {
  expect(result.code, result.stderr).toBe(2);
  expect(result.stderr).not.toMatch(/internal error|    at /);
  const lines = result.stderr.trim().split('\n');
  const line = lines.find((text) => text.startsWith('error:'));
  expect(line, result.stderr).toBeDefined();
  expect(line).toContain(path);
  expect(line).toMatch(why);
}

describe('an --out that cannot be a run folder', () => {
  it('an existing file: run, validate and demo refuse it in one line (exit 2), the file unchanged', async () => {
    const dir = tempDir('vrs-out-file-');
    const workflow = writeWorkflow(dir, 'alpha.yaml', alpha);
    const map = await smallMap(dir);
    const file = join(dir, 'notes.txt');
    writeFileSync(file, 'my notes\n');
    for (const args of [
      ['run', workflow, '--out', file],
      ['validate', '--map', map, '--threshold', '0.5', '--out', file],
      ['demo', '--phantom', '--out', file],
    ]) {
      expectOneLineRefusal(await cli(args), file, /is a file, not a folder/);
      expect(readFileSync(file, 'utf8')).toBe('my notes\n');
    }
  });

  it('a folder under a file (ENOTDIR) or where no folder can be made (/proc): refused naming the path', async () => {
    const dir = tempDir('vrs-out-parent-');
    const workflow = writeWorkflow(dir, 'alpha.yaml', alpha);
    const map = await smallMap(dir);
    const file = join(dir, 'notes.txt');
    writeFileSync(file, 'my notes\n');
    const under = join(file, 'run');
    for (const args of [
      ['run', workflow, '--out', under],
      ['validate', '--map', map, '--threshold', '0.5', '--out', under],
      ['demo', '--phantom', '--out', under],
    ]) {
      expectOneLineRefusal(await cli(args), file, /is a file/);
    }
    expectOneLineRefusal(await cli(['run', workflow, '--out', '/proc/vrs-run']), '/proc', /cannot create/);
    const dangling = join(dir, 'dangling');
    symlinkSync(join(dir, 'nowhere'), dangling);
    expectOneLineRefusal(await cli(['run', workflow, '--out', dangling]), dangling, /symbolic link to nothing/);
    expect(readFileSync(file, 'utf8')).toBe('my notes\n');
  });

  it('a file where the run folder needs a folder (logs, steps, store, workflow-sources, a published folder): refused, nothing written', async () => {
    const dir = tempDir('vrs-out-entries-');
    const workflow = writeWorkflow(dir, 'alpha.yaml', alpha);
    const map = await smallMap(dir);
    for (const name of ['logs', 'steps', 'store', 'workflow-sources', 'out']) {
      const out = join(dir, `run-${name}`);
      mkdirSync(out);
      writeFileSync(join(out, name), 'a file of mine\n');
      const before = snapshot(out);
      expectOneLineRefusal(await cli(['run', workflow, '--out', out]), join(out, name), /is a file|not written by a run/);
      expect(snapshot(out)).toEqual(before);
    }
    for (const name of ['logs', 'figures', 'data']) {
      const out = join(dir, `validate-${name}`);
      mkdirSync(out);
      writeFileSync(join(out, name), 'a file of mine\n');
      const before = snapshot(out);
      expectOneLineRefusal(await cli(['validate', '--map', map, '--threshold', '0.5', '--out', out]), join(out, name), /is a file|not written by a run/);
      expect(snapshot(out)).toEqual(before);
    }
  });
});

describe('published files never replace files the run did not write', () => {
  it('vrs validate into a folder holding a report.json or a local_resolution.mrc of the user: refused before any step, naming the file', async () => {
    const dir = tempDir('vrs-out-user-');
    const map = await smallMap(dir);
    for (const name of ['report.json', 'local_resolution.mrc']) {
      const out = join(dir, `run-${name}`);
      mkdirSync(out);
      writeFileSync(join(out, name), 'the user\'s own file\n');
      const before = snapshot(out);
      const refused = await cli(['validate', '--map', map, '--threshold', '0.5', '--out', out]);
      expectOneLineRefusal(refused, join(out, name), /not written by a run/);
      expect(refused.stderr).toContain('--force');
      expect(snapshot(out)).toEqual(before);
    }
  });

  it('vrs run: a foreign file at a publish target is refused; with --force it is moved aside to <name>.user-<n>, with a note', async () => {
    const dir = tempDir('vrs-out-force-');
    const workflow = writeWorkflow(dir, 'alpha.yaml', alpha);
    const out = join(dir, 'run');
    mkdirSync(join(out, 'out'), { recursive: true });
    writeFileSync(join(out, 'out/alpha.json'), 'mine\n');
    writeFileSync(join(out, 'out/alpha.json.user-1'), 'an older one of mine\n');
    writeFileSync(join(out, 'unrelated.txt'), 'kept\n');
    const refused = await cli(['run', workflow, '--out', out]);
    expectOneLineRefusal(refused, join(out, 'out/alpha.json'), /not written by a run/);
    expect(existsSync(join(out, 'run.json'))).toBe(false);

    const forced = await cli(['run', workflow, '--out', out, '--force']);
    expect(forced.code, forced.stderr + forced.stdout).toBe(0);
    expect(forced.stdout + forced.stderr).toContain(join(out, 'out/alpha.json.user-2'));
    expect(readFileSync(join(out, 'out/alpha.json.user-2'), 'utf8')).toBe('mine\n');
    expect(readFileSync(join(out, 'out/alpha.json.user-1'), 'utf8')).toBe('an older one of mine\n');
    expect(readFileSync(join(out, 'unrelated.txt'), 'utf8')).toBe('kept\n');
    expect(JSON.parse(readFileSync(join(out, 'out/alpha.json'), 'utf8'))).toEqual({ value: 1 });

    // the run's own published file is replaced on the next run, silently, as before
    const again = await cli(['run', workflow, '--out', out]);
    expect(again.code, again.stderr).toBe(0);
    expect(again.stdout + again.stderr).not.toMatch(/user-3|moved aside/);
    expect(existsSync(join(out, 'out/alpha.json.user-3'))).toBe(false);
  });

  it('a run folder whose run.json is not a run record is not written over', async () => {
    const dir = tempDir('vrs-out-record-');
    const workflow = writeWorkflow(dir, 'alpha.yaml', alpha);
    const out = join(dir, 'run');
    mkdirSync(out);
    writeFileSync(join(out, 'run.json'), '{"mine": true}\n');
    expectOneLineRefusal(await cli(['run', workflow, '--out', out]), join(out, 'run.json'), /not written by a run/);
    expect(readFileSync(join(out, 'run.json'), 'utf8')).toBe('{"mine": true}\n');
  });

  it('an input map kept in the folder under a published name is never moved, even with --force', async () => {
    const dir = tempDir('vrs-out-input-');
    const out = join(dir, 'run');
    mkdirSync(out);
    const map = await smallMap(out);
    const named = join(out, 'local_resolution.mrc');
    writeFileSync(named, readFileSync(map));
    const refused = await cli(['validate', '--map', named, '--threshold', '0.5', '--out', out, '--force']);
    expectOneLineRefusal(refused, named, /input of this run/);
    expect(existsSync(named)).toBe(true);
  });

  it("a run folder written before run.json listed its published files: the workflow copy's targets count as the run's", async () => {
    const dir = tempDir('vrs-out-legacy-');
    const workflow = writeWorkflow(dir, 'alpha.yaml', alpha);
    const out = join(dir, 'run');
    expect((await cli(['run', workflow, '--out', out])).code).toBe(0);
    const record = JSON.parse(readFileSync(join(out, 'run.json'), 'utf8')) as Record<string, unknown>;
    expect(record['published']).toEqual(['out/alpha.json']);
    delete record['published'];
    writeFileSync(join(out, 'run.json'), JSON.stringify(record));
    const again = await cli(['run', workflow, '--out', out, '--until', 'first']);
    expect(again.code, again.stderr).toBe(0);
    expect(JSON.parse(readFileSync(join(out, 'run.json'), 'utf8')).published).toEqual(['out/alpha.json']);
  });

  it('vrs demo: a phantom.mrc of the user in the folder is refused, not overwritten', async () => {
    const dir = tempDir('vrs-out-demo-');
    writeFileSync(join(dir, 'phantom.mrc'), 'my own phantom\n');
    const refused = await cli(['demo', '--phantom', '--out', dir]);
    expectOneLineRefusal(refused, join(dir, 'phantom.mrc'), /not written by a run/);
    expect(readFileSync(join(dir, 'phantom.mrc'), 'utf8')).toBe('my own phantom\n');
  });
});
