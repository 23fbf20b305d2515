import type { AnyProtocol } from '../protocol/Protocol.js';
import type { ParamSpecs } from '../protocol/ParamSpec.js';
import type { StepResources } from '../protocol/StepResources.js';
import type { RawStep } from './RawWorkflow.js';
import type { SourceLocation } from './WorkflowIssue.js';

/** A step parameter: a literal from the workflow, or a workflow parameter passed through. */
export type ParamBinding =
  | { kind: 'literal'; value: unknown }
  | { kind: 'param'; name: string };

/** Where an input artifact comes from: another step's output, or a workflow `path` parameter. */
export type InputSource =
  | { kind: 'output'; step: string; port: string }
  | { kind: 'param'; name: string };

export interface WorkflowStep {
  name: string;
  protocol: AnyProtocol;
  description?: string;
  params: Record<string, ParamBinding>;
  /** Every bound input port with its sources, globs expanded, in workflow order. */
  inputs: Record<string, InputSource[]>;
  /** Output port → path inside the run folder to copy it to. */
  publish: Record<string, string>;
  /**
   * What one run of the step may use: each field from the step's `resources:` block, else from
   * the protocol's declaration; an absent field means the executor's default. Executors (local,
   * Slurm) read it here.
   */
  resources: StepResources;
  /** The steps this one reads from (each once). */
  upstream: string[];
  /** The step as written, for the run folder's copy of the workflow. */
  raw: RawStep;
  location: SourceLocation;
  /** Folder of the file that defined the step (literal paths are relative to it). */
  baseDir: string;
}

/** A validated workflow, includes merged, ready to plan and run. */
export interface Workflow {
  name: string;
  description?: string;
  /** The file it was loaded from. */
  file: string;
  /** Every file read (the workflow and its includes), in load order. */
  files: string[];
  /** SHA-256 of the texts of every file read. */
  digest: string;
  params: ParamSpecs;
  /** Steps in workflow order (included files first, then each file's steps as written). */
  steps: WorkflowStep[];
  /** Step names in a topological order (workflow order among independent steps). */
  order: string[];
  /** Step name → the steps that read from it. */
  downstream: ReadonlyMap<string, string[]>;
}

export function stepOf(workflow: Workflow, name: string): WorkflowStep {
  const step = workflow.steps.find((candidate) => candidate.name === name);
  if (!step) throw new Error(`no step ${name} in workflow ${workflow.name}`);
  return step;
}
