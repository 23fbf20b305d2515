import type { ParamSpec } from '../protocol/ParamSpec.js';
import type { StepResources } from '../protocol/StepResources.js';

/** A workflow file as written (after the schema check). */
export interface RawWorkflowFile {
  version: 1;
  name?: string;
  description?: string;
  include?: string[];
  params?: Record<string, ParamSpec>;
  steps?: Record<string, RawStep>;
}

export interface RawStep {
  protocol: string;
  description?: string;
  /** Literal values, or "$params.NAME" to pass a workflow parameter. */
  params?: Record<string, unknown>;
  /** "step.output", a glob such as "*.section", "$params.NAME" for a file parameter, or a list of these. */
  inputs?: Record<string, string | string[]>;
  publish?: Record<string, string>;
  /** Overrides, field by field, the resources the protocol declares. */
  resources?: StepResources;
}
