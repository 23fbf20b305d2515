import { fixed2, looksHomogeneous, type FivePercentiles } from './localMapSection.js';

/** Homogeneity guard of 0.f (vrs-spec §6.6): eps 0.01 Å². */
export const BFACTOR_HOMOGENEITY_EPS = 0.01;
/** Accepted range of the median local B-factor (Å²). */
export const BFACTOR_RANGE: readonly [number, number] = [-300, 0];

/** The 0.f warnings, in the original's order: homogeneous output, then the median out of range. */
export function localBFactorWarnings(p: FivePercentiles): string[] {
  const warnings: string[] = [];
  if (looksHomogeneous(p, BFACTOR_HOMOGENEITY_EPS)) {
    warnings.push(`The local B-factor map looks too homogeneous (its 2.5% and 97.5% percentiles differ by less than ${BFACTOR_HOMOGENEITY_EPS} Å²); the program may have had problems.`);
  }
  if (p.p50 < BFACTOR_RANGE[0] || p.p50 > BFACTOR_RANGE[1]) {
    warnings.push(`The median B-factor (${fixed2(p.p50)} Å²) is out of the interval [${BFACTOR_RANGE[0]}, ${BFACTOR_RANGE[1]}] Å².`);
  }
  return warnings;
}
