import { fixed2, looksHomogeneous, type FivePercentiles } from '../loc-bfactor/localMapSection.js';

/** Homogeneity guard of 0.g (vrs-spec §6.7): eps 0.1. */
export const OCCUPANCY_HOMOGENEITY_EPS = 0.1;
/** Lowest accepted median occupancy. */
export const OCCUPANCY_MIN_MEDIAN = 0.5;

/**
 * The 0.g warnings, in the original's order: homogeneous output, then a median below 50%.
 * (With the amplitude quantile and the statistics taken over the same mask, at every frequency at
 * least 75% of the mask voxels reach the 25% quantile, so the mean occupancy is ≥ 0.75 and the
 * median cannot fall below 0.5: more than half the voxels at ≤ ½ − 1/K would pull the mean under
 * 0.75. The check is kept because the original has it and other quantiles or masks could trip it.)
 */
export function localOccupancyWarnings(p: FivePercentiles): string[] {
  const warnings: string[] = [];
  if (looksHomogeneous(p, OCCUPANCY_HOMOGENEITY_EPS)) {
    warnings.push(`The local occupancy map looks too homogeneous (its 2.5% and 97.5% percentiles differ by less than ${OCCUPANCY_HOMOGENEITY_EPS}); the program may have had problems.`);
  }
  if (p.p50 < OCCUPANCY_MIN_MEDIAN) warnings.push(`The median occupancy (${fixed2(p.p50)}) is below 50%.`);
  return warnings;
}
