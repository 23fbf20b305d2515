// `vrs serve` killed with SIGKILL in the middle of a run, then started again over the same data
// folder: the run resumes from the store and finishes.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { RunState } from '../../core/serve/index.js';
import { tempDir } from '../engine/helpers.js';
import { phantomFile, runState, startServer, waitForEnd } from './serveHelpers.js';

describe('vrs serve: restart', () => {
  it('killed mid-run and started again, resumes the interrupted run from the store and finishes it', async () => {
    const dir = tempDir('vrs-serve-restart-');
    const data = join(dir, 'data');
    const phantom = await phantomFile(dir, 12);
    const first = await startServer(data);
    const body = new FormData();
    body.append('map', new Blob([readFileSync(phantom.file)]), 'phantom.mrc');
    body.append('threshold', String(phantom.threshold));
    body.append('resolution', '8');
    const response = await fetch(`${first.url}/api/runs`, { method: 'POST', body });
    expect(response.status).toBe(201);
    const { id } = (await response.json()) as { id: string };

    // Kill once a few steps are done and the run is far from its end.
    let before: RunState | undefined;
    const deadline = Date.now() + 120_000;
    for (;;) {
      before = await runState(first.url, id);
      if (Object.values(before.steps).filter((step) => step.status === 'success').length >= 3) break;
      if (Date.now() > deadline) throw new Error('the run did not get under way');
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    first.child.kill('SIGKILL');
    await first.ended;
    expect(before.steps['report']?.status).not.toBe('success');
    const onDisk = JSON.parse(readFileSync(join(data, 'runs', id, 'serve.json'), 'utf8')) as RunState;
    expect(onDisk.status).toBe('running');
    const doneBefore = Object.entries(onDisk.steps).filter(([, step]) => step.status === 'success').map(([name]) => name);

    const second = await startServer(data);
    try {
      const after = await waitForEnd(second.url, id, 150_000);
      expect(after.status).toBe('done');
      // What the killed server had finished came from the store; the report was made by the second.
      for (const step of doneBefore) expect(after.steps[step]?.status, step).toBe('cached');
      expect(after.steps['report']?.status).toBe('success');
      expect(existsSync(join(data, 'runs', id, 'report.pdf'))).toBe(true);
    } finally {
      second.child.kill('SIGTERM');
      await second.ended;
    }
  }, 240_000);
});
