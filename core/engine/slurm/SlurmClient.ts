import { randomBytes } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { expandArrayIndices } from './expandArrayIndices.js';
import { JobCompTail, readJobCompRecords } from './JobCompTail.js';
import { parseExitCode, parseSlurmRecord, recordJobId } from './parseSlurmRecord.js';
import { readQueueStates } from './readQueueStates.js';
import { renderBatchScript } from './renderBatchScript.js';
import { runSlurmCommand, runSlurmCommandOrThrow } from './runSlurmCommand.js';
import { SlurmCommandError } from './SlurmCommandError.js';
import { finalJobStates, type SlurmJobOutcome } from './SlurmJobOutcome.js';
import type { SlurmJobSpec } from './SlurmJobSpec.js';
import type { SlurmOptions } from './SlurmOptions.js';

export interface WaitForJobsOptions {
  /** Stops waiting (the jobs keep running: cancelling them is the caller's decision). */
  signal?: AbortSignal;
  /** Called once per job or array task as soon as it is known to have ended. */
  onFinished?: (outcome: SlurmJobOutcome) => void;
}

/** What slurmstepd writes to a job's stderr when jobacct_gather's OverMemoryKill kills it. */
const memoryKillMessage = /exceeded (job|step) memory limit/i;
/** After a job fails, slurmctld marks its afterok dependents at its next scheduling pass. */
const dependencyCheckDelaysMs = [1500, 5000];
const defaultSafetyCheckMs = 30_000;

/**
 * Submits, cancels and follows batch jobs on a Slurm cluster through its command-line clients
 * (sbatch, scancel, scontrol, squeue). Completion is learned from the job-completion file, never by
 * polling the queue; see README.md.
 */
export class SlurmClient {
  /** stderr paths of the jobs this client submitted, for jobs slurmctld has forgotten. */
  private readonly stderrPaths = new Map<string, string>();
  /** --array specs of the array jobs this client submitted. */
  private readonly arraySpecs = new Map<string, string>();

  constructor(readonly options: SlurmOptions) {}

  /** Writes the job's batch script into spec.scriptDir and submits it; resolves with the job id. */
  async submit(spec: SlurmJobSpec): Promise<string> {
    await mkdir(spec.scriptDir, { recursive: true });
    const stem = spec.name.replace(/[^A-Za-z0-9._-]+/g, '_').slice(0, 80) || 'job';
    const scriptPath = join(spec.scriptDir, `${stem}.${Date.now()}-${randomBytes(3).toString('hex')}.sh`);
    await writeFile(scriptPath, renderBatchScript(spec.argv, spec.env), { mode: 0o755 });

    const args = [
      '--parsable',
      // Slurm writes the name unquoted into `Key=Value` records: a space or '=' in it would read as a new field.
      `--job-name=${spec.name.replace(/[\s=]+/g, '_')}`,
      `--chdir=${spec.cwd}`,
      `--cpus-per-task=${spec.cpus}`,
      `--mem=${Math.ceil(spec.memoryMb)}M`,
      `--output=${spec.stdoutPath}`,
      `--error=${spec.stderrPath ?? spec.stdoutPath}`,
    ];
    if (spec.timeLimitMinutes !== undefined) args.push(`--time=${Math.ceil(spec.timeLimitMinutes)}`);
    if (spec.dependencyAfterOk && spec.dependencyAfterOk.length > 0) {
      // Without kill-on-invalid-dep a job whose parent failed stays PENDING for ever.
      args.push(`--dependency=afterok:${spec.dependencyAfterOk.join(':')}`, '--kill-on-invalid-dep=yes');
    }
    if (spec.array !== undefined) args.push(`--array=${spec.array}`);
    if (spec.hold) args.push('--hold');
    if (this.options.partition) args.push(`--partition=${this.options.partition}`);
    if (this.options.account) args.push(`--account=${this.options.account}`);
    args.push(...(this.options.extraArgs ?? []), scriptPath);

    const stdout = await runSlurmCommandOrThrow('sbatch', args);
    // --parsable prints "id" or "id;cluster".
    const jobId = stdout.trim().split(';')[0] ?? '';
    if (!/^\d+$/.test(jobId)) {
      throw new SlurmCommandError('sbatch', `sbatch printed no job id for ${scriptPath}: '${stdout.trim()}'`);
    }
    this.stderrPaths.set(jobId, spec.stderrPath ?? spec.stdoutPath);
    if (spec.array !== undefined) this.arraySpecs.set(jobId, spec.array);
    return jobId;
  }

  /** Lets held jobs run (`scontrol release`). */
  async release(ids: readonly string[]): Promise<void> {
    if (ids.length === 0) return;
    await runSlurmCommandOrThrow('scontrol', ['release', ids.join(',')]);
  }

  /** Cancels jobs (or array tasks); jobs that already ended are left as they are. */
  async cancel(ids: readonly string[]): Promise<void> {
    if (ids.length === 0) return;
    const result = await runSlurmCommand('scancel', [...ids]);
    if (result.exitStatus === 0) return;
    const complaints = result.stderr
      .split('\n')
      .map((line) => line.trim())
      .filter((line) => line !== '' && !/already completing or completed|Invalid job id specified/i.test(line));
    if (complaints.length > 0) {
      throw new SlurmCommandError('scancel', `scancel failed (exit ${result.exitStatus}): ${complaints.join('; ')}`, result.exitStatus, result.stderr);
    }
  }

  /**
   * A job's current state from slurmctld, or from the job-completion file once slurmctld has forgotten
   * it; undefined when neither knows the id. For an array job's id, the state of its first task.
   */
  async jobState(id: string): Promise<SlurmJobOutcome | undefined> {
    const records = await this.scontrolRecords(id);
    const record = records.find((fields) => recordJobId(fields) === id) ?? records[0];
    if (record && record.get('JobState') !== 'COMPLETING') return this.outcomeOf(id, record, true);
    // A cancelled or killed job stays COMPLETING in scontrol until its processes are gone, but its
    // completion line, with the final state, is already written.
    const completion = (await readJobCompRecords(this.options.jobCompLoc)).findLast((fields) => recordJobId(fields) === id);
    if (record && completion) return this.outcomeOf(id, new Map([...record, ...completion]), true);
    if (record) return this.outcomeOf(id, record, true);
    return completion ? this.outcomeOf(id, completion, false) : undefined;
  }

  /**
   * Resolves with how each job ended, in the order of `ids`; an array job's id stands for all its
   * tasks, reported as `ARRAYID_TASK`. A job whose afterok dependency can never be satisfied is
   * cancelled and reported CANCELLED with reason DependencyNeverSatisfied.
   */
  async waitForJobs(ids: readonly string[], options: WaitForJobsOptions = {}): Promise<SlurmJobOutcome[]> {
    const { signal, onFinished } = options;
    signal?.throwIfAborted();
    const outcomes = new Map<string, SlurmJobOutcome>();
    const waiting = new Set<string>();
    const timers = new Set<NodeJS.Timeout>();
    let settle: { resolve: () => void; reject: (error: unknown) => void } | undefined;
    const done = new Promise<void>((resolve, reject) => (settle = { resolve, reject }));
    // A failure may come while the initial checks still run; it is rethrown by `await done` below.
    done.catch(() => undefined);
    let failed = false;

    const fail = (error: unknown) => {
      failed = true;
      settle?.reject(error);
    };
    const finish = (outcome: SlurmJobOutcome) => {
      if (!waiting.delete(outcome.jobId)) return;
      outcomes.set(outcome.jobId, outcome);
      onFinished?.(outcome);
      if (waiting.size === 0) settle?.resolve();
    };
    // A completion line is confirmed with scontrol, which also knows the Reason and the stderr path.
    const confirm = async (id: string, completion: Map<string, string>) => {
      const current = await this.jobState(id);
      finish(current && finalJobStates.has(current.state) ? current : await this.outcomeOf(id, completion, false));
    };
    // One squeue call finds the jobs worth a closer look: ended, ending, forgotten, or stuck
    // behind a dependency that failed.
    const sweep = async () => {
      if (waiting.size === 0) return;
      const queue = await readQueueStates([...waiting]);
      for (const id of [...waiting]) {
        if (failed) return;
        const queued = queue.get(id);
        if (queued && !finalJobStates.has(queued.state) && queued.state !== 'COMPLETING' && queued.reason !== 'DependencyNeverSatisfied') continue;
        const current = await this.jobState(id);
        if (current === undefined) {
          throw new SlurmCommandError('scontrol', `Slurm knows no job ${id} (neither slurmctld nor ${this.options.jobCompLoc})`);
        }
        if (finalJobStates.has(current.state)) finish(current);
        else if (current.reason === 'DependencyNeverSatisfied') {
          await this.cancel([id]);
          finish({ ...current, state: 'CANCELLED', outOfMemory: false, timedOut: false });
        }
      }
    };
    const sweepLater = (delayMs: number) => {
      const timer = setTimeout(() => {
        timers.delete(timer);
        sweep().catch(fail);
      }, delayMs);
      timers.add(timer);
    };

    const tail = new JobCompTail(
      this.options.jobCompLoc,
      (records) => {
        let someFailed = false;
        for (const fields of records) {
          const id = recordJobId(fields);
          if (fields.get('JobState') !== 'COMPLETED') someFailed = true;
          if (id !== undefined && waiting.has(id)) confirm(id, fields).catch(fail);
        }
        // Coalesced: on a busy cluster other users' failures must not multiply the squeue calls.
        if (someFailed && waiting.size > 0 && timers.size === 0) for (const delay of dependencyCheckDelaysMs) sweepLater(delay);
      },
      fail,
    );
    const onAbort = () => fail(signal?.reason ?? new Error('stopped waiting for Slurm jobs'));
    signal?.addEventListener('abort', onAbort, { once: true });
    const safetyTimer = setInterval(() => sweep().catch(fail), this.options.safetyCheckMs ?? defaultSafetyCheckMs);

    try {
      const expanded = this.expandArrays(ids, await readQueueStates(ids));
      for (const id of expanded) waiting.add(id);
      if (waiting.size === 0) return [];
      // Watch first, then look: a job ending in between is seen by one or the other.
      await tail.start();
      await sweep();
      await done;
      return expanded.map((id) => outcomes.get(id)!);
    } finally {
      tail.close();
      clearInterval(safetyTimer);
      for (const timer of timers) clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
    }
  }

  /**
   * An array job's id becomes its task ids (from squeue, or from the --array spec this client
   * submitted once slurmctld has forgotten the job); any other id stays as it is.
   */
  private expandArrays(ids: readonly string[], queue: ReadonlyMap<string, unknown>): string[] {
    const expanded: string[] = [];
    for (const id of ids) {
      const taskIds = id.includes('_') ? [] : [...queue.keys()].filter((key) => key.startsWith(`${id}_`));
      const spec = this.arraySpecs.get(id);
      if (taskIds.length === 0 && spec !== undefined && !queue.has(id)) {
        for (const index of expandArrayIndices(spec) ?? []) taskIds.push(`${id}_${index}`);
      }
      if (taskIds.length === 0) taskIds.push(id);
      taskIds.sort((a, b) => Number(a.split('_')[1] ?? 0) - Number(b.split('_')[1] ?? 0));
      for (const taskId of taskIds) if (!expanded.includes(taskId)) expanded.push(taskId);
    }
    return expanded;
  }

  /** scontrol's records for a job id (several for an array job); none when slurmctld forgot it. */
  private async scontrolRecords(id: string): Promise<Map<string, string>[]> {
    const result = await runSlurmCommand('scontrol', ['show', 'job', '-o', id]);
    if (result.exitStatus !== 0) {
      if (/Invalid job id specified/i.test(result.stderr)) return [];
      throw new SlurmCommandError('scontrol', `scontrol show job ${id} failed (exit ${result.exitStatus}): ${result.stderr.trim()}`, result.exitStatus, result.stderr);
    }
    return result.stdout
      .split('\n')
      .filter((line) => line.trim() !== '')
      .map(parseSlurmRecord);
  }

  private async outcomeOf(id: string, fields: ReadonlyMap<string, string>, fromScontrol: boolean): Promise<SlurmJobOutcome> {
    const state = (fields.get('JobState') ?? 'UNKNOWN').split(/\s/)[0]!;
    const { exitCode, signal } = parseExitCode(fields.get('ExitCode'));
    const reason = fromScontrol ? fields.get('Reason') : undefined;
    const outcome: SlurmJobOutcome = {
      jobId: id,
      state,
      exitCode,
      signal,
      outOfMemory: state === 'OUT_OF_MEMORY',
      timedOut: state === 'TIMEOUT',
      ...(reason && reason !== 'None' ? { reason } : {}),
    };
    // Without cgroups (jobacct_gather's OverMemoryKill) Slurm records only a SIGKILL; slurmstepd's
    // note in the job's stderr says why.
    if (!outcome.outOfMemory && finalJobStates.has(state) && signal === 9) {
      const stderrPath = fromScontrol ? fields.get('StdErr') : this.stderrPaths.get(id.split('_')[0]!);
      if (stderrPath && !stderrPath.includes('%')) {
        const text = await readFile(stderrPath, 'utf8').catch(() => '');
        if (memoryKillMessage.test(text)) outcome.outOfMemory = true;
      }
    }
    return outcome;
  }
}
