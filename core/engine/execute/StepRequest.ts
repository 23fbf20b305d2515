import type { ArtifactRef } from '../protocol/ArtifactRef.js';
import type { AnyParamValue } from '../protocol/ParamSpec.js';
import type { StepWorkspace } from '../store/StepStore.js';

/** Everything needed to run one step, as plain data (it is posted to worker threads as is). */
export interface StepRequest {
  step: string;
  protocolId: string;
  /** Validated params, defaults applied, paths absolute. */
  params: Record<string, AnyParamValue>;
  inputs: Record<string, ArtifactRef[]>;
  workspace: StepWorkspace;
  /** The run folder's log file for this step (written besides the workspace's own). */
  runLogFile?: string;
  /** The attempt number, written at the top of the log. */
  attempt: number;
  /** The step's declared thread count (resources.threads), when it has one. */
  threads?: number;
  /** Output ports other steps of the run read: their volumes and masks are also put in shared memory. */
  sharePorts?: string[];
}
