import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { LEASE_TTL_MS } from './LeaseLock.js';
import { RunDir } from './RunDir.js';
import { RunHistory, runHistoryFile } from './runHistory.js';

const dirs: string[] = [];
afterAll(() => dirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));
function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'vrs-history-'));
  dirs.push(dir);
  return dir;
}

describe('RunHistory', () => {
  it('lives in $VRS_HOME, else ~/.vrs', () => {
    expect(runHistoryFile({ VRS_HOME: '/data/vrs-home' })).toBe('/data/vrs-home/history.jsonl');
    expect(runHistoryFile({ HOME: '/home/someone', VRS_HOME: '' })).toMatch(/\/\.vrs\/history\.jsonl$/);
  });

  it('pairs each start with its end: status, duration, report; a folder gone is flagged', () => {
    const home = tempDir();
    const history = new RunHistory(join(home, 'home', 'history.jsonl')); // the home folder is created
    const kept = join(home, 'kept');
    mkdirSync(kept);
    const first = history.recordStart({ runDir: kept, workflow: 'level0', map: '/maps/a.map' });
    history.recordEnd(first, { status: 'success', report: join(kept, 'report.json') });
    const second = history.recordStart({ runDir: join(home, 'gone'), workflow: 'levels-0-1' });
    history.recordEnd(second, { status: 'failed', error: 'locked' });
    const [a, b] = history.list();
    expect(a).toMatchObject({ id: first, status: 'success', workflow: 'level0', map: '/maps/a.map', runDir: kept, runDirExists: true, report: join(kept, 'report.json') });
    expect(a!.durationMs).toBe(Date.parse(a!.endedAt!) - Date.parse(a!.startedAt));
    expect(b).toMatchObject({ id: second, status: 'failed', runDirExists: false, error: 'locked' });
    expect(readFileSync(history.file, 'utf8').split('\n').filter(Boolean)).toHaveLength(4);
  });

  it("an unfinished run is 'running' while its folder's lease lock is held, 'killed' once it is free", async () => {
    const home = tempDir();
    const history = new RunHistory(join(home, 'history.jsonl'));
    const runDir = new RunDir(join(home, 'run'));
    const id = history.recordStart({ runDir: runDir.dir, workflow: 'wf' });
    await runDir.acquireLock(1);
    try {
      // well past the grace a fresh run has to take its lock: only the live lease makes it running
      expect(history.list(Date.now() + 10 * LEASE_TTL_MS)[0]).toMatchObject({ id, status: 'running' });
    } finally {
      runDir.releaseLock();
    }
    expect(history.list(Date.now() + 10 * LEASE_TTL_MS)[0]).toMatchObject({ id, status: 'killed' });
    expect(history.list(Date.now() + 10 * LEASE_TTL_MS)[0]!.durationMs).toBeUndefined();
  });

  it('an unfinished run followed by another that got to work in its folder was killed; one refused there does not count', () => {
    const home = tempDir();
    const history = new RunHistory(join(home, 'history.jsonl'));
    const runDir = join(home, 'run');
    const killed = history.recordStart({ runDir, workflow: 'wf' });
    const refused = history.recordStart({ runDir, workflow: 'wf' });
    history.recordEnd(refused, { status: 'failed', error: 'in use' });
    // within a lease of its start and with nothing after it but a refused run: still counted running
    expect(history.list()[0]).toMatchObject({ id: killed, status: 'running' });
    const resumed = history.recordStart({ runDir, workflow: 'wf' });
    expect(history.list().map((run) => [run.id, run.status])).toEqual([
      [killed, 'killed'],
      [refused, 'failed'],
      [resumed, 'running'],
    ]);
  });

  it('keeps one whole line per event when processes append at once', async () => {
    const home = tempDir();
    const file = join(home, 'history.jsonl');
    const module = fileURLToPath(new URL('./runHistory.ts', import.meta.url));
    const script = join(home, 'writer.mts');
    // long map paths make each line a few kB, so that torn or interleaved writes would show
    writeFileSync(
      script,
      `import { RunHistory } from ${JSON.stringify(module)};\n` +
        `const history = new RunHistory(${JSON.stringify(file)});\n` +
        `for (let i = 0; i < 200; i++) history.recordEnd(history.recordStart({ runDir: '/runs/' + process.argv[2] + '/' + i, workflow: 'wf', map: 'm'.repeat(3000) }), { status: 'success' });\n`,
    );
    const writers = ['a', 'b', 'c'].map(
      (name) =>
        new Promise<number | null>((resolve) => spawn(process.execPath, ['--import', 'tsx', script, name], { stdio: 'inherit' }).on('close', resolve)),
    );
    expect(await Promise.all(writers)).toEqual([0, 0, 0]);
    const lines = readFileSync(file, 'utf8').split('\n');
    expect(lines.pop()).toBe('');
    expect(lines).toHaveLength(3 * 200 * 2);
    for (const line of lines) expect(() => JSON.parse(line)).not.toThrow();
    const runs = new RunHistory(file).list();
    expect(runs).toHaveLength(600);
    expect(runs.every((run) => run.status === 'success')).toBe(true);
  });
});
