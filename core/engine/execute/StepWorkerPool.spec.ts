import { describe, expect, it } from 'vitest';
import type { StepRequest } from './StepRequest.js';
import { StepWorkerPool } from './StepWorkerPool.js';

// Never sent to a worker in these tests: the pool refuses the step before it posts it.
const request = { step: 's', protocolId: 'p' } as StepRequest;
const hooks = (signal: AbortSignal) => ({ signal, progress: () => undefined });

describe('StepWorkerPool', () => {
  it('fails a step interrupted before it started, without handing it to the worker', async () => {
    const pool = new StepWorkerPool(1);
    const aborted = new AbortController();
    aborted.abort();
    await expect(pool.run(request, '/nonexistent.js', {}, hooks(aborted.signal))).rejects.toThrow('the run was interrupted');
    // The worker went back to the pool; a second interrupted step is refused the same way.
    await expect(pool.run(request, '/nonexistent.js', {}, hooks(aborted.signal))).rejects.toThrow('the run was interrupted');
    await pool.close();
    await expect(pool.run(request, '/nonexistent.js', {}, hooks(new AbortController().signal))).rejects.toThrow('closed');
  });

  it('refuses a size that is not a positive integer', () => {
    expect(() => new StepWorkerPool(0)).toThrow(RangeError);
  });
});
