// Two processes sharing one store never compute the same step at the same time: the second waits
// for the first's step lease, then takes the stored result.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { finished, fixtureConfig, outcomes, spawnCli, tempDir, writeWorkflow } from './helpers.js';

describe('a store shared by two runs at once', () => {
  it('computes a step once: the other run waits for it and takes it from the store', async () => {
    const dir = tempDir('vrs-shared-store-');
    // `random` gives a different value each time it is computed: the same value in both runs
    // proves one computation.
    const workflow = writeWorkflow(dir, 'wf.yaml', 'version: 1\nsteps:\n  slow:\n    protocol: test.sleepWorker\n    params: { ms: 3000, tag: shared }\n  draw:\n    protocol: test.random\n    inputs: { after: slow.interval }\n');
    const store = join(dir, 'store');
    const runs = ['a', 'b'].map((name) => join(dir, name));
    const [first, second] = await Promise.all(runs.map((out) => finished(spawnCli(['--config', fixtureConfig, 'run', workflow, '--out', out, '--store', store, '--jobs', '1']))));
    expect(first!.code, first!.stderr).toBe(0);
    expect(second!.code, second!.stderr).toBe(0);
    const settled = runs.map((out) => outcomes(out, 1));
    expect(settled.map((o) => o['slow']).sort()).toEqual(['cached', 'success']);
    expect(settled.map((o) => o['draw']).sort()).toEqual(['cached', 'success']);
    const waited = runs[settled.findIndex((o) => o['slow'] === 'cached')]!;
    expect(readFileSync(join(waited, 'logs', 'slow.log'), 'utf8')).toMatch(/waiting: process \d+ on \S+ is computing this result \(step slow\)/);
  }, 120_000);
});
