import type { ArtifactKind } from './ArtifactKind.js';

/** A named input of a protocol. */
export interface InputPortSpec {
  kind: ArtifactKind;
  description?: string;
  /** The step may run without this input. */
  optional?: boolean;
  /** The port takes a list of artifacts (bound to a list or a glob such as `"*.section"`). */
  many?: boolean;
  /**
   * The step still runs when the step feeding this port failed or was skipped. For a `section`
   * port the engine then supplies a placeholder section with status `failed`; for other kinds the
   * failed artifact is left out (so the port should be `optional` or `many`).
   */
  tolerateFailure?: boolean;
}

/** A named output of a protocol. */
export interface OutputPortSpec {
  kind: ArtifactKind;
  description?: string;
  /** The protocol may leave this output out. */
  optional?: boolean;
}

export type InputPortSpecs = Record<string, InputPortSpec>;
export type OutputPortSpecs = Record<string, OutputPortSpec>;
