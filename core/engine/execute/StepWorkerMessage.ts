import type { ArtifactRecord } from '../store/StepManifest.js';
import type { SerializedStepError } from './StepError.js';
import type { StepRequest } from './StepRequest.js';

export interface StepWorkerData {
  request: StepRequest;
  /** The plugin module that registers the step's protocol. */
  moduleFile: string;
}

/** Messages from a step worker to the main thread. */
export type StepWorkerMessage =
  | { type: 'progress'; fraction: number; message?: string }
  | { type: 'done'; outputs: Record<string, ArtifactRecord> }
  | { type: 'error'; error: SerializedStepError };
