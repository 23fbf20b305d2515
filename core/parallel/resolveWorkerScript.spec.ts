import { describe, expect, it } from 'vitest';
import { startWorker, resolveWorkerScript } from './resolveWorkerScript.js';

describe('resolveWorkerScript', () => {
  it('finds the TypeScript sibling when running from sources and adds the tsx loader', () => {
    const script = resolveWorkerScript(import.meta.url, 'echo.worker');
    expect(script.file.endsWith('/core/parallel/echo.worker.ts')).toBe(true);
    expect(script.fromSources).toBe(true);
  });

  it('starts a worker that runs TypeScript', async () => {
    const worker = startWorker(import.meta.url, 'echo.worker', { workerData: 21 });
    const answer = await new Promise<number>((resolve, reject) => {
      worker.once('message', resolve);
      worker.once('error', reject);
    });
    await worker.terminate();
    expect(answer).toBe(42);
  });

  it('names the missing module', () => {
    expect(() => resolveWorkerScript(import.meta.url, 'no-such-worker')).toThrow(/no-such-worker/);
  });
});
