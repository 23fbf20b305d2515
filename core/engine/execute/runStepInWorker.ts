import { startWorker } from '../../parallel/index.js';
import type { ArtifactRecord } from '../store/StepManifest.js';
import type { ExecuteHooks } from './executeProtocol.js';
import { StepFailure } from './StepError.js';
import type { StepRequest } from './StepRequest.js';
import type { StepWorkerData, StepWorkerMessage } from './StepWorkerMessage.js';

/** After an abort, how long a worker may take to stop by itself before it is terminated. */
const abortGraceMs = 2000;

/**
 * Runs a step in its own worker thread, so heavy numerics never block the main thread (progress,
 * other steps, signals). A fresh worker per step also returns the step's memory when it ends.
 */
export function runStepInWorker(request: StepRequest, moduleFile: string, hooks: ExecuteHooks): Promise<Record<string, ArtifactRecord>> {
  return new Promise((resolve, reject) => {
    const data: StepWorkerData = { request, moduleFile };
    const worker = startWorker(import.meta.url, 'stepWorker', { workerData: data });
    let settled = false;
    let killTimer: NodeJS.Timeout | undefined;
    const settle = (action: () => void) => {
      if (settled) return;
      settled = true;
      hooks.signal.removeEventListener('abort', onAbort);
      if (killTimer) clearTimeout(killTimer);
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
    worker.on('message', (message: StepWorkerMessage) => {
      if (message.type === 'progress') hooks.progress(message.fraction, message.message);
      else if (message.type === 'done') settle(() => resolve(message.outputs));
      else settle(() => reject(new StepFailure(message.error)));
    });
    worker.on('error', (error) => settle(() => reject(error)));
    worker.on('exit', (code) => settle(() => reject(new Error(`the worker thread stopped (exit code ${code}) before the step finished`))));
  });
}
