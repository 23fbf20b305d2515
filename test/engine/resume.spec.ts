import { spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli, outcomes, readJournal, repoRoot, runKilledMidStep, tempDir, waitFor, writeWorkflow } from './helpers.js';

describe('vrs resume', () => {
  it('after a failed step: the failure skips its dependants only; resume runs them and reuses the rest', async () => {
    const dir = tempDir('vrs-resume-');
    const marker = join(dir, 'fixed');
    const workflow = writeWorkflow(
      dir,
      'wf.yaml',
      `version: 1
steps:
  start:
    protocol: test.constant
    params: { value: 1 }
  flaky:
    protocol: test.failing
    params: { unlessFileExists: ${marker}, message: the disk is full }
    inputs: { after: start.value }
  afterFlaky:
    protocol: test.add
    inputs: { a: flaky.value, b: start.value }
  otherBranch:
    protocol: test.add
    inputs: { a: start.value }
`,
    );
    const out = join(dir, 'run');
    const first = await cli(['run', workflow, '--out', out]);
    expect(first.code).toBe(1);
    expect(first.stdout).toContain('4 steps — 0 from the cache, 2 run, 1 failed, 1 skipped');
    expect(first.stdout).toContain('flaky (test.failing) failed: the disk is full');
    expect(first.stdout).toContain(`vrs resume ${out}`);
    expect(outcomes(out, 1)).toEqual({ start: 'success', flaky: 'failed', afterFlaky: 'skipped', otherBranch: 'success' });
    const skipped = readJournal(out, 1).find((entry) => entry.event === 'step:skipped')!;
    expect(skipped['reason']).toBe('upstream step flaky failed: the disk is full');
    expect(readFileSync(join(out, 'logs/flaky.log'), 'utf8')).toContain('failed: the disk is full');

    const plan = await cli(['plan', join(out, 'workflow.yaml'), '--out', out]);
    expect(plan.stdout).toMatch(/flaky +runs +test\.failing\n +it failed in the previous attempt/);

    writeFileSync(marker, 'ok');
    const resumed = await cli(['resume', out]);
    expect(resumed.code, resumed.stderr + resumed.stdout).toBe(0);
    expect(outcomes(out, 2)).toEqual({ start: 'cached', flaky: 'success', afterFlaky: 'success', otherBranch: 'cached' });
    expect(JSON.parse(readFileSync(join(out, 'steps/afterFlaky/outputs/value.json'), 'utf8'))).toEqual({ value: 8 });
    expect(JSON.parse(readFileSync(join(out, 'run.json'), 'utf8'))).toMatchObject({ attempts: 2, status: 'success' });
  });

  it('after the run was killed (SIGKILL) mid-step: nothing half-written is reused, every finished step is', async () => {
    const { out, pid, code } = await runKilledMidStep('vrs-kill-', true);
    expect(code).toBe(128);

    // The kill left the lock, a journal without run:end and a workspace without manifest.
    expect(existsSync(join(out, 'run.lock'))).toBe(true);
    expect(readJournal(out, 1).some((entry) => entry.event === 'run:end')).toBe(false);
    const slowKey = readJournal(out, 1).find((entry) => entry.event === 'step:start' && entry.step === 'slow')!['key'] as string;
    const workspaces = readdirSync(join(out, 'store/tmp'));
    expect(workspaces.some((name) => name.startsWith(slowKey.slice(0, 16)))).toBe(true);
    expect(existsSync(join(out, 'store/steps', slowKey.slice(0, 2), slowKey))).toBe(false);

    // Once the lease lapses, status says killed and lists the finished steps.
    await waitFor(() => !existsSync(join(out, 'run.lock')) || Date.now() - statSync(join(out, 'run.lock')).mtimeMs > 4500, 10_000, 'the lease to lapse');
    const status = await cli(['--json', 'status', out]);
    const report = JSON.parse(status.stdout) as { status: string; steps: { step: string; outcome: string }[] };
    expect(report.status).toBe('killed');
    expect(Object.fromEntries(report.steps.map((s) => [s.step, s.outcome]))).toMatchObject({ start: 'success', side: 'success' });

    const resumed = await cli(['resume', out]);
    expect(resumed.code, resumed.stderr + resumed.stdout).toBe(0);
    expect(outcomes(out, 2)).toEqual({ start: 'cached', side: 'cached', slow: 'success', after: 'success' });
    const recovered = readJournal(out, 2).find((entry) => entry.event === 'run:recovered')!;
    expect(recovered).toMatchObject({ previousAttempt: 1, previousPid: pid });
    expect(recovered['abandonedWorkspaces']).toEqual([expect.stringMatching(new RegExp(`^${slowKey.slice(0, 16)}`))]);
    expect(readdirSync(join(out, 'store/tmp'))).toEqual([]);
    expect(existsSync(join(out, 'store/steps', slowKey.slice(0, 2), slowKey, 'manifest.json'))).toBe(true);
    expect(existsSync(join(out, 'store/steps', slowKey.slice(0, 2), slowKey, 'scratch'))).toBe(false);
    expect(JSON.parse(readFileSync(join(out, 'steps/after/outputs/value.json'), 'utf8'))).toEqual({ value: 4 });
    expect(existsSync(join(out, 'run.lock'))).toBe(false);
  });

  /** A process holding the run folder's lock; `orphanZombie` makes it a child nobody reaps once killed. */
  function holdLock(out: string, orphanZombie = false): Promise<{ pid: number; stop: () => void }> {
    const script = join(repoRoot, 'test/engine/fixtures/holdRunLock.ts');
    const node = `${JSON.stringify(process.execPath)} --import tsx ${JSON.stringify(script)} ${JSON.stringify(out)}`;
    // 'exec sleep' replaces the shell by a process that never waits for its children: the killed
    // holder then stays a zombie, which still answers kill(pid, 0).
    const child = spawn('sh', ['-c', orphanZombie ? `${node} & exec sleep 120` : `exec ${node}`], { cwd: repoRoot, stdio: ['ignore', 'pipe', 'inherit'] });
    return new Promise((resolve, reject) => {
      child.stdout!.on('data', (chunk: Buffer) => {
        if (!chunk.toString().includes('locked')) return;
        const holder = JSON.parse(readFileSync(join(out, 'run.lock'), 'utf8')) as { pid: number };
        resolve({ pid: holder.pid, stop: () => child.kill('SIGKILL') });
      });
      child.on('error', reject);
    });
  }

  it('refuses a run folder another live process holds (its lease is being renewed)', async () => {
    const dir = tempDir('vrs-lock-');
    const workflow = writeWorkflow(dir, 'wf.yaml', 'version: 1\nsteps:\n  a:\n    protocol: test.constant\n    params: { value: 1 }\n');
    const out = join(dir, 'run');
    expect((await cli(['run', workflow, '--out', out])).code).toBe(0);
    const holder = await holdLock(out);
    try {
      const locked = await cli(['resume', out]);
      expect(locked.code).toBe(3);
      expect(locked.stderr).toContain(`is in use by process ${holder.pid}`);
    } finally {
      holder.stop();
    }
  }, 60_000);

  it('resumes a few seconds after its holder was killed with SIGKILL, even while the dead holder is an unreaped zombie', async () => {
    const dir = tempDir('vrs-zombie-');
    const workflow = writeWorkflow(dir, 'wf.yaml', 'version: 1\nsteps:\n  a:\n    protocol: test.constant\n    params: { value: 1 }\n');
    const out = join(dir, 'run');
    expect((await cli(['run', workflow, '--out', out])).code).toBe(0);
    const holder = await holdLock(out, true);
    try {
      process.kill(holder.pid, 'SIGKILL');
      await waitFor(() => /^Z/.test(readFileSync(`/proc/${holder.pid}/stat`, 'utf8').split(') ')[1] ?? ''), 10_000, 'the holder to be a zombie');
      const started = Date.now();
      const resumed = await cli(['resume', out]);
      expect(resumed.code, resumed.stderr).toBe(0);
      expect(Date.now() - started).toBeLessThan(15_000);
      expect(readJournal(out, 2).find((entry) => entry.event === 'run:recovered')).toMatchObject({ previousAttempt: 99, previousPid: holder.pid });
    } finally {
      holder.stop();
    }
  }, 60_000);

  it('says so when the folder is not a run folder', async () => {
    const result = await cli(['resume', tempDir('vrs-empty-')]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/not a run folder/);
  });
});
