// Volumes a step computes reach the other steps of the same run through shared memory: shown by
// taking the producer's stored file away as soon as the producer has finished. Its two consumers
// still read the right voxels, so they cannot have read the store; a later run whose producer
// comes from the store reads the file and gets the same results, byte for byte.
import { existsSync, readFileSync, renameSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadWorkflow, resolveWorkflowParams, runWorkflow, type LifeCycle } from '../../core/index.js';
import { fixtureRegistry, tempDir, writeWorkflow } from './helpers.js';

const workflowText = `version: 1
steps:
  cube:
    protocol: test.phantom
    params: { n: 10, value: 0.25, voxel: 1.3 }
  sumA:
    protocol: test.volumeSum
    inputs: { map: cube.map }
  range:
    protocol: test.volumeRange
    inputs: { map: cube.map }
  count:
    protocol: test.maskCount
    inputs: { mask: sumA.mask }
`;

async function run(workflowFile: string, runDir: string, store: string, lifeCycles: LifeCycle[] = [], force: string[] = []) {
  const registry = await fixtureRegistry();
  const workflow = loadWorkflow(workflowFile, registry);
  return runWorkflow({ workflow, registry, params: resolveWorkflowParams(workflow, {}, runDir), runDir, store, lifeCycles, force, jobs: 2 });
}

const stepLog = (runDir: string, step: string) => readFileSync(join(runDir, 'logs', `${step}.log`), 'utf8');

describe('in-memory hand-off of volumes', () => {
  it('gives two consumers the producer’s volume from memory, not from the store', async () => {
    const dir = tempDir('vrs-handoff-');
    const workflowFile = writeWorkflow(dir, 'wf.yaml', workflowText);
    const store = join(dir, 'store');
    const first = join(dir, 'first');
    let stored = '';
    // The moment the producer's result is in the store, its file goes away (and comes back at the end).
    const hideProducerFile: LifeCycle = {
      'step:success': (event) => {
        if (event.step !== 'cube') return;
        stored = join(event.dir, 'outputs', 'map.mrc');
        renameSync(stored, `${stored}.hidden`);
      },
      'run:end': () => renameSync(`${stored}.hidden`, stored),
    };
    const summary = await run(workflowFile, first, store, [hideProducerFile]);
    expect(summary.status, JSON.stringify(summary.steps)).toBe('success');
    expect(existsSync(stored)).toBe(true);
    const value = (runDir: string, step: string) => JSON.parse(readFileSync(join(runDir, 'steps', step, 'outputs', 'value.json'), 'utf8')) as Record<string, unknown>;
    // 10³ voxels of 0.25 (exact in float32) sum to 250; the geometry is the stored header's.
    expect(value(first, 'sumA')).toEqual({ value: 250, dims: [10, 10, 10], voxelSize: [1.3, 1.3, 1.3] });
    expect(value(first, 'range')).toEqual({ min: 0.25, max: 0.25, origin: [0, 0, 0] });
    for (const step of ['sumA', 'range']) expect(stepLog(first, step)).toContain('input cube.map read from memory, not from the store');
    // A mask made in a worker reaches its consumer the same way; every other voxel is set.
    expect(value(first, 'count')).toEqual({ value: 500 });
    expect(stepLog(first, 'count')).toContain('input sumA.mask read from memory');

    // The producer from the store, the consumers recomputed: they read the file, with identical results.
    const second = join(dir, 'second');
    const again = await run(workflowFile, second, store, [], ['sumA', 'range', 'count']);
    expect(again.steps.find((step) => step.step === 'cube')?.outcome).toBe('cached');
    for (const step of ['sumA', 'range', 'count']) {
      expect(again.steps.find((s) => s.step === step)?.outcome).toBe('success');
      // sumA was computed again in this run, so count still gets its mask from memory.
      if (step !== 'count') expect(stepLog(second, step)).not.toContain('read from memory');
      expect(readFileSync(join(second, 'steps', step, 'outputs', 'value.json'))).toEqual(readFileSync(join(first, 'steps', step, 'outputs', 'value.json')));
    }
  });

  it('fails a step that writes into a volume it shares with other steps (VRS_VERIFY_HANDOFF, on in the tests)', async () => {
    expect(process.env['VRS_VERIFY_HANDOFF']).toBe('1');
    const dir = tempDir('vrs-handoff-');
    const workflowFile = writeWorkflow(
      dir,
      'wf.yaml',
      `version: 1
steps:
  cube:
    protocol: test.phantom
    params: { n: 6, value: 0.5 }
  doubled:
    protocol: test.doubleInPlace
    inputs: { map: cube.map }
`,
    );
    const summary = await run(workflowFile, join(dir, 'run'), join(dir, 'store'));
    const doubled = summary.steps.find((step) => step.step === 'doubled');
    expect(doubled?.outcome).toBe('failed');
    expect(doubled?.error).toBe('test.doubleInPlace wrote into its input cube.map, which other steps of the run share: copy it before changing it');
  });
});
