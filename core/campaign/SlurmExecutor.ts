import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { packageRoot, type RunSummary, type SlurmClient, type SlurmJobOutcome } from '../engine/index.js';
import type { LedgerRow } from './CampaignLedger.js';
import type { CampaignExecutor, EntryJob, EntryOutcome, ExecutorHooks } from './CampaignExecutor.js';
import { failedSteps } from './LocalExecutor.js';

/** Memory of an entry's job when neither its row nor the campaign gives one (MB). */
export const DEFAULT_ENTRY_MEMORY_MB = 4096;

/**
 * One sbatch job per entry: the job runs `vrs validate` on the entry's inputs into its run folder
 * with the shared store (the store's commits are safe across processes and hosts). The job is
 * submitted held, its id committed to the ledger, then released — a campaign killed between
 * sbatch and the ledger leaves a held job that never runs, not a job that runs twice. Completion
 * comes from the Slurm client (the job-completion file, no queue polling).
 */
export class SlurmExecutor implements CampaignExecutor {
  readonly name = 'slurm';

  constructor(
    private readonly client: SlurmClient,
    private readonly options: { out: string; cpus: number },
  ) {}

  async run(job: EntryJob, hooks: ExecutorHooks, signal: AbortSignal): Promise<EntryOutcome> {
    const started = performance.now();
    const memoryMb = job.memoryMb ?? DEFAULT_ENTRY_MEMORY_MB;
    const argv = [
      process.execPath, join(packageRoot, 'bin/vrs.mjs'), '--json', 'validate', ...job.validateArgs,
      '--out', job.runDir, '--store', job.store, '--jobs', String(job.jobs ?? this.options.cpus),
    ];
    const jobId = await this.client.submit({
      name: `vrs-${job.entry}`,
      argv,
      cwd: this.options.out,
      scriptDir: join(this.options.out, 'jobs'),
      cpus: this.options.cpus,
      memoryMb,
      ...(job.timeLimitMinutes !== undefined ? { timeLimitMinutes: job.timeLimitMinutes } : {}),
      stdoutPath: this.#stdout(job.entry),
      stderrPath: this.#stderr(job.entry),
      hold: true,
    });
    hooks.submitted({ jobId, memoryMb });
    await this.client.release([jobId]);
    return this.#follow(job.entry, jobId, signal, started);
  }

  async reattach(row: LedgerRow, signal: AbortSignal): Promise<EntryOutcome | 'lost'> {
    if (row.jobId === null) return 'lost';
    const state = await this.client.jobState(row.jobId);
    if (state === undefined) return 'lost';
    // Submitted held by a campaign that stopped before releasing it.
    if (state.state === 'PENDING') await this.client.release([row.jobId]).catch(() => undefined);
    return this.#follow(row.entry, row.jobId, signal, performance.now());
  }

  async cancel(rows: readonly LedgerRow[]): Promise<void> {
    await this.client.cancel(rows.map((row) => row.jobId).filter((id): id is string => id !== null));
  }

  async #follow(entry: string, jobId: string, signal: AbortSignal, started: number): Promise<EntryOutcome> {
    let outcome: SlurmJobOutcome | undefined;
    try {
      if (!signal.aborted) [outcome] = await this.client.waitForJobs([jobId], { signal });
    } catch (error) {
      if (!signal.aborted) throw error;
    }
    const seconds = (performance.now() - started) / 1000;
    if (outcome === undefined || signal.aborted) {
      // Ctrl-C or `vrs cancel`: the job stops with the campaign; the entry resumes on the next start.
      await this.client.cancel([jobId]).catch(() => undefined);
      return { status: 'interrupted', seconds };
    }
    return this.#outcome(entry, outcome, seconds);
  }

  #outcome(entry: string, outcome: SlurmJobOutcome, seconds: number): EntryOutcome {
    const job = `Slurm job ${outcome.jobId}`;
    if (outcome.state === 'COMPLETED' && outcome.exitCode === 0) return { status: 'done', seconds };
    if (outcome.outOfMemory) return { status: 'failed', outOfMemory: true, reason: `${job} ran out of memory (${outcome.state})`, seconds };
    if (outcome.timedOut) return { status: 'failed', reason: `${job} reached its time limit (${outcome.state})`, seconds };
    if (outcome.state === 'COMPLETED' || outcome.state === 'FAILED') {
      const why = this.#printedReason(entry) ?? this.#lastError(entry);
      return { status: 'failed', reason: `${job}: vrs validate exited ${outcome.exitCode}${why ? ` — ${why}` : ''}`, seconds };
    }
    return { status: 'failed', reason: `${job} ended ${outcome.state}${outcome.reason ? ` (${outcome.reason})` : ''}`, seconds };
  }

  /**
   * Why `vrs --json validate` failed, from what it printed last: its run summary (the failed steps)
   * or its error object (an input refused, the run folder in use).
   */
  #printedReason(entry: string): string | undefined {
    const file = this.#stdout(entry);
    if (!existsSync(file)) return undefined;
    const text = readFileSync(file, 'utf8');
    const start = text.lastIndexOf('\n{\n');
    let printed: Partial<RunSummary> & { error?: { message?: string } };
    try {
      printed = JSON.parse(start >= 0 ? text.slice(start + 1) : text) as typeof printed;
    } catch {
      return undefined;
    }
    if (typeof printed.error?.message === 'string') return printed.error.message;
    return Array.isArray(printed.steps) ? failedSteps(printed as RunSummary) : undefined;
  }

  /** The last line the job wrote to stderr (an input refused, a crash). */
  #lastError(entry: string): string | undefined {
    const file = this.#stderr(entry);
    if (!existsSync(file)) return undefined;
    const lines = readFileSync(file, 'utf8').split('\n').map((line) => line.trim()).filter(Boolean);
    return lines.at(-1);
  }

  #stdout(entry: string): string {
    return join(this.options.out, 'jobs', `${entry}.out`);
  }

  #stderr(entry: string): string {
    return join(this.options.out, 'jobs', `${entry}.err`);
  }
}
