import { startWorker } from '../../parallel/index.js';
import type { StepResources } from '../protocol/StepResources.js';
import type { ExecuteHooks } from './executeProtocol.js';
import type { SharedVolume } from './SharedVolume.js';
import type { PooledStepResult } from './StepWorkerPool.js';
import { isWorkerOutOfMemory, StepFailure, StepOutOfMemory, StepTimedOut } from './StepError.js';
import type { StepRequest } from './StepRequest.js';
import type { StepTask, StepWorkerMessage } from './StepWorkerMessage.js';

/** After an abort, how long a worker may take to stop by itself before it is terminated. */
const abortGraceMs = 2000;

/**
 * Runs a step in a worker thread of its own, started for it: for steps whose declared resources
 * are properties of the thread (other worker steps run in the long-lived StepWorkerPool).
 *
 * `resources` bound the worker: memoryMb becomes its JavaScript heap limit (typed arrays live
 * outside that heap and are not counted), threads its VRS_THREADS (which the parallel kernels
 * and the worker pools they start read), and past timeLimitSeconds the worker is terminated and
 * the step fails with StepTimedOut. A worker that reaches its heap limit fails with
 * StepOutOfMemory. Absent fields leave today's defaults.
 */
export function runStepInWorker(
  request: StepRequest,
  moduleFile: string,
  hooks: ExecuteHooks,
  resources: StepResources = {},
  memoryInputs: Record<string, SharedVolume> = {},
): Promise<PooledStepResult> {
  return new Promise((resolve, reject) => {
    const data: StepTask = { request, moduleFile, memoryInputs };
    const worker = startWorker(import.meta.url, 'stepWorker', {
      workerData: data,
      ...(resources.memoryMb !== undefined ? { resourceLimits: { maxOldGenerationSizeMb: resources.memoryMb } } : {}),
      ...(resources.threads !== undefined ? { env: { ...process.env, VRS_THREADS: String(resources.threads) } } : {}),
    });
    let settled = false;
    let killTimer: NodeJS.Timeout | undefined;
    let limitTimer: NodeJS.Timeout | undefined;
    const settle = (action: () => void) => {
      if (settled) return;
      settled = true;
      hooks.signal.removeEventListener('abort', onAbort);
      if (killTimer) clearTimeout(killTimer);
      if (limitTimer) clearTimeout(limitTimer);
      action();
    };
    const onAbort = () => {
      worker.postMessage({ type: 'abort' });
      killTimer = setTimeout(() => {
        void worker.terminate();
        settle(() => reject(new Error('the run was interrupted')));
      }, abortGraceMs);
      killTimer.unref();
    };
    if (hooks.signal.aborted) onAbort();
    else hooks.signal.addEventListener('abort', onAbort, { once: true });
    if (resources.timeLimitSeconds !== undefined) {
      const timedOut = new StepTimedOut(request.step, resources.timeLimitSeconds);
      // Terminated at once, not asked to stop: a step past its limit may be stuck in a loop that
      // never looks at its signal. Its workspace is discarded by the caller, so nothing is stored.
      limitTimer = setTimeout(() => {
        settle(() => reject(timedOut));
        void worker.terminate();
      }, resources.timeLimitSeconds * 1000);
    }
    worker.on('message', (message: StepWorkerMessage) => {
      if (message.type === 'progress') hooks.progress(message.fraction, message.message);
      else if (message.type === 'done') settle(() => resolve({ outputs: message.outputs, shared: message.shared ?? {} }));
      else settle(() => reject(new StepFailure(message.error)));
    });
    worker.on('error', (error) => settle(() => reject(isWorkerOutOfMemory(error) ? new StepOutOfMemory(request.step, resources.memoryMb) : error)));
    worker.on('exit', (code) => settle(() => reject(new Error(`the worker thread stopped (exit code ${code}) before the step finished`))));
  });
}
