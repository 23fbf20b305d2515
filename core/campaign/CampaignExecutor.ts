import type { AnyParamValue, Workflow } from '../engine/index.js';
import type { LedgerRow } from './CampaignLedger.js';

/** One entry handed to an executor. */
export interface EntryJob {
  entry: string;
  digest: string;
  /** The entry's run folder and the campaign's shared store. */
  runDir: string;
  store: string;
  workflow: Workflow;
  params: Record<string, AnyParamValue>;
  /** The entry's `vrs validate` arguments (without --out/--store), for executors that start a process. */
  validateArgs: string[];
  /** Declared memory (MB) and time limit (minutes) of the entry's job, when any. */
  memoryMb?: number;
  timeLimitMinutes?: number;
  /** The most threads a step of the entry's workflow declares (its job's CPUs at least). */
  threads?: number;
  /**
   * The entry ran before with other inputs (another row digest): its run folder may hold another
   * workflow's run, which the campaign, owning the folder, replaces.
   */
  replaceWorkflow?: boolean;
  /** Steps at once inside the entry. */
  jobs?: number;
}

export interface EntryOutcome {
  status: 'done' | 'failed' | 'interrupted';
  /** Why it failed (a step's error, a job state), one line. */
  reason?: string;
  /** Ended by the memory limit (Slurm) — the campaign retries it with more memory. */
  outOfMemory?: boolean;
  seconds: number;
}

export interface ExecutorHooks {
  /** The executor has taken the entry; `jobId` when it has a durable handle for it. */
  submitted(details: { jobId?: string; memoryMb?: number }): void;
  /** The entry started computing. */
  started(): void;
}

/**
 * Where campaign entries run. `run` takes one entry to its end (or the signal's abort); `reattach`
 * follows an entry an earlier campaign process submitted (a Slurm job outlives its submitter), so a
 * restarted campaign never submits it twice.
 */
export interface CampaignExecutor {
  readonly name: string;
  run(job: EntryJob, hooks: ExecutorHooks, signal: AbortSignal): Promise<EntryOutcome>;
  /** Entries recorded as submitted by a process that is gone: 'lost' when nothing runs them any more. */
  reattach(row: LedgerRow, signal: AbortSignal): Promise<EntryOutcome | 'lost'>;
  /** Stops entries recorded as submitted (`vrs cancel`, Ctrl-C). */
  cancel(rows: readonly LedgerRow[]): Promise<void>;
  close?(): Promise<void>;
}
