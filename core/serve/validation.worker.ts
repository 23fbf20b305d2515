// A validation off the server's event loop: planning (every input check of `vrs validate`, which
// reads whole maps) and the run itself (whose report step renders on its thread) happen in this
// worker thread, so pages and event streams stay responsive while runs go on.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { parentPort, workerData } from 'node:worker_threads';
import { planValidation } from '../cli/commands/executeValidation.js';
import type { ValidationOptions } from '../cli/commands/resolveValidationInputs.js';
import { openRecordedRun } from '../cli/openRecordedRun.js';
import { loadProtocolRegistry, runWorkflow, type EngineEvents, type LifeCycle } from '../engine/index.js';
import { VrsInputError } from '../errors/index.js';
import { withTitle } from './withTitle.js';

export interface ValidationTask {
  kind: 'plan' | 'run';
  /** Plugin modules of the server's registry. */
  modules: string[];
  options: ValidationOptions;
  title: string;
  cwd: string;
  runDir: string;
  store: string;
  stepJobs?: number;
}

/** What the worker tells the server. */
export type ValidationMessage =
  | { type: 'planned'; levels: string[]; notes: string[] }
  | { type: 'event'; name: keyof EngineEvents; event: EngineEvents[keyof EngineEvents] }
  | { type: 'ended'; status: 'success' | 'failed' | 'interrupted'; failed: string[] }
  | { type: 'error'; message: string; inputError: boolean };

const task = workerData as ValidationTask;
const port = parentPort!;
const controller = new AbortController();
port.on('message', (message: { type: string }) => {
  if (message.type === 'abort') controller.abort();
});
// The port must not keep the worker alive once the task is over (a listener refs it: unref after).
port.unref();
const post = (message: ValidationMessage) => port.postMessage(message);

try {
  const forward = (name: keyof EngineEvents) => (event: EngineEvents[keyof EngineEvents]) => post({ type: 'event', name, event });
  const lifeCycle: LifeCycle = {
    'run:start': forward('run:start'),
    'step:start': forward('step:start'),
    'step:cached': forward('step:cached'),
    'step:success': forward('step:success'),
    'step:failed': forward('step:failed'),
    'step:skipped': forward('step:skipped'),
  };
  if (task.kind === 'run' && existsSync(join(task.runDir, 'run.json'))) {
    // An interrupted run: the workflow, parameters and plugin modules as it ran (`vrs resume`).
    const recorded = await openRecordedRun(task.runDir, task.runDir);
    const summary = await runWorkflow({ ...recorded.runOptions, store: task.store, ...(task.stepJobs ? { jobs: task.stepJobs } : {}), lifeCycles: [lifeCycle], signal: controller.signal });
    post({ type: 'ended', status: summary.status, failed: summary.steps.filter((step) => step.outcome === 'failed').map((step) => step.step) });
  } else {
    const registry = await loadProtocolRegistry(task.modules);
    const planned = await planValidation(task.options, task.cwd, registry);
    post({ type: 'planned', levels: planned.levels, notes: planned.notes });
    if (task.kind === 'run') {
      const summary = await runWorkflow({
        workflow: planned.workflow,
        registry,
        params: withTitle(planned, task.title),
        runDir: task.runDir,
        store: task.store,
        ...(task.stepJobs ? { jobs: task.stepJobs } : {}),
        lifeCycles: [lifeCycle],
        signal: controller.signal,
      });
      post({ type: 'ended', status: summary.status, failed: summary.steps.filter((step) => step.outcome === 'failed').map((step) => step.step) });
    }
  }
} catch (error) {
  post({ type: 'error', message: (error as Error).message, inputError: error instanceof VrsInputError });
}
