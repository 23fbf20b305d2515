import { createWriteStream } from 'node:fs';
import { resolve } from 'node:path';
import { JsonLinesLifeCycle, runWorkflow, type LifeCycle, type RunWorkflowOptions, type ProtocolRegistry, type Workflow, type AnyParamValue } from '../engine/index.js';
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
  try {
    const summary = await runWorkflow({
      workflow: options.workflow,
      registry: options.registry,
      params: options.params,
      runDir: resolve(io.cwd, options.runDir),
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
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
    eventsStream?.end();
  }
}
