import type { AnyParamValue } from '../protocol/ParamSpec.js';
import type { RunStatus, StepOutcome } from '../lifecycle/EngineEvents.js';

/** run.json: what a run folder was made from, so `resume` and `rerun` can run it again. */
export interface RunRecord {
  format: 1;
  workflow: {
    name: string;
    /** The workflow file as given (absolute). */
    file: string;
    /** Every file read (workflow and includes). */
    files: string[];
    digest: string;
  };
  /** Workflow parameter values (paths absolute), as validated. */
  params: Record<string, AnyParamValue>;
  /** Absolute folder of the step store. */
  store: string;
  /** Plugin module files loaded (built-in protocols module first when used). */
  modules: string[];
  createdAt: string;
  updatedAt: string;
  /** Attempts so far (run, resume and rerun each add one). */
  attempts: number;
  status: RunStatus | 'running';
  /** Latest outcome of each step, with its store key. */
  steps: Record<string, { outcome: StepOutcome; key?: string }>;
}
