import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

describe('LeaseLock', () => {
  it('of several processes waking on one lapsed lock at the same moment, exactly one takes it over', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'vrs-lease-'));
    dirs.push(dir);
    const file = join(dir, 'run.lock');
    writeFileSync(file, JSON.stringify({ token: 'dead', pid: 1 }));
    const past = new Date(Date.now() - 60_000);
    utimesSync(file, past, past);
    const script = `
      import { LeaseLock } from ${JSON.stringify(new URL('./LeaseLock.ts', import.meta.url).pathname)};
      const lock = new LeaseLock(process.argv[1]);
      await new Promise((resolve) => setTimeout(resolve, Number(process.argv[2]) - Date.now()));
      try {
        await lock.acquire({ pid: process.pid }, () => { throw new Error('held'); });
        process.stdout.write('took');
        await new Promise((resolve) => setTimeout(resolve, 6000));
        lock.release();
      } catch (error) {
        process.stdout.write(String(error.message));
      }
      process.exit(0);
    `;
    const start = Date.now() + 2500;
    const run = () =>
      new Promise<string>((resolve, reject) =>
        execFile(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script, file, String(start)], { timeout: 30_000 }, (error, out) => (error ? reject(error) : resolve(out))),
      );
    const outcomes = await Promise.all([run(), run(), run(), run()]);
    expect(outcomes.filter((o) => o === 'took')).toHaveLength(1);
    expect(outcomes.filter((o) => o === 'held')).toHaveLength(3);
  }, 60_000);
});
