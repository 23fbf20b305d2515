import { createWriteStream } from 'node:fs';
import { basename, resolve } from 'node:path';
import { JsonLinesLifeCycle, RunDir, runWorkflow, type LifeCycle, type RunWorkflowOptions, type ProtocolRegistry, type Workflow, type AnyParamValue, type RunSummary } from '../engine/index.js';
import { recordRunStart, runHistoryFile, type RecordedRun } from '../engine/run/runHistory.js';
import type { CliIo } from './CliIo.js';
import { exitCodes } from './exitCodes.js';
import { printRunSummary } from './printRunSummary.js';
import { TerminalProgress } from './TerminalProgress.js';

export interface CliRunOptions {
  io: CliIo;
  workflow: Workflow;
  registry: ProtocolRegistry;
  /** Validated workflow parameters. */
  params: Record<string, AnyParamValue>;
  runDir: string;
  store?: string;
  jobs?: number;
  force?: string[];
  forceDownstream?: boolean;
  /**
   * `--force`: the run folder may hold a run of another workflow (take it over), and files no run
   * wrote where this run writes are moved aside to `<name>.user-<n>` instead of refusing the run.
   */
  replaceWorkflow?: boolean;
  /** Run only these steps and what they need. */
  until?: string[];
  /** Every step but `except` must come from the store (see RunWorkflowOptions.storedOnly). */
  storedOnly?: RunWorkflowOptions['storedOnly'];
  /** One JSON summary on stdout, no progress. */
  json?: boolean;
  /** Also stream events as JSON lines to this file ("-" for stderr). */
  events?: string;
}

/**
 * Runs a workflow for a command (run, resume, rerun, and commands other modules add such as
 * `vrs validate`): progress on stderr, summary (or JSON) on stdout, SIGINT/SIGTERM abort the run
 * cleanly. Returns the exit code.
 */
export async function executeCliRun(options: CliRunOptions): Promise<number> {
  const { io } = options;
  const lifeCycles: LifeCycle[] = [];
  if (!options.json) lifeCycles.push(new TerminalProgress(io));
  let eventsStream: ReturnType<typeof createWriteStream> | undefined;
  if (options.events === '-') lifeCycles.push(new JsonLinesLifeCycle((line) => io.stderr.write(line)));
  else if (options.events) {
    const stream = createWriteStream(resolve(io.cwd, options.events), { flags: 'a' });
    eventsStream = stream;
    lifeCycles.push(new JsonLinesLifeCycle((line) => stream.write(line)));
  }
  const controller = new AbortController();
  const onSignal = () => controller.abort();
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  const runDir = resolve(io.cwd, options.runDir);
  let history: RecordedRun | undefined = startHistory(options, runDir);
  let summary: RunSummary | undefined;
  try {
    summary = await runWorkflow({
      workflow: options.workflow,
      registry: options.registry,
      params: options.params,
      runDir,
      ...(options.store ? { store: resolve(io.cwd, options.store) } : {}),
      ...(options.jobs ? { jobs: options.jobs } : {}),
      ...(options.force ? { force: options.force } : {}),
      ...(options.forceDownstream ? { forceDownstream: true } : {}),
      ...(options.until ? { until: options.until } : {}),
      ...(options.replaceWorkflow ? { replaceWorkflow: true, setAsideForeignFiles: true } : {}),
      ...(options.storedOnly ? { storedOnly: options.storedOnly } : {}),
      lifeCycles,
      signal: controller.signal,
    });
    if (options.json) io.stdout.write(`${JSON.stringify(summary, null, 2)}\n`);
    else printRunSummary(summary, io);
    return summary.status === 'success' ? exitCodes.success : summary.status === 'interrupted' ? exitCodes.interrupted : exitCodes.stepsFailed;
  } catch (error) {
    history?.end({ status: 'failed', error: (error as Error).message });
    history = undefined;
    throw error;
  } finally {
    if (summary) history?.end({ status: summary.status, ...reportOf(summary, runDir) });
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
    eventsStream?.end();
  }
}

/** Records the run in the machine-wide history (`vrs log`); a history that cannot be written is warned about. */
function startHistory(options: CliRunOptions, runDir: string): RecordedRun {
  const map = options.params['map'];
  return recordRunStart(
    runHistoryFile(options.io.env),
    { runDir, workflow: options.workflow.name, ...(typeof map === 'string' ? { map } : {}) },
    (error, file) => options.io.stderr.write(`warning: the run history ${file} cannot be written: ${(error as Error).message}\n`),
  );
}

/** The report.json the run published, else one an earlier run of the folder published (an all-cached run). */
function reportOf(summary: RunSummary, runDir: string): { report?: string } {
  const published = summary.published.find((file) => basename(file) === 'report.json');
  if (published) return { report: resolve(runDir, published) };
  const recorded = new RunDir(runDir).readRecord()?.published?.find((file) => basename(file) === 'report.json');
  return recorded ? { report: resolve(runDir, recorded) } : {};
}
