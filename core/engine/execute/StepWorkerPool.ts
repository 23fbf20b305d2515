import type { Worker } from 'node:worker_threads';
import { startWorker } from '../../parallel/index.js';
import type { ArtifactRecord } from '../store/StepManifest.js';
import type { StepResources } from '../protocol/StepResources.js';
import type { ExecuteHooks } from './executeProtocol.js';
import type { SharedVolume } from './SharedVolume.js';
import { isWorkerOutOfMemory, StepFailure, StepOutOfMemory, StepTimedOut } from './StepError.js';
import type { StepRequest } from './StepRequest.js';
import type { StepTask, StepWorkerCommand, StepWorkerMessage } from './StepWorkerMessage.js';

/** After an abort, how long a step may take to stop by itself before its worker is terminated. */
const abortGraceMs = 2000;

export interface PooledStepResult {
  outputs: Record<string, ArtifactRecord>;
  /** The step's volume and mask outputs in shared memory, by port. */
  shared: Record<string, SharedVolume>;
}

interface Waiting {
  moduleFile: string;
  start(worker: Worker): void;
  fail(error: Error): void;
}

/**
 * Long-lived worker threads that run steps one after another (stepPoolWorker): a step pays for its
 * computation, not for a thread start and the load of every plugin module, and the parallel
 * kernels' own worker pools stay warm from one step to the next. Steps queue until a worker is
 * free. A worker is replaced, never reused, after a step it had to be terminated for (time limit,
 * abort past the grace period) or that crashed it. Idle workers do not keep the process alive.
 *
 * Steps that declare a heap limit or a thread count run in a worker started for them alone
 * (runAlone): both are properties of the thread, fixed when it starts.
 */
export class StepWorkerPool {
  private readonly idle: Worker[] = [];
  private readonly queue: Waiting[] = [];
  private running = 0;
  private closed = false;

  constructor(private readonly size: number) {
    if (!Number.isInteger(size) || size < 1) throw new RangeError(`step worker pool size must be a positive integer, got ${size}`);
  }

  run(request: StepRequest, moduleFile: string, memoryInputs: Record<string, SharedVolume>, hooks: ExecuteHooks, timeLimitSeconds?: number): Promise<PooledStepResult> {
    if (this.closed) return Promise.reject(new Error('the step worker pool is closed'));
    return new Promise((resolve, reject) => {
      const task: StepWorkerCommand & StepTask = { type: 'run', request, moduleFile, memoryInputs };
      this.queue.push({ moduleFile, fail: reject, start: (worker) => this.runOn(worker, task, hooks, timeLimitSeconds, resolve, reject) });
      this.dispatch();
    });
  }

  /**
   * Runs a step in a worker thread started for it and ended after it, outside the pool's count:
   * `resources.memoryMb` becomes its JavaScript heap limit (typed arrays live outside that heap),
   * `resources.threads` its VRS_THREADS (which the parallel kernels read). A worker that reaches
   * its heap limit fails the step with StepOutOfMemory naming the limit.
   */
  runAlone(request: StepRequest, moduleFile: string, memoryInputs: Record<string, SharedVolume>, hooks: ExecuteHooks, resources: StepResources): Promise<PooledStepResult> {
    const worker = startWorker(import.meta.url, 'stepPoolWorker', {
      ...(resources.memoryMb !== undefined ? { resourceLimits: { maxOldGenerationSizeMb: resources.memoryMb } } : {}),
      ...(resources.threads !== undefined ? { env: { ...process.env, VRS_THREADS: String(resources.threads) } } : {}),
    });
    // Its step's listeners go when the step ends; an error the thread raises after that is moot.
    worker.on('error', () => undefined);
    const task: StepWorkerCommand & StepTask = { type: 'run', request, moduleFile, memoryInputs };
    return new Promise((resolve, reject) => this.runOn(worker, task, hooks, resources.timeLimitSeconds, resolve, reject, { alone: true, memoryMb: resources.memoryMb }));
  }

  /** Terminates the idle workers and fails the steps still waiting for one (call it when no step runs). */
  async close(): Promise<void> {
    this.closed = true;
    for (const waiting of this.queue.splice(0)) waiting.fail(new Error('the step worker pool is closed'));
    const idle = this.idle.splice(0);
    await Promise.all(idle.map((worker) => worker.terminate()));
  }

  private dispatch(): void {
    while (this.queue.length > 0 && !this.closed) {
      let worker = this.idle.pop();
      if (!worker) {
        if (this.running >= this.size) return;
        worker = this.spawn();
      }
      this.running++;
      worker.ref();
      const waiting = this.queue.shift()!;
      waiting.start(worker);
      // One worker ahead: the next step that comes finds its thread started and the plugin module
      // loaded, instead of paying for both on its own time (a second or two from the sources).
      if (this.idle.length === 0 && this.running < this.size) {
        const spare = this.spawn();
        spare.postMessage({ type: 'load', moduleFile: waiting.moduleFile } satisfies StepWorkerCommand);
        spare.unref();
        this.idle.push(spare);
      }
    }
  }

  private spawn(): Worker {
    const worker = startWorker(import.meta.url, 'stepPoolWorker');
    // A worker that dies while idle leaves the pool (a running one is handled by its step).
    const forget = () => {
      const index = this.idle.indexOf(worker);
      if (index >= 0) this.idle.splice(index, 1);
    };
    worker.on('error', forget);
    worker.on('exit', forget);
    return worker;
  }

  private runOn(
    worker: Worker,
    task: StepWorkerCommand & StepTask,
    hooks: ExecuteHooks,
    timeLimitSeconds: number | undefined,
    resolve: (result: PooledStepResult) => void,
    reject: (error: unknown) => void,
    /** A worker started for this step alone (runAlone): ended after it, not counted in the pool. */
    alone?: { alone: true; memoryMb: number | undefined },
  ): void {
    let settled = false;
    let killTimer: NodeJS.Timeout | undefined;
    let limitTimer: NodeJS.Timeout | undefined;
    /** Ends the step; the worker goes back to the pool only when it finished the step itself. */
    const settle = (reusable: boolean, action: () => void) => {
      if (settled) return;
      settled = true;
      hooks.signal.removeEventListener('abort', onAbort);
      if (killTimer) clearTimeout(killTimer);
      if (limitTimer) clearTimeout(limitTimer);
      worker.off('message', onMessage);
      worker.off('error', onError);
      worker.off('exit', onExit);
      if (alone) {
        void worker.terminate();
        action();
        return;
      }
      this.running--;
      if (reusable && !this.closed) {
        worker.unref();
        this.idle.push(worker);
      } else {
        void worker.terminate();
      }
      action();
      this.dispatch();
    };
    const onAbort = () => {
      worker.postMessage({ type: 'abort' });
      killTimer = setTimeout(() => settle(false, () => reject(new Error('the run was interrupted'))), abortGraceMs);
      killTimer.unref();
    };
    const onMessage = (message: StepWorkerMessage) => {
      if (message.type === 'progress') hooks.progress(message.fraction, message.message);
      else if (message.type === 'done') settle(true, () => resolve({ outputs: message.outputs, shared: message.shared ?? {} }));
      // A step that failed leaves its worker clean (its arrays are collected), unless it was
      // aborted: then the worker may still be inside code that ignored the signal.
      else settle(!hooks.signal.aborted, () => reject(new StepFailure(message.error)));
    };
    const onError = (error: Error) => settle(false, () => reject(isWorkerOutOfMemory(error) ? new StepOutOfMemory(task.request.step, alone?.memoryMb) : error));
    const onExit = (code: number) => settle(false, () => reject(new Error(`the worker thread stopped (exit code ${code}) before the step finished`)));
    worker.on('message', onMessage);
    worker.on('error', onError);
    worker.on('exit', onExit);
    if (hooks.signal.aborted) {
      // Interrupted before it started: the worker never sees the step and stays clean.
      settle(true, () => reject(new Error('the run was interrupted')));
      return;
    }
    // The step is posted before any abort can be: the worker applies an abort to the step it runs.
    worker.postMessage(task);
    hooks.signal.addEventListener('abort', onAbort, { once: true });
    if (timeLimitSeconds !== undefined) {
      const timedOut = new StepTimedOut(task.request.step, timeLimitSeconds);
      // Terminated, not asked to stop: a step past its limit may be stuck in a loop that never
      // looks at its signal. Its workspace is discarded by the caller, so nothing is stored.
      limitTimer = setTimeout(() => settle(false, () => reject(timedOut)), timeLimitSeconds * 1000);
    }
  }
}
