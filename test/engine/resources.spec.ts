// Step resources (threads, memory, time limit): declared by protocols, overridden by workflow
// steps, honoured by the local executor with real worker threads.
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadProtocolRegistry, loadWorkflow, runWorkflow, WorkflowValidationError, type ProtocolRegistry, type RunSummary } from '../../core/index.js';
import { cli, readJournal, repoRoot, tempDir, writeWorkflow } from './helpers.js';

const resourcesPluginFile = join(repoRoot, 'test/engine/fixtures/resourcesPlugin.ts');
let registry: Promise<ProtocolRegistry> | undefined;
const resourcesRegistry = () => (registry ??= loadProtocolRegistry([resourcesPluginFile]));

/** Runs a one-file workflow (YAML text) in a fresh run folder. */
async function run(text: string, prefix: string): Promise<{ summary: RunSummary; out: string; dir: string }> {
  const dir = tempDir(prefix);
  const file = writeWorkflow(dir, 'wf.yaml', text);
  const out = join(dir, 'run');
  const summary = await runWorkflow({ workflow: loadWorkflow(file, await resourcesRegistry()), registry: await resourcesRegistry(), params: {}, runDir: out, jobs: 1 });
  return { summary, out, dir };
}

const reportOf = (summary: RunSummary, step: string) => summary.steps.find((report) => report.step === step)!;
const storedEntries = (out: string) => (existsSync(join(out, 'store/steps')) ? readdirSync(join(out, 'store/steps')).flatMap((prefix) => readdirSync(join(out, 'store/steps', prefix))) : []);

describe('step resources', () => {
  it('a worker step over its 64 MB heap is retried with 128 MB and succeeds; the key is that of a run without limits', async () => {
    const { summary, out } = await run('version: 1\nsteps:\n  hungry:\n    protocol: res.heapHungry\n    params: { mb: 72 }\n', 'vrs-res-oom-');
    const report = reportOf(summary, 'hungry');
    expect(report.outcome, report.error).toBe('success');
    expect(report.attempts).toBe(2);
    expect(report.resources).toEqual({ memoryMb: 128 });
    expect(JSON.parse(readFileSync(join(out, 'steps/hungry/outputs/value.json'), 'utf8'))).toEqual({ heldMb: 72 });
    const retries = readJournal(out, 1).filter((entry) => entry.event === 'step:retry');
    expect(retries).toEqual([expect.objectContaining({ step: 'hungry', try: 2, reason: 'ran out of memory at 64 MB', memoryMb: 128, key: report.key })]);
    expect(readFileSync(join(out, 'logs/hungry.log'), 'utf8')).toContain('ran out of memory at 64 MB; trying again with 128 MB');
    // Nothing of the failed try is left: one stored entry, no workspace.
    expect(storedEntries(out)).toEqual([report.key]);
    expect(readdirSync(join(out, 'store/tmp'))).toEqual([]);

    // Resources are not in the key: with a workflow limit large enough from the start, the same
    // step is the same key, taken from a shared store.
    const dir = tempDir('vrs-res-key-');
    const file = writeWorkflow(dir, 'wf.yaml', 'version: 1\nsteps:\n  hungry:\n    protocol: res.heapHungry\n    params: { mb: 72 }\n    resources: { memoryMb: 512 }\n');
    const again = await runWorkflow({ workflow: loadWorkflow(file, await resourcesRegistry()), registry: await resourcesRegistry(), params: {}, runDir: join(dir, 'run'), store: join(out, 'store') });
    expect(reportOf(again, 'hungry')).toMatchObject({ outcome: 'cached', key: report.key });
  });

  it('a worker step that never fits fails after doubling twice, naming its last limit and the attempts', async () => {
    const { summary, out } = await run('version: 1\nsteps:\n  greedy:\n    protocol: res.heapHungry\n    params: { mb: 100000 }\n  after:\n    protocol: res.slowMain\n    params: { ms: 0 }\n', 'vrs-res-oom-fail-');
    const report = reportOf(summary, 'greedy');
    expect(report.outcome).toBe('failed');
    expect(report.error).toBe('ran out of memory at 256 MB after 3 attempts (step greedy)');
    expect(report.attempts).toBe(3);
    expect(readJournal(out, 1).filter((entry) => entry.event === 'step:retry').map((entry) => entry['memoryMb'])).toEqual([128, 256]);
    expect(readJournal(out, 1).find((entry) => entry.event === 'step:failed')).toMatchObject({ step: 'greedy', error: report.error });
    expect(reportOf(summary, 'after').outcome).toBe('success');
    expect(storedEntries(out)).toHaveLength(1); // only `after`
    expect(readdirSync(join(out, 'store/tmp'))).toEqual([]);
  });

  it('a main-thread step past timeLimitSeconds has its signal aborted and fails with the reason; nothing is stored; a resume reruns it', async () => {
    const dir = tempDir('vrs-res-time-');
    const marker = join(dir, 'fast');
    const workflow = writeWorkflow(dir, 'wf.yaml', `version: 1\nsteps:\n  slow:\n    protocol: res.slowMain\n    params: { ms: 30000, unlessFileExists: ${marker} }\n    resources: { timeLimitSeconds: 1 }\n`);
    const config = writeWorkflow(dir, 'vrs.config.yaml', `plugins:\n  - ${resourcesPluginFile}\n`);
    const out = join(dir, 'run');
    const begin = Date.now();
    const first = await cli(['--json', 'run', workflow, '--out', out], { config });
    expect(Date.now() - begin).toBeLessThan(10_000);
    expect(first.code).toBe(1);
    const failed = reportOf(JSON.parse(first.stdout) as RunSummary, 'slow');
    expect(failed).toMatchObject({ outcome: 'failed', error: 'timed out after 1 s (time limit of step slow)', resources: { timeLimitSeconds: 1 } });
    expect(readJournal(out, 1).find((entry) => entry.event === 'step:failed')).toMatchObject({ step: 'slow', error: 'timed out after 1 s (time limit of step slow)' });
    expect(storedEntries(out)).toEqual([]);
    expect(readdirSync(join(out, 'store/tmp'))).toEqual([]);

    writeFileSync(marker, '');
    const resumed = await cli(['--json', 'resume', out], { config });
    expect(resumed.code, resumed.stderr).toBe(0);
    expect(reportOf(JSON.parse(resumed.stdout) as RunSummary, 'slow')).toMatchObject({ outcome: 'success', key: failed.key });
    expect(JSON.parse(readFileSync(join(out, 'steps/slow/outputs/value.json'), 'utf8'))).toEqual({ slept: false });
  });

  it('a worker step past timeLimitSeconds is terminated and fails with the reason; run again with a longer limit, the same key succeeds', async () => {
    const dir = tempDir('vrs-res-time-worker-');
    const step = (limit: number) => `version: 1\nsteps:\n  slow:\n    protocol: res.slowWorker\n    params: { ms: 8000 }\n    resources: { timeLimitSeconds: ${limit} }\n`;
    const config = writeWorkflow(dir, 'vrs.config.yaml', `plugins:\n  - ${resourcesPluginFile}\n`);
    const out = join(dir, 'run');
    const begin = Date.now();
    const first = await cli(['--json', 'run', writeWorkflow(dir, 'wf.yaml', step(1)), '--out', out], { config });
    // Terminated at the limit, not after the 8 s sleep.
    expect(Date.now() - begin).toBeLessThan(6000);
    expect(first.code).toBe(1);
    const failed = reportOf(JSON.parse(first.stdout) as RunSummary, 'slow');
    expect(failed).toMatchObject({ outcome: 'failed', error: 'timed out after 1 s (time limit of step slow)' });
    expect(storedEntries(out)).toEqual([]);
    expect(readdirSync(join(out, 'store/tmp'))).toEqual([]);

    const second = await cli(['--json', 'run', writeWorkflow(dir, 'wf.yaml', step(60)), '--out', out], { config });
    expect(second.code, second.stderr).toBe(0);
    expect(reportOf(JSON.parse(second.stdout) as RunSummary, 'slow')).toMatchObject({ outcome: 'success', key: failed.key });
  });

  it('a main-thread step that ignores its signal is given up after its time limit and a grace period', async () => {
    const begin = Date.now();
    const { summary, out } = await run('version: 1\nsteps:\n  deaf:\n    protocol: res.deafMain\n    params: { ms: 8000 }\n    resources: { timeLimitSeconds: 1 }\n', 'vrs-res-deaf-');
    expect(Date.now() - begin).toBeLessThan(6000);
    expect(reportOf(summary, 'deaf')).toMatchObject({ outcome: 'failed', error: 'timed out after 1 s (time limit of step deaf)' });
    expect(storedEntries(out)).toEqual([]);
  });

  it("a workflow step's resources override the protocol's, field by field; threads reach the step and its kernels", async () => {
    const text = `version: 1
steps:
  declared:
    protocol: res.declares
    params: { ms: 4000 }
  protocolThreads:
    protocol: res.declares
    resources: { timeLimitSeconds: 60 }
  overridden:
    protocol: res.declares
    params: { ms: 4000 }
    resources: { threads: 3, timeLimitSeconds: 60 }
`;
    const dir = tempDir('vrs-res-override-');
    const workflow = loadWorkflow(writeWorkflow(dir, 'wf.yaml', text), await resourcesRegistry());
    // What executors (local, Slurm) read.
    expect(workflow.steps.map((step) => [step.name, step.resources])).toEqual([
      ['declared', { threads: 2, memoryMb: 200, timeLimitSeconds: 1 }],
      ['protocolThreads', { threads: 2, memoryMb: 200, timeLimitSeconds: 60 }],
      ['overridden', { threads: 3, memoryMb: 200, timeLimitSeconds: 60 }],
    ]);
    const summary = await runWorkflow({ workflow, registry: await resourcesRegistry(), params: {}, runDir: join(dir, 'run') });
    // The protocol's 1 s stops a 4 s step; the workflow's 60 s lets the same step finish.
    expect(reportOf(summary, 'declared')).toMatchObject({ outcome: 'failed', error: 'timed out after 1 s (time limit of step declared)' });
    expect(reportOf(summary, 'overridden')).toMatchObject({ outcome: 'success', resources: { threads: 3, memoryMb: 200, timeLimitSeconds: 60 } });
    const valueOf = (step: string) => JSON.parse(readFileSync(join(dir, 'run/steps', step, 'outputs/value.json'), 'utf8')) as unknown;
    expect(valueOf('protocolThreads')).toEqual({ ctxThreads: 2, envThreads: '2', kernelThreads: 2 });
    expect(valueOf('overridden')).toEqual({ ctxThreads: 3, envThreads: '3', kernelThreads: 3 });
  });

  it('bad resources in a workflow are refused naming the file, the line, the step and the field', async () => {
    const dir = tempDir('vrs-res-bad-');
    const file = writeWorkflow(
      dir,
      'wf.yaml',
      `version: 1
steps:
  a:
    protocol: res.declares
    resources:
      threads: 1.5
      memoryMb: -1
  b:
    protocol: res.declares
    resources: { timeLimitSeconds: soon, memory: 3 }
`,
    );
    let error: unknown;
    try {
      loadWorkflow(file, await resourcesRegistry());
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(WorkflowValidationError);
    const lines = (error as WorkflowValidationError).message.split('\n').slice(1).map((line) => line.trim());
    expect(lines).toEqual(
      expect.arrayContaining([
        `${file}:6:16: step "a": "resources.threads" must be an integer`,
        `${file}:7:17: step "a": "resources.memoryMb" must be > 0`,
        expect.stringMatching(new RegExp(`^${file}:10:\\d+: step "b": "resources.timeLimitSeconds" must be a number$`)),
        expect.stringMatching(new RegExp(`^${file}:10:\\d+: step "b": unknown field "memory" in "resources"`)),
      ]),
    );
    expect(lines).toHaveLength(4);
  });
});
