import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { VrsInputError } from '../errors/index.js';
import type { AnyParamValue, Workflow } from '../engine/index.js';
import { lockCampaignFolder } from './lockCampaignFolder.js';
import { CampaignLedger, type EntryState, type LedgerRow } from './CampaignLedger.js';
import type { CampaignExecutor, EntryOutcome } from './CampaignExecutor.js';
import { entryDigest } from './entryDigest.js';
import { entryValidationOptions, validateArguments, type EntryValidationOptions } from './entryValidation.js';
import { CampaignProgress } from './CampaignProgress.js';
import { readCampaignFile, type CampaignEntry } from './readCampaignFile.js';
import { writeCampaignReports } from './writeCampaignReports.js';

export interface PlannedEntry {
  workflow: Workflow;
  params: Record<string, AnyParamValue>;
  levels: string[];
  notes: string[];
}

export interface CampaignRunOptions {
  /** The campaign file (CSV/TSV). */
  file: string;
  /** The campaign folder: ledger, one run folder per entry under entries/, summary and failures. */
  out: string;
  /** The shared step store of every entry. */
  store: string;
  /** EMDB archive folder for rows with an EMDB id. */
  archive?: string;
  executor: CampaignExecutor;
  /** `vrs validate`'s planning: every input check, the workflow of the levels the inputs allow. */
  plan(options: EntryValidationOptions): Promise<PlannedEntry>;
  /** Entries in flight at once (default 1). */
  parallel?: number;
  /** Steps at once inside an entry. */
  jobs?: number;
  /** Run failed and invalid entries again. */
  retryFailed?: boolean;
  /** Memory of an entry's job when its row gives none (MB; executors that use it). */
  memoryMb?: number;
  /** Out-of-memory retries double the memory up to this (MB). */
  maxMemoryMb?: number;
  /** Attempts of one entry within one campaign run, out-of-memory retries included (default 3). */
  maxAttempts?: number;
  progress(line: string): void;
  signal: AbortSignal;
}

export interface CampaignResult {
  rows: LedgerRow[];
  counts: Record<EntryState, number>;
  interrupted: boolean;
  summaryFile: string;
  failuresFile: string;
  ledgerFile: string;
}

/**
 * Runs a campaign: every entry of the file through the levels its inputs allow, each in its own run
 * folder with one shared store, the outcome of every hand-over and ending committed to the ledger.
 * A restarted campaign skips what is done, follows what an earlier process submitted (never
 * submitting it again) and resumes what was cut short from its run folder's cache.
 */
export async function runCampaign(options: CampaignRunOptions): Promise<CampaignResult> {
  const entries = readCampaignFile(options.file);
  mkdirSync(join(options.out, 'entries'), { recursive: true });
  const release = await lockCampaignFolder(options.out);
  const ledgerFile = join(options.out, 'ledger.sqlite');
  const ledger = new CampaignLedger(ledgerFile);
  try {
    const keyed = entries.map((entry) => ({ entry, digest: entryDigest(entry, options.archive !== undefined ? { archive: options.archive } : {}) }));
    const inFlight = ledger.all().filter((row) => row.state === 'submitted' || row.state === 'running');
    if (options.executor.name === 'local') {
      // Jobs a Slurm campaign left in flight still run; running their entries here as well would run them twice.
      const jobs = inFlight.filter((row) => row.jobId !== null);
      if (jobs.length > 0) {
        throw new VrsInputError(
          `${jobs.length} entr${jobs.length === 1 ? 'y is' : 'ies are'} in Slurm job${jobs.length === 1 ? '' : 's'} ${jobs.map((row) => row.jobId).join(', ')} submitted by an earlier start; continue with --executor slurm, or stop them with vrs cancel first`,
          options.out,
          'executor',
        );
      }
    }
    // A row changed (or its files, the workflows, the engine) while its old version was in flight:
    // the old one is stopped, so that one entry never runs twice in its folder.
    const current = new Set(keyed.map(({ entry, digest }) => `${entry.id}\u0000${digest}`));
    const superseded = inFlight.filter((row) => !current.has(`${row.entry}\u0000${row.digest}`));
    if (superseded.length > 0) {
      await options.executor.cancel(superseded);
      for (const row of superseded) ledger.failed(row.entry, row.digest, 'superseded: the row, its files or the workflows changed while it ran; stopped');
    }
    const rows = new Map(keyed.map(({ entry, digest }) => [entry.id, ledger.ensure(entry.id, digest, entry.line)]));
    // Entries that ran before with other inputs: their folder may hold another workflow's run.
    const changed = new Set(ledger.all().filter((row) => !current.has(`${row.entry}\u0000${row.digest}`)).map((row) => row.entry));
    const progress = new CampaignProgress(keyed.length, options.progress);
    for (const row of rows.values()) if (row.state === 'done' || row.state === 'failed' || row.state === 'invalid') progress.alreadyFinished(row.state);
    const controller = new AbortController();
    const abort = () => controller.abort();
    options.signal.addEventListener('abort', abort, { once: true });
    try {
      const queue: { entry: CampaignEntry; digest: string; reattach?: LedgerRow }[] = [];
      for (const { entry, digest } of keyed) {
        const row = rows.get(entry.id)!;
        if (row.state === 'submitted' || row.state === 'running') queue.push({ entry, digest, reattach: row });
        else if (row.state === 'pending') queue.push({ entry, digest });
        else if ((row.state === 'failed' || row.state === 'invalid') && options.retryFailed) {
          ledger.requeue(entry.id, digest, '--retry-failed');
          progress.retrying(row.state);
          queue.push({ entry, digest });
        }
      }
      progress.start(queue.length);
      const parallel = Math.max(1, options.parallel ?? 1);
      let next = 0;
      const worker = async () => {
        while (next < queue.length && !controller.signal.aborted) {
          const item = queue[next++]!;
          await runEntry(item.entry, item.digest, item.reattach, changed.has(item.entry.id), ledger, options, progress, controller.signal);
        }
      };
      await Promise.all(Array.from({ length: Math.min(parallel, Math.max(1, queue.length)) }, worker));
    } finally {
      options.signal.removeEventListener('abort', abort);
    }
    const finalRows = keyed.map(({ entry, digest }) => ledger.get(entry.id, digest)!);
    const reports = writeCampaignReports(options.out, finalRows);
    const counts = countStates(finalRows);
    options.progress(progress.finalLine(counts));
    return { rows: finalRows, counts, interrupted: options.signal.aborted, ...reports, ledgerFile };
  } finally {
    ledger.close();
    release();
  }
}

async function runEntry(
  entry: CampaignEntry, digest: string, previous: LedgerRow | undefined, changedInputs: boolean, ledger: CampaignLedger,
  options: CampaignRunOptions, progress: CampaignProgress, signal: AbortSignal,
): Promise<void> {
  const runDir = join(options.out, 'entries', entry.id);
  const started = performance.now();
  let retryMemoryMb: number | undefined;
  if (previous !== undefined) {
    let outcome: EntryOutcome | 'lost';
    try {
      outcome = await options.executor.reattach(previous, signal);
    } catch (error) {
      // Left as it is: the next start follows it again.
      progress.note(`${entry.id}: could not follow ${previous.jobId ? `job ${previous.jobId}` : 'its run'}: ${error instanceof Error ? error.message : String(error)}`);
      return;
    }
    if (outcome !== 'lost') {
      progress.note(`${entry.id}: followed ${previous.jobId ? `job ${previous.jobId}` : 'the run'} submitted by an earlier campaign process`);
      const row = ledger.get(entry.id, digest)!;
      if (!(outcome.outOfMemory && retryable(row, options) && row.memoryMb !== null)) {
        record(entry, digest, outcome, runDir, ledger, progress, performance.now() - started);
        return;
      }
      retryMemoryMb = Math.min(2 * row.memoryMb, options.maxMemoryMb ?? 2 * row.memoryMb);
      progress.note(`${entry.id}: ran out of memory at ${row.memoryMb} MB (attempt ${row.attempts}); retrying with ${retryMemoryMb} MB`);
    } else {
      ledger.requeue(entry.id, digest, 'the campaign process that ran it stopped');
      progress.note(`${entry.id}: resumed (its run was cut short; finished steps come from the store)`);
    }
  }
  const validation = entryValidationOptions(entry, options.archive);
  let planned: PlannedEntry;
  try {
    planned = await options.plan(validation);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    ledger.failed(entry.id, digest, message, { invalid: error instanceof VrsInputError });
    progress.finished(entry.id, error instanceof VrsInputError ? 'invalid' : 'failed', message);
    return;
  }
  const declared = declaredResources(planned.workflow);
  // A failed entry run again (--retry-failed) starts from the memory its last attempt had.
  const lastMemoryMb = ledger.get(entry.id, digest)?.memoryMb ?? undefined;
  let memoryMb = retryMemoryMb ?? atLeast(entry.fields.memory_mb !== undefined ? Number(entry.fields.memory_mb) : atLeast(options.memoryMb, declared.memoryMb), lastMemoryMb);
  let attemptsNow = 0;
  const timeLimitMinutes = entry.fields.time_limit_min !== undefined ? Number(entry.fields.time_limit_min) : undefined;
  for (;;) {
    if (signal.aborted) return;
    const job = {
      entry: entry.id, digest, runDir, store: options.store,
      workflow: planned.workflow, params: planned.params,
      validateArgs: validateArguments(validation),
      ...(memoryMb !== undefined ? { memoryMb } : {}),
      ...(timeLimitMinutes !== undefined ? { timeLimitMinutes } : {}),
      ...(declared.threads !== undefined ? { threads: declared.threads } : {}),
      ...(changedInputs ? { replaceWorkflow: true } : {}),
      ...(options.jobs ? { jobs: options.jobs } : {}),
    };
    let outcome: EntryOutcome;
    let handedOver = false;
    attemptsNow++;
    try {
      outcome = await options.executor.run(job, {
        submitted: (details) => {
          handedOver = true;
          ledger.submitted(entry.id, digest, { ...details, runDir, levels: planned.levels.join(',') });
          progress.started(entry.id, details.jobId);
        },
        started: () => ledger.running(entry.id, digest),
      }, signal);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      if (handedOver && options.executor.name !== 'local') {
        // A job that may still run stays recorded as submitted: the next start follows it.
        progress.note(`${entry.id}: lost track of its job (${message}); the next start follows it`);
        return;
      }
      // Refused (sbatch, the run folder in use, bad input found late): recorded, the campaign goes on.
      const reason = `could not run it: ${message}`;
      ledger.failed(entry.id, digest, reason, { invalid: error instanceof VrsInputError });
      progress.finished(entry.id, error instanceof VrsInputError ? 'invalid' : 'failed', reason);
      return;
    }
    const row = ledger.get(entry.id, digest)!;
    if (outcome.outOfMemory && attemptsNow < (options.maxAttempts ?? 3) && retryable(row, options) && memoryMb !== undefined) {
      memoryMb = Math.min(2 * memoryMb, options.maxMemoryMb ?? 2 * memoryMb);
      progress.note(`${entry.id}: ran out of memory at ${row.memoryMb ?? '?'} MB (attempt ${row.attempts}); retrying with ${memoryMb} MB`);
      continue;
    }
    record(entry, digest, outcome, runDir, ledger, progress, outcome.seconds * 1000);
    return;
  }
}

/** Memory a Node process running an entry needs besides its steps' declared memory (MB). */
const PROCESS_BASE_MB = 1024;

/**
 * What the protocols of an entry's workflow declare (or its steps override): the largest thread
 * count, and the largest memory plus the process's own — what one job must grant the entry.
 */
function declaredResources(workflow: Workflow): { threads?: number; memoryMb?: number } {
  let threads: number | undefined;
  let memoryMb: number | undefined;
  for (const step of Object.values(workflow.steps)) {
    const resources = step.resources ?? {};
    if (resources.threads !== undefined) threads = Math.max(threads ?? 0, resources.threads);
    if (resources.memoryMb !== undefined) memoryMb = Math.max(memoryMb ?? 0, resources.memoryMb + PROCESS_BASE_MB);
  }
  return { ...(threads !== undefined ? { threads } : {}), ...(memoryMb !== undefined ? { memoryMb } : {}) };
}

function atLeast(value: number | undefined, floor: number | undefined): number | undefined {
  return value === undefined ? floor : floor === undefined ? value : Math.max(value, floor);
}

/** More memory can still be given (below the cap). */
function retryable(row: LedgerRow, options: CampaignRunOptions): boolean {
  const cap = options.maxMemoryMb;
  return cap === undefined || row.memoryMb === null || row.memoryMb < cap;
}

function record(entry: CampaignEntry, digest: string, outcome: EntryOutcome, runDir: string, ledger: CampaignLedger, progress: CampaignProgress, ms: number): void {
  const reportPath = join(runDir, 'report.json');
  const seconds = ms / 1000;
  if (outcome.status === 'interrupted') {
    ledger.requeue(entry.id, digest, 'interrupted');
    progress.stopped(entry.id);
    progress.note(`${entry.id}: interrupted; it resumes on the next start`);
    return;
  }
  if (outcome.status === 'done') {
    if (!existsSync(reportPath)) {
      const reason = 'the run ended without a report.json';
      ledger.failed(entry.id, digest, reason, { seconds });
      progress.finished(entry.id, 'failed', reason);
      return;
    }
    const score = readScore(reportPath);
    ledger.done(entry.id, digest, { reportPath, ...(score ? { score } : {}), seconds });
    progress.finished(entry.id, 'done', score ? `score ${score.passed}/${score.evaluable}` : undefined);
    return;
  }
  const reason = outcome.reason ?? 'failed';
  ledger.failed(entry.id, digest, reason, { seconds, ...(existsSync(reportPath) ? { reportPath } : {}) });
  progress.finished(entry.id, 'failed', reason);
}

function readScore(reportPath: string): { passed: number; evaluable: number } | undefined {
  try {
    const report = JSON.parse(readFileSync(reportPath, 'utf8')) as { score?: { passed?: unknown; evaluable?: unknown } };
    const { passed, evaluable } = report.score ?? {};
    return typeof passed === 'number' && typeof evaluable === 'number' ? { passed, evaluable } : undefined;
  } catch {
    return undefined;
  }
}

export function countStates(rows: readonly LedgerRow[]): Record<EntryState, number> {
  const counts: Record<EntryState, number> = { pending: 0, submitted: 0, running: 0, done: 0, failed: 0, invalid: 0 };
  for (const row of rows) counts[row.state]++;
  return counts;
}
