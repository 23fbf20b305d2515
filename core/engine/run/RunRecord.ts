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
  /**
   * In run.json only: the params whose value is a file inside the run folder (e.g. the phantom
   * maps `vrs demo` writes there), recorded relative to it so the folder can be moved;
   * RunDir.readRecord resolves them and drops this field.
   */
  localParams?: string[];
  /**
   * Folder of the step store: relative to the run folder in run.json when inside it (so the folder
   * can be moved), absolute otherwise; RunDir.readRecord always returns it absolute.
   */
  store: string;
  /** Plugin module files loaded (built-in protocols module first when used). */
  modules: string[];
  createdAt: string;
  updatedAt: string;
  /** Attempts so far (run, resume and rerun each add one). */
  attempts: number;
  status: RunStatus | 'running';
  /**
   * Run-folder paths (relative) that runs of this folder published: only these may be replaced by
   * a later publish; any other file at a publish target is the user's (see checkRunFolder). Absent
   * in records written before it existed (the workflow copy's publish targets stand in).
   */
  published?: string[];
  /** Latest outcome of each step, with its store key. */
  steps: Record<string, { outcome: StepOutcome; key?: string }>;
}
