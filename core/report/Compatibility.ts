/**
 * How a check treats a bug of the original service (vrs-spec §19): `corrected` computes what the
 * check means, `original` reproduces the original's numbers for comparison with its reports.
 */
export type Compatibility = 'corrected' | 'original';

/** The `compatibility` parameter of a check that offers both behaviours; `description` says what `original` changes. */
export function compatibilityParam(description: string): {
  type: 'string';
  enum: readonly ['corrected', 'original'];
  default: 'corrected';
  description: string;
} {
  return { type: 'string', enum: ['corrected', 'original'], default: 'corrected', description };
}
