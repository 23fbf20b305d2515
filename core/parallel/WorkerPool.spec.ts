import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { SquareTask } from './square.worker.js';
import { WorkerPool } from './WorkerPool.js';

type SquareResult = { square: number; threadId: number };
const pools: WorkerPool<SquareTask, SquareResult>[] = [];
function pool(size: number): WorkerPool<SquareTask, SquareResult> {
  const p = new WorkerPool<SquareTask, SquareResult>(import.meta.url, 'square.worker', size);
  pools.push(p);
  return p;
}
afterAll(() => Promise.all(pools.map((p) => p.close())));

describe('WorkerPool', () => {
  it('runs tasks on at most `size` threads and returns results in task order', async () => {
    const p = pool(2);
    const results = await p.runAll([1, 2, 3, 4, 5, 6].map((value) => ({ value, delayMs: 20 })));
    expect(results.map((r) => r.square)).toEqual([1, 4, 9, 16, 25, 36]);
    expect(new Set(results.map((r) => r.threadId)).size).toBe(2);
  });

  it('grows but never shrinks', async () => {
    const p = pool(1);
    const one = await p.runAll([1, 2, 3].map((value) => ({ value, delayMs: 20 })));
    expect(new Set(one.map((r) => r.threadId)).size).toBe(1);
    p.grow(3);
    p.grow(2);
    expect(p.size).toBe(3);
    const three = await p.runAll([1, 2, 3].map((value) => ({ value, delayMs: 50 })));
    expect(new Set(three.map((r) => r.threadId)).size).toBe(3);
    expect(() => p.grow(0)).toThrow(RangeError);
  });

  it('asks its workers to collect garbage without a reply that could pass for a task result', async () => {
    const p = pool(2);
    await p.runAll([1, 2].map((value) => ({ value, delayMs: 20 })));
    p.collectGarbage();
    // Tasks dispatched right after the request still get their own results.
    const results = await p.runAll([3, 4, 5, 6].map((value) => ({ value, delayMs: 5 })));
    expect(results.map((r) => r.square)).toEqual([9, 16, 25, 36]);
  });

  it('rejects with the error thrown in the worker and keeps working', async () => {
    const p = pool(1);
    await expect(p.run({ value: 3, fail: 'throw' })).rejects.toThrow('cannot square 3');
    await expect(p.run({ value: 3, fail: 'throw' })).rejects.toMatchObject({ name: 'RangeError' });
    expect((await p.run({ value: 4 })).square).toBe(16);
  });

  it('rejects when a worker dies and replaces it', async () => {
    const p = pool(1);
    await expect(p.run({ value: 1, fail: 'exit' })).rejects.toThrow(/exited with code 3/);
    expect((await p.run({ value: 5 })).square).toBe(25);
  });

  it('rejects queued tasks on close and refuses new ones', async () => {
    const p = pool(1);
    const running = expect(p.run({ value: 2, delayMs: 200 })).rejects.toThrow(/closed/);
    const queued = expect(p.run({ value: 3 })).rejects.toThrow(/closed/);
    await p.close();
    await running;
    await queued;
    await expect(p.run({ value: 1 })).rejects.toThrow(/closed/);
  });

  it('does not keep the process alive when idle', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'vrs-pool-'));
    try {
      const script = join(dir, 'idle.mts');
      const poolUrl = new URL('./WorkerPool.ts', import.meta.url).href;
      writeFileSync(
        script,
        `import { WorkerPool } from ${JSON.stringify(poolUrl)};\n` +
          `const pool = new WorkerPool(${JSON.stringify(import.meta.url)}, 'square.worker', 2);\n` +
          `const r = await pool.runAll([{ value: 7 }, { value: 8 }]);\n` +
          `console.log(r.map((x) => x.square).join(','));\n`,
      );
      const started = Date.now();
      const stdout = await new Promise<string>((resolve, reject) => {
        execFile(process.execPath, ['--import', 'tsx', script], { timeout: 20_000 }, (error, out) => (error ? reject(error) : resolve(out)));
      });
      expect(stdout.trim()).toBe('49,64');
      expect(Date.now() - started).toBeLessThan(20_000);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
