// Contour levels and resolutions used to validate every real map of ../shared/data (README there).
// Where the EMDB gives no contour level we chose one with the rule `vrs validate` suggests: the mean
// plus 3σ of the box's outer shell (voxels within 10 % of the smallest dimension from a face, the
// solvent noise), rounded to two significant digits. The lead measured similar outer-shell levels
// with a slightly different shell (emd_20026 0.0028, emd_30342 0.015, emd_2566 0.064; the others agree).

export interface MapCase {
  /** Path below ../shared/data. */
  file: string;
  threshold: number;
  /** Reported resolution (Å) when the README gives one. */
  resolution?: number;
  /** Why this threshold. */
  thresholdSource: string;
}

const shellRule = 'outer-shell mean + 3σ (no contour level known)';

export const realMaps: readonly MapCase[] = [
  { file: 'level0/emd_1997.map', threshold: 1.0, resolution: 7.0, thresholdSource: 'author contour level (EMDB header)' },
  { file: 'level0/emd_5168.map', threshold: 10.0, resolution: 6.6, thresholdSource: 'author contour level' },
  { file: 'level0/emd_5170.map', threshold: 0.61, thresholdSource: 'author contour level (resolution unknown)' },
  { file: 'level0/emd_1832.map', threshold: 0.048, thresholdSource: shellRule },
  { file: 'level0/emd_5625.map', threshold: 0.6, thresholdSource: shellRule },
  // 20³ voxels of 11.4 Å: the 2-voxel shell holds half the box and its μ + 3σ (7.8) is above the map's
  // maximum (5.58), so `vrs validate` falls back to the level enclosing 1 % of the box (4.97)
  { file: 'level0/emd_3197.map', threshold: 5.0, thresholdSource: 'level enclosing 1 % of the box (the outer-shell level exceeds the maximum); tiny map' },
  { file: 'level0/emd_3001.map', threshold: 0.42, thresholdSource: `${shellRule}; MicroED, anisotropic 73×43×25 grid` },
  { file: 'levelA/emd_20026_zone.mrc', threshold: 0.0024, resolution: 1.75, thresholdSource: `${shellRule}; zone map, zero near the faces` },
  { file: 'levelA/emd_0093_masked_MAP_m4A.mrc.gz', threshold: 0.7, resolution: 3.5, thresholdSource: 'level 0 issue (masked map: its outer shell is all zero)' },
  { file: 'levelA/emd_30342_chainA_zone.mrc', threshold: 0.011, resolution: 3.9, thresholdSource: `${shellRule}; zone map` },
  { file: 'levelA/emd_6272_fragment.mrc', threshold: 21.6, thresholdSource: `${shellRule} (resolution unknown)` },
  { file: 'levelA/emd_2566_3j6b_chain9_zone.mrc', threshold: 0.041, resolution: 3.4, thresholdSource: `${shellRule}; zone map` },
];
