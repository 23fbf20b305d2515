/**
 * What an artifact is, and therefore how the engine stores and loads it:
 * - `volume`: a float32 map (stored as MRC mode 2);
 * - `mask`: a binary mask (MRC mode 0);
 * - `json`, `table`: JSON documents (a table is `{ columns, rows }` by convention);
 * - `figure`: a PNG picture with its caption;
 * - `section`: a report section — a folder with section.json (a SectionResult) and its PNG files;
 * - `file`, `model`: opaque bytes kept under their own file name (a model is an atomic model file).
 */
export const artifactKinds = ['volume', 'mask', 'json', 'table', 'figure', 'section', 'file', 'model'] as const;

export type ArtifactKind = (typeof artifactKinds)[number];

export function isArtifactKind(value: unknown): value is ArtifactKind {
  return typeof value === 'string' && (artifactKinds as readonly string[]).includes(value);
}
