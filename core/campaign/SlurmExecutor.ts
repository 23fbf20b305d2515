import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { packageRoot, type RunSummary, type SlurmClient, type SlurmJobOutcome } from '../engine/index.js';
import type { LedgerRow } from './CampaignLedger.js';
import type { CampaignExecutor, EntryJob, EntryOutcome, ExecutorHooks } from './CampaignExecutor.js';
import { failedSteps } from './LocalExecutor.js';

/** Memory of an entry's job when neither its row nor the campaign gives one (MB). */
export const DEFAULT_ENTRY_MEMORY_MB = 4096;
/** Entries handed over within this time of each other are submitted as one array job (ms). */
const ARRAY_WINDOW_MS = 1000;
const MAX_ARRAY_TASKS = 1000;

interface PendingEntry {
  job: EntryJob;
  hooks: ExecutorHooks;
  memoryMb: number;
  resolve(jobId: string): void;
  reject(error: unknown): void;
}

/**
 * One Slurm job per entry — entries handed over together go as one array job, a task per entry:
 * the job runs `vrs validate` on the entry's inputs into its run folder with the shared store (its
 * commits and step leases work across processes and hosts). Jobs are submitted held, their ids
 * committed to the ledger, then released — a campaign killed between sbatch and the ledger leaves a
 * held job that never runs, not a job that runs twice. Completion comes from the Slurm client (the
 * job-completion file, no queue polling).
 */
export class SlurmExecutor implements CampaignExecutor {
  readonly name = 'slurm';
  readonly #batches = new Map<string, { items: PendingEntry[]; timer: NodeJS.Timeout }>();

  constructor(
    private readonly client: SlurmClient,
    /** `globalArgs`: the campaign's --config and --plugin options, so a job loads what the campaign did. */
    private readonly options: { out: string; cpus: number; globalArgs: readonly string[] },
  ) {}

  async run(job: EntryJob, hooks: ExecutorHooks, signal: AbortSignal): Promise<EntryOutcome> {
    const started = performance.now();
    const memoryMb = job.memoryMb ?? DEFAULT_ENTRY_MEMORY_MB;
    const jobId = await new Promise<string>((resolve, reject) => {
      // Entries handed over within ARRAY_WINDOW_MS with the same memory, CPUs and time limit go as one array job.
      const key = `${memoryMb}:${this.#cpus(job)}:${job.timeLimitMinutes ?? ''}`;
      let batch = this.#batches.get(key);
      if (batch === undefined) {
        batch = { items: [], timer: setTimeout(() => void this.#submit(key), ARRAY_WINDOW_MS) };
        this.#batches.set(key, batch);
      }
      batch.items.push({ job, hooks, memoryMb, resolve, reject });
      if (batch.items.length >= MAX_ARRAY_TASKS) void this.#submit(key);
    });
    return this.#follow(job.entry, jobId, signal, started);
  }

  /**
   * Submits a batch, held: one job for a single entry, else an array job whose task k runs entry k
   * of a manifest (bin/vrs-array-task.mjs). Every entry's job id (`ARRAY_k` for a task) is handed to
   * the ledger before the job is released.
   */
  async #submit(key: string): Promise<void> {
    const batch = this.#batches.get(key);
    if (batch === undefined) return;
    this.#batches.delete(key);
    clearTimeout(batch.timer);
    const { items } = batch;
    const first = items[0]!;
    const jobs = join(this.options.out, 'jobs');
    const common = {
      cwd: this.options.out,
      scriptDir: jobs,
      cpus: this.#cpus(first.job),
      memoryMb: first.memoryMb,
      ...(first.job.timeLimitMinutes !== undefined ? { timeLimitMinutes: first.job.timeLimitMinutes } : {}),
      hold: true,
    };
    try {
      let ids: string[];
      let release: string;
      if (items.length === 1) {
        release = await this.client.submit({ ...common, name: `vrs-${first.job.entry}`, argv: this.#argv(first.job), stdoutPath: this.#stdout(first.job.entry), stderrPath: this.#stderr(first.job.entry) });
        ids = [release];
      } else {
        await mkdir(jobs, { recursive: true });
        const manifest = join(jobs, `array-${Date.now()}-${randomBytes(3).toString('hex')}.json`);
        await writeFile(manifest, JSON.stringify(items.map(({ job }) => ({ entry: job.entry, argv: this.#argv(job), stdout: this.#stdout(job.entry), stderr: this.#stderr(job.entry) })), null, 1));
        release = await this.client.submit({
          ...common,
          name: 'vrs-campaign',
          argv: [process.execPath, join(packageRoot, 'bin/vrs-array-task.mjs'), manifest],
          array: `0-${items.length - 1}`,
          stdoutPath: join(jobs, 'array-%A_%a.log'),
        });
        ids = items.map((_, k) => `${release}_${k}`);
      }
      items.forEach((item, k) => item.hooks.submitted({ jobId: ids[k]!, memoryMb: item.memoryMb }));
      await this.client.release([release]);
      items.forEach((item, k) => item.resolve(ids[k]!));
    } catch (error) {
      for (const item of items) item.reject(error);
    }
  }

  /** The configured CPUs per entry, or more when a step of the entry declares more threads. */
  #cpus(job: EntryJob): number {
    return Math.max(this.options.cpus, job.threads ?? 0);
  }

  #argv(job: EntryJob): string[] {
    return [
      process.execPath, join(packageRoot, 'bin/vrs.mjs'), '--json', ...this.options.globalArgs, 'validate', ...job.validateArgs,
      '--out', job.runDir, '--store', job.store, '--jobs', String(job.jobs ?? this.#cpus(job)),
      ...(job.replaceWorkflow ? ['--force'] : []),
    ];
  }

  async reattach(row: LedgerRow, signal: AbortSignal): Promise<EntryOutcome | 'lost'> {
    if (row.jobId === null) return 'lost';
    const state = await this.client.jobState(row.jobId);
    // Unknown to Slurm, or cancelled (by this campaign stopping, or `vrs cancel`, killed before it
    // could put the entry back): the entry runs again, resuming from the store.
    if (state === undefined || state.state === 'CANCELLED') return 'lost';
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
