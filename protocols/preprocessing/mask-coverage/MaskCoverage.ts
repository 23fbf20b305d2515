/**
 * The `info` output of vrs.maskCoverage: how much of the density at the contour the analysis
 * (hard) mask holds, and, when it holds too little, where the parts of the molecule join.
 * Shares are fractions in [0, 1]; masses in kDa of protein (1.207 Å³ per dalton).
 */
export interface MaskCoverage {
  threshold: number;
  /** Voxels with value ≥ threshold. */
  thresholdedVoxels: number;
  /** Share of the thresholded voxels inside the hard mask (report.json `maskCoverage`). */
  maskCoverage: number;
  /** Share of the density of the thresholded voxels inside the hard mask. */
  thresholdedDensityCoverage: number;
  /** Share of the positive density of the whole box inside the hard mask. */
  positiveDensityCoverage: number;
  /** Components of the thresholded voxels, largest first, needed to hold 95 % of them. */
  coverageComponents95: number;
  /** Share of the thresholded voxels in the second-largest component (0 when there is one). */
  secondComponentShare: number;
  /** True when the mask misses a part of the molecule (see measureMaskCoverage). */
  poor: boolean;
  /** Highest level of the search ladder (≤ threshold) at which one component holds ≥ 95 %; null when coverage is good or no level does. */
  joinThreshold: number | null;
  /** A round threshold at or below the join where one component holds ≥ 95 %; null when coverage is good or none was found. */
  suggestedThreshold: number | null;
  /** Share of the thresholded voxels in the largest component at the suggested threshold. */
  suggestedLargestShare: number | null;
  /** Protein mass of the thresholded voxels (kDa). */
  enclosedMassKDa: number;
  /** The sample's weight given with the entry (kDa), null when not given. */
  expectedMassKDa: number | null;
  /** Protein mass enclosed at the suggested threshold (kDa). */
  suggestedMassKDa: number | null;
  /** Components kept in `mask` (the molecule mask): 1 when coverage is good, else the parts (≥ 5 % each) among the components needed for 95 %. */
  moleculeComponents: number;
}

/** Below this share of the thresholded voxels the mask is said to miss part of the molecule. */
export const GOOD_COVERAGE = 0.95;
/** A second component at least this big is a part of the molecule, not dust. */
export const PART_SHARE = 0.05;
