import type { SectionResult } from '../../report/index.js';
import type { ArtifactKind } from './ArtifactKind.js';

/**
 * An artifact a step receives as input: where it is stored and who produced it. Plain data, so it
 * crosses into worker threads unchanged.
 */
export interface ArtifactRef {
  kind: ArtifactKind;
  /**
   * Absolute path of the stored artifact: the file itself for volume, mask, json, table, file and
   * model; the folder for figure (figure.png + figure.json) and section (section.json + pictures).
   * Empty for a failure placeholder.
   */
  path: string;
  /** SHA-256 of the stored content (for folders: of the sorted list of file names and digests). */
  digest: string;
  /** The step and output port that produced it. */
  producer: { step: string; port: string };
  /**
   * Set when the producer failed or was skipped and the port tolerates failure: the placeholder
   * section (status `failed`) stands in for the missing one.
   */
  failure?: { reason: string; section: SectionResult };
}
