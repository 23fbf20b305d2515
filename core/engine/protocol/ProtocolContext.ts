import type { Logger } from 'winston';
import type { SectionResult } from '../../report/index.js';
import type { BinaryMask, Volume } from '../../volume/index.js';
import type { ArtifactRef } from './ArtifactRef.js';
import type { ParamSpecs, ParamValues } from './ParamSpec.js';
import type { InputPortSpecs } from './PortSpec.js';

/** A stored figure: its PNG file and caption. */
export interface LoadedFigure {
  pngPath: string;
  caption: string;
}

/** A stored section: the SectionResult and the folder its pictures are in (empty for a placeholder). */
export interface LoadedSection {
  section: SectionResult;
  dir: string;
}

/**
 * Access to a step's inputs. Loaders read from the store on demand, so a step pays only for what
 * it reads. The single-artifact loaders throw for a `many` port bound to several artifacts, and for
 * an absent optional input (check with `has` first).
 */
export interface StepInputs<I extends InputPortSpecs = InputPortSpecs> {
  /** True when the port is bound to at least one artifact. */
  has(port: keyof I & string): boolean;
  /** The artifact bound to a single port. */
  ref(port: keyof I & string): ArtifactRef;
  /** Every artifact bound to a port, in workflow order (empty when unbound). */
  all(port: keyof I & string): ArtifactRef[];
  /** Absolute path of the stored artifact (file or folder). */
  path(port: keyof I & string): string;
  volume(port: keyof I & string): Promise<Volume<Float32Array>>;
  mask(port: keyof I & string): Promise<BinaryMask>;
  json<T = unknown>(port: keyof I & string): Promise<T>;
  table<T = unknown>(port: keyof I & string): Promise<T>;
  figure(port: keyof I & string): Promise<LoadedFigure>;
  section(port: keyof I & string): Promise<SectionResult>;
  /** Every section bound to a port, placeholders for failed producers included. */
  sections(port: keyof I & string): Promise<LoadedSection[]>;
}

/** What a protocol's `run` receives. */
export interface ProtocolContext<P extends ParamSpecs = ParamSpecs, I extends InputPortSpecs = InputPortSpecs> {
  /** The workflow step this run belongs to. */
  readonly step: string;
  readonly protocol: { readonly id: string; readonly version: string };
  /** Validated parameters, defaults applied; `path` parameters are absolute. */
  readonly params: ParamValues<P>;
  readonly inputs: StepInputs<I>;
  /** Writes the step's log file (winston; JSON lines with a timestamp). */
  readonly logger: Logger;
  /** A private folder for temporary files, removed after the step. */
  readonly scratchDir: string;
  /** Aborted when the run is interrupted or the step passes its time limit; long loops should check it. */
  readonly signal: AbortSignal;
  /**
   * Threads the step may use: its resources.threads when declared (by the protocol or the
   * workflow), otherwise the default of the parallel kernels (VRS_THREADS or the CPU count).
   * The engine always sets it; optional so that contexts built by hand in tests stay valid.
   */
  readonly threads?: number;
  /** Reports progress in [0, 1] with an optional message (shown on the terminal). */
  progress(fraction: number, message?: string): void;
}
