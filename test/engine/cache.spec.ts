import { readFileSync, renameSync, utimesSync, writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli, outcomes, tempDir, writeWorkflow } from './helpers.js';

// a → sum ← b, plus text (reads a file) → its own branch; volume round trip through a worker.
const workflowText = `version: 1
params:
  a: { type: number, default: 1 }
  text: { type: path, required: true }
steps:
  a:
    protocol: test.constant
    params: { value: $params.a }
  b:
    protocol: test.constant
    params: { value: 10 }
  sum:
    protocol: test.add
    inputs: { a: a.value, b: b.value }
  text:
    protocol: test.readText
    params: { file: $params.text }
  cube:
    protocol: test.phantom
    params: { n: 6, value: 0.5 }
  cubeSum:
    protocol: test.volumeSum
    inputs: { map: cube.map }
  maskCount:
    protocol: test.maskCount
    inputs: { mask: cubeSum.mask }
`;

function setup() {
  const dir = tempDir('vrs-cache-');
  const workflow = writeWorkflow(dir, 'wf.yaml', workflowText);
  const textFile = join(dir, 'input.txt');
  writeFileSync(textFile, 'hello');
  return { dir, workflow, textFile, out: join(dir, 'run') };
}

const allSteps = ['a', 'b', 'sum', 'text', 'cube', 'cubeSum', 'maskCount'];

describe('step cache', () => {
  it('computes the right values, then takes every step from the cache on an unchanged second run', async () => {
    const { workflow, textFile, out } = setup();
    const first = await cli(['run', workflow, '-p', `text=${textFile}`, '--out', out]);
    expect(first.code, first.stderr).toBe(0);
    const value = (step: string, file = 'value') => JSON.parse(readFileSync(join(out, 'steps', step, 'outputs', `${file}.json`), 'utf8')) as Record<string, unknown>;
    expect(value('sum')).toEqual({ value: 11 });
    expect(value('text')).toEqual({ value: 5, text: 'hello' });
    // 6³ voxels of 0.5 (exact in float32) through an MRC file and a worker thread; every other voxel masked.
    expect(value('cubeSum')).toMatchObject({ value: 108, dims: [6, 6, 6], voxelSize: [1.5, 1.5, 1.5] });
    expect(value('maskCount')).toEqual({ value: 108 });
    expect(Object.values(outcomes(out, 1)).every((outcome) => outcome === 'success')).toBe(true);

    const second = await cli(['run', workflow, '-p', `text=${textFile}`, '--out', out]);
    expect(second.code).toBe(0);
    expect(second.stdout).toContain('every step came from the cache');
    expect(outcomes(out, 2)).toEqual(Object.fromEntries(allSteps.map((step) => [step, 'cached'])));
  });

  it('runs again what a changed parameter reaches, and only that', async () => {
    const { workflow, textFile, out } = setup();
    await cli(['run', workflow, '-p', `text=${textFile}`, '--out', out]);
    const changed = await cli(['run', workflow, '-p', `text=${textFile}`, '-p', 'a=2', '--out', out]);
    expect(changed.code).toBe(0);
    expect(outcomes(out, 2)).toEqual({ a: 'success', b: 'cached', sum: 'success', text: 'cached', cube: 'cached', cubeSum: 'cached', maskCount: 'cached' });
    expect(JSON.parse(readFileSync(join(out, 'steps/sum/outputs/value.json'), 'utf8'))).toEqual({ value: 12 });
  });

  it('runs again when an input file changes content, not when it is only touched or moved', async () => {
    const { dir, workflow, textFile, out } = setup();
    await cli(['run', workflow, '-p', `text=${textFile}`, '--out', out]);

    utimesSync(textFile, new Date(), new Date(Date.now() + 5000));
    await cli(['run', workflow, '-p', `text=${textFile}`, '--out', out]);
    expect(outcomes(out, 2)['text']).toBe('cached');

    mkdirSync(join(dir, 'elsewhere'));
    const moved = join(dir, 'elsewhere', 'input.txt');
    renameSync(textFile, moved);
    await cli(['run', workflow, '-p', `text=${moved}`, '--out', out]);
    expect(outcomes(out, 3)['text']).toBe('cached');

    writeFileSync(moved, 'hello, world');
    await cli(['run', workflow, '-p', `text=${moved}`, '--out', out]);
    expect(outcomes(out, 4)['text']).toBe('success');
    expect(JSON.parse(readFileSync(join(out, 'steps/text/outputs/value.json'), 'utf8'))).toMatchObject({ value: 12 });
  });

  it('explains in `plan` why each step would run or come from the cache', async () => {
    const { workflow, textFile, out } = setup();
    await cli(['run', workflow, '-p', `text=${textFile}`, '--out', out]);
    writeFileSync(textFile, 'changed');
    const plan = await cli(['--json', 'plan', workflow, '-p', `text=${textFile}`, '-p', 'a=3', '--out', out]);
    expect(plan.code, plan.stderr).toBe(0);
    const steps = (JSON.parse(plan.stdout) as { steps: { step: string; action: string; reasons: string[] }[] }).steps;
    const byStep = Object.fromEntries(steps.map((step) => [step.step, step]));
    expect(byStep['a']).toMatchObject({ action: 'run', reasons: ['param value: 1 → 3'] });
    expect(byStep['b']!.action).toBe('cached');
    expect(byStep['sum']!.action).toBe('after-upstream');
    expect(byStep['text']).toMatchObject({ action: 'run', reasons: ['file param file: content of input.txt changed'] });
    expect(byStep['maskCount']!.action).toBe('cached');
    // A dry run: nothing ran.
    expect(outcomes(out, 2)).toEqual({});
  });

  it('runs only a target and what it needs with --until', async () => {
    const { workflow, textFile, out } = setup();
    const result = await cli(['run', workflow, '-p', `text=${textFile}`, '--until', 'sum', '--out', out]);
    expect(result.code, result.stderr).toBe(0);
    expect(outcomes(out, 1)).toEqual({ a: 'success', b: 'success', sum: 'success' });
  });

  it('refuses a NaN in a JSON output instead of writing null', async () => {
    const dir = tempDir('vrs-cache-');
    const workflow = writeWorkflow(dir, 'wf.yaml', 'version: 1\nsteps:\n  bad:\n    protocol: test.badOutput\n');
    const result = await cli(['run', workflow, '--out', join(dir, 'run')]);
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/bad \(test\.badOutput\) failed: test\.badOutput returned a bad output "value": \$\.metric is NaN/);
  });
});
