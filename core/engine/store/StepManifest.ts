import type { ArtifactKind } from '../protocol/ArtifactKind.js';

/** Version of the store layout; part of every cache key, so a layout change invalidates old entries. */
export const storeFormat = 1;

/** One stored file of an artifact. */
export interface StoredFile {
  /** Path relative to the step's store folder. */
  name: string;
  size: number;
  sha256: string;
}

/** One output artifact of a stored step. */
export interface ArtifactRecord {
  kind: ArtifactKind;
  /** The artifact's file or folder, relative to the step's store folder. */
  path: string;
  /** SHA-256 of the content (single file: of its bytes; folder: of its sorted file list with digests). */
  digest: string;
  files: StoredFile[];
}

/** What a step's cache key is computed from (kept in the manifest so `plan` can explain a miss). */
export interface StepKeyMaterial {
  format: number;
  protocol: string;
  version: string;
  /**
   * Digest of the code of the module that registered the protocol and its local imports
   * (moduleCodeDigest), so that editing a plugin without bumping its version reruns its steps.
   * Absent for a protocol not loaded through a registry (and in manifests written before).
   */
  code?: string;
  /** Validated params, defaults applied; `path` params as { file: base name, sha256 }. */
  params: Record<string, unknown>;
  /** Input port → digests of the bound artifacts, in binding order. */
  inputs: Record<string, string[]>;
}

/**
 * Written last, into the step's folder, just before the folder is renamed into place: a step is
 * done exactly when its manifest exists.
 */
export interface StepManifest {
  format: number;
  key: string;
  material: StepKeyMaterial;
  /** The workflow step that produced this entry (entries are shared by every step with the same key). */
  step: string;
  workflow: string;
  /** Where each input came from, for provenance. */
  inputs: Record<string, { from: string; digest: string }[]>;
  outputs: Record<string, ArtifactRecord>;
  engine: { version: string; node: string };
  host: string;
  startedAt: string;
  finishedAt: string;
  durationMs: number;
  /** Highest resident set size of the engine process seen while the step ran (shared with concurrent steps). */
  peakRssBytes: number;
  /** The step's log, relative to the step's folder. */
  log: string;
}
