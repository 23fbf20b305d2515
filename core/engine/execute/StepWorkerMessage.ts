import type { ArtifactRecord } from '../store/StepManifest.js';
import type { SerializedStepError } from './StepError.js';
import type { StepRequest } from './StepRequest.js';
import type { SharedVolume } from './SharedVolume.js';

/** A step as a worker thread receives it. */
export interface StepTask {
  request: StepRequest;
  /** The plugin module that registers the step's protocol. */
  moduleFile: string;
  /** Volumes and masks of the run in shared memory, by artifact digest, that the step reads. */
  memoryInputs: Record<string, SharedVolume>;
}

/** Messages from the main thread to a step worker (a pool worker gets its steps as 'run', and 'load' to load a plugin module ahead of them). */
export type StepWorkerCommand = (StepTask & { type: 'run' }) | { type: 'load'; moduleFile: string } | { type: 'abort' };

/** Messages from a step worker to the main thread. */
export type StepWorkerMessage =
  | { type: 'progress'; fraction: number; message?: string }
  | { type: 'done'; outputs: Record<string, ArtifactRecord>; shared?: Record<string, SharedVolume> }
  | { type: 'error'; error: SerializedStepError };
