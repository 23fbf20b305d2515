import { startWorker } from '../parallel/index.js';
import type { ValidationMessage, ValidationTask } from './validation.worker.js';

export interface ValidationWorker {
  /** Settles with the worker's last word: its run's end, its plan (plan tasks), or its error. */
  done: Promise<Extract<ValidationMessage, { type: 'ended' | 'planned' | 'error' }>>;
  abort(): void;
}

/**
 * Starts a validation task in its own worker thread; `onMessage` hears every message (engine
 * events as they come). A worker that dies without a word is an error.
 */
export function runValidationWorker(task: ValidationTask, onMessage: (message: ValidationMessage) => void = () => {}): ValidationWorker {
  const worker = startWorker(import.meta.url, 'validation.worker', { workerData: task });
  let last: Extract<ValidationMessage, { type: 'ended' | 'planned' | 'error' }> | undefined;
  const done = new Promise<NonNullable<typeof last>>((resolve) => {
    worker.on('message', (message: ValidationMessage) => {
      if (message.type !== 'event') last = message;
      onMessage(message);
    });
    worker.on('error', (error) => (last = { type: 'error', message: error.message, inputError: false }));
    worker.on('exit', (code) => resolve(last ?? { type: 'error', message: `the validation worker ended with code ${code} and no result`, inputError: false }));
  });
  return { done, abort: () => worker.postMessage({ type: 'abort' }) };
}
