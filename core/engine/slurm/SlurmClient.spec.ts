import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readJobCompRecords } from './JobCompTail.js';
import { recordJobId } from './parseSlurmRecord.js';
import { runSlurmCommandOrThrow } from './runSlurmCommand.js';
import { SlurmClient } from './SlurmClient.js';
import { probeSlurm, slurmRequired } from './testing.js';
import type { SlurmJobOutcome } from './SlurmJobOutcome.js';
import type { SlurmJobSpec } from './SlurmJobSpec.js';

// These tests talk to a real Slurm (scripts/slurm/start-single-node-slurm.sh starts one on this
// machine). Without one they skip and say why, unless VRS_REQUIRE_SLURM=1 (CI), where they fail.
const slurm = probeSlurm();
const required = slurmRequired('SlurmClient.spec', slurm);

describe.runIf(slurm.problem && required)('Slurm required (VRS_REQUIRE_SLURM=1)', () => {
  it('has a reachable Slurm', () => {
    expect.fail(`${slurm.problem}; run scripts/slurm/start-single-node-slurm.sh as root`);
  });
});

describe.skipIf(slurm.problem !== undefined)('SlurmClient against the single-node Slurm', () => {
  let work = '';
  let client: SlurmClient;
  const submitted: string[] = [];

  beforeAll(async () => {
    work = await mkdtemp(join(tmpdir(), 'vrs-slurm-spec-'));
    client = new SlurmClient({ jobCompLoc: slurm.jobCompLoc!, safetyCheckMs: 10_000 });
  });
  afterAll(async () => {
    // Nothing this file started may outlive it.
    if (client && submitted.length > 0) await client.cancel(submitted);
    if (work) await rm(work, { recursive: true, force: true });
  });

  const job = (name: string, argv: string[], extra: Partial<SlurmJobSpec> = {}): SlurmJobSpec => ({
    name: `vrs-spec-${name}`,
    argv,
    cwd: work,
    scriptDir: join(work, 'scripts'),
    cpus: 1,
    memoryMb: 150,
    stdoutPath: join(work, `${name}.out`),
    ...extra,
  });
  const submit = async (spec: SlurmJobSpec) => {
    const id = await client.submit(spec);
    submitted.push(id);
    return id;
  };
  const only = async (id: string): Promise<SlurmJobOutcome> => {
    const outcomes = await client.waitForJobs([id]);
    expect(outcomes).toHaveLength(1);
    return outcomes[0]!;
  };

  it('runs a command with awkward arguments and added variables, and reports exit 0', async () => {
    const args = ["it's", '$HOME `id`', 'a  b', '"quoted"'];
    const id = await submit(
      job('ok', [process.execPath, '-e', 'console.log(JSON.stringify([process.argv.slice(1), process.env.VRS_SPEC_VALUE]))', ...args], {
        env: { VRS_SPEC_VALUE: "x'y $z" },
      }),
    );
    expect(id).toMatch(/^\d+$/);
    const outcome = await only(id);
    expect(outcome).toMatchObject({ jobId: id, state: 'COMPLETED', exitCode: 0, signal: 0, outOfMemory: false, timedOut: false });
    expect(JSON.parse(await readFile(join(work, 'ok.out'), 'utf8'))).toEqual([args, "x'y $z"]);
  });

  it('reports a job exiting 3 as FAILED with exit code 3, in scontrol and in the completion file', async () => {
    const id = await submit(job('exit3', ['sh', '-c', 'exit 3']));
    const outcome = await only(id);
    expect(outcome).toMatchObject({ state: 'FAILED', exitCode: 3, signal: 0, outOfMemory: false });
    const line = (await readJobCompRecords(slurm.jobCompLoc!)).findLast((fields) => recordJobId(fields) === id);
    expect(line?.get('JobState')).toBe('FAILED');
    expect(line?.get('ExitCode')).toBe('3:0');
    expect(line?.get('Name')).toBe('vrs-spec-exit3');
    // Waiting for a job that has already ended answers at once, with the same outcome.
    expect(await only(id)).toEqual(outcome);
  });

  it('recognises a job killed for using more memory than its --mem', async () => {
    // 150 MB allowed; 1 GB written (filled, so the pages are really resident).
    const fill = 'const keep = []; for (let i = 0; i < 20; i++) keep.push(Buffer.alloc(50e6, 1)); setTimeout(() => {}, 20000);';
    const started = Date.now();
    const id = await submit(job('oom', [process.execPath, '-e', fill]));
    const outcome = await only(id);
    expect(outcome.outOfMemory).toBe(true);
    expect(outcome.state === 'OUT_OF_MEMORY' || outcome.signal === 9).toBe(true);
    expect(outcome.exitCode === 0 && outcome.state !== 'COMPLETED').toBe(true);
    // Killed, not left to finish its 20 s sleep.
    expect(Date.now() - started).toBeLessThan(15_000);
  });

  it('starts an afterok dependent only after its parent completed', async () => {
    const first = await submit(job('first', ['sh', '-c', 'sleep 1; touch first.done']));
    const second = await submit(job('second', ['sh', '-c', 'test -f first.done'], { dependencyAfterOk: [first] }));
    const finished: string[] = [];
    const outcomes = await client.waitForJobs([first, second], { onFinished: (outcome) => finished.push(outcome.jobId) });
    expect(outcomes.map((outcome) => [outcome.jobId, outcome.state, outcome.exitCode])).toEqual([
      [first, 'COMPLETED', 0],
      [second, 'COMPLETED', 0],
    ]);
    expect(finished).toEqual([first, second]);
  });

  it('never runs a dependent of a failed job and reports it cancelled as DependencyNeverSatisfied', async () => {
    const parent = await submit(job('parent', ['sh', '-c', 'exit 1']));
    const child = await submit(job('child', ['touch', 'child.ran'], { dependencyAfterOk: [parent] }));
    // Submitted by another tool, without --kill-on-invalid-dep: it would stay PENDING for ever.
    const orphan = (
      await runSlurmCommandOrThrow('sbatch', [
        '--parsable',
        '--mem=50M',
        `--chdir=${work}`,
        `--output=${join(work, 'orphan.out')}`,
        `--dependency=afterok:${parent}`,
        '--wrap',
        'touch orphan.ran',
      ])
    ).trim();
    submitted.push(orphan);
    const outcomes = await client.waitForJobs([parent, child, orphan]);
    expect(outcomes[0]).toMatchObject({ jobId: parent, state: 'FAILED', exitCode: 1 });
    expect(outcomes[1]).toMatchObject({ jobId: child, state: 'CANCELLED', reason: 'DependencyNeverSatisfied' });
    expect(outcomes[2]).toMatchObject({ jobId: orphan, state: 'CANCELLED', reason: 'DependencyNeverSatisfied' });
    expect(existsSync(join(work, 'child.ran'))).toBe(false);
    expect(existsSync(join(work, 'orphan.ran'))).toBe(false);
  });

  it('follows each task of a job array', async () => {
    const id = await submit(job('array', ['sh', '-c', 'exit "$SLURM_ARRAY_TASK_ID"'], { array: '0-2', stdoutPath: join(work, 'array_%a.out') }));
    const seen: string[] = [];
    const outcomes = await client.waitForJobs([id], { onFinished: (outcome) => seen.push(outcome.jobId) });
    expect(outcomes.map((outcome) => [outcome.jobId, outcome.state, outcome.exitCode])).toEqual([
      [`${id}_0`, 'COMPLETED', 0],
      [`${id}_1`, 'FAILED', 1],
      [`${id}_2`, 'FAILED', 2],
    ]);
    expect(seen.sort()).toEqual([`${id}_0`, `${id}_1`, `${id}_2`]);
  });

  it('cancels a running job', async () => {
    const id = await submit(job('cancel', ['sh', '-c', 'touch cancel.started; sleep 300']));
    const started = Date.now();
    while (!existsSync(join(work, 'cancel.started'))) {
      if (Date.now() - started > 20_000) throw new Error('the job to cancel never started');
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    const waiting = client.waitForJobs([id]);
    await client.cancel([id]);
    const [outcome] = await waiting;
    expect(outcome).toMatchObject({ jobId: id, state: 'CANCELLED', outOfMemory: false });
    // Cancelling again is not an error.
    await client.cancel([id]);
  });

  it('stops waiting when its signal is aborted', async () => {
    const id = await submit(job('abort', ['sleep', '300']));
    const controller = new AbortController();
    const waiting = client.waitForJobs([id], { signal: controller.signal });
    controller.abort(new Error('user pressed Ctrl-C'));
    await expect(waiting).rejects.toThrow('user pressed Ctrl-C');
    await client.cancel([id]);
  });

  it("quotes sbatch's own words when it refuses a job", async () => {
    const refusing = new SlurmClient({ jobCompLoc: slurm.jobCompLoc!, partition: 'no-such-partition' });
    await expect(refusing.submit(job('refused', ['true']))).rejects.toThrow(/sbatch failed \(exit \d+\): .*invalid partition/i);
  });
});
