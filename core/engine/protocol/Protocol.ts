import type { ParamSpecs } from './ParamSpec.js';
import type { InputPortSpecs, OutputPortSpecs } from './PortSpec.js';
import type { ProtocolContext } from './ProtocolContext.js';
import type { ProtocolOutputs } from './OutputValue.js';
import type { StepResources } from './StepResources.js';

/** Where a step runs: on the main thread (light work) or in a worker thread (heavy numerics). */
export type Execution = 'main' | 'worker';

/** The report section a protocol produces; names the placeholder when the protocol fails. */
export interface SectionIdentity {
  id: string;
  level: string;
  title: string;
}

/** A protocol as its author declares it (see defineProtocol). */
export interface ProtocolSpec<P extends ParamSpecs, I extends InputPortSpecs, O extends OutputPortSpecs> {
  /** Stable, namespaced id such as "vrs.hardMask" or "boxEdge.check". */
  id: string;
  /** Bump it whenever the outputs would change for the same inputs: it is part of the cache key. */
  version: string;
  title: string;
  description?: string;
  params: P;
  inputs: I;
  outputs: O;
  /** Default "main". */
  execution?: Execution;
  /**
   * Expected cost of one run against a typical light step (1, the default) until the store has
   * recorded timings of this protocol; only the order in which ready steps start depends on it.
   */
  costHint?: number;
  /**
   * What one run needs (threads, memory in MB, time limit in seconds); a workflow step may
   * override each field. Not part of the cache key: it changes how a step runs, not its result.
   */
  resources?: StepResources;
  section?: SectionIdentity;
  run(ctx: ProtocolContext<P, I>): Promise<ProtocolOutputs<O>>;
}

/** A validated, frozen protocol definition. */
export interface Protocol<P extends ParamSpecs = ParamSpecs, I extends InputPortSpecs = InputPortSpecs, O extends OutputPortSpecs = OutputPortSpecs>
  extends ProtocolSpec<P, I, O> {
  readonly execution: Execution;
}

/** Any protocol, whatever its parameter and port types (what registries hold). */
// Method syntax in ProtocolSpec keeps `run` bivariant, so every concrete protocol fits here.
export type AnyProtocol = Protocol<ParamSpecs, InputPortSpecs, OutputPortSpecs>;
