/**
 * How a check treats a bug of the original service (vrs-spec §19): `corrected` computes what the
 * check means, `original` reproduces the original's numbers for comparison with its reports.
 */
export type Compatibility = 'corrected' | 'original';
