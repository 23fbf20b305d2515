import type { SectionResult } from '../../report/index.js';
import type { BinaryMask, Volume } from '../../volume/index.js';
import type { ArtifactKind } from './ArtifactKind.js';
import type { OutputPortSpecs } from './PortSpec.js';

/** A PNG picture and its caption. */
export interface FigureValue {
  png: Uint8Array;
  caption: string;
}

/**
 * Opaque bytes kept under a file name: given in memory (`bytes`) or as a file the protocol wrote
 * (`path`, typically inside its scratch folder; the engine copies it into the store). `path` may
 * name a folder: it is stored (and published) whole, under `name`.
 */
export type FileValue = { name: string; bytes: Uint8Array } | { name: string; path: string };

/** What `run` returns for each kind of output port. */
export interface OutputValueMap {
  volume: { kind: 'volume'; value: Volume<Float32Array> };
  mask: { kind: 'mask'; value: BinaryMask };
  json: { kind: 'json'; value: unknown };
  table: { kind: 'table'; value: unknown };
  figure: { kind: 'figure'; value: FigureValue };
  /** `files` are the section's pictures, named as its `figures[].panels[].file` entries name them. */
  section: { kind: 'section'; value: SectionResult; files?: Record<string, Uint8Array> };
  file: { kind: 'file'; value: FileValue };
  model: { kind: 'model'; value: FileValue };
}

export type OutputValue = OutputValueMap[ArtifactKind];

type RequiredPorts<O extends OutputPortSpecs> = { [K in keyof O]: O[K] extends { optional: true } ? never : K }[keyof O];
type OptionalPorts<O extends OutputPortSpecs> = Exclude<keyof O, RequiredPorts<O>>;

/** The outputs `run` must return: every non-optional port, with a value of its declared kind. */
export type ProtocolOutputs<O extends OutputPortSpecs> = {
  [K in RequiredPorts<O>]: OutputValueMap[O[K]['kind']];
} & {
  [K in OptionalPorts<O>]?: OutputValueMap[O[K]['kind']];
};
