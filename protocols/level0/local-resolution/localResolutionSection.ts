// The 0.e section built from a MonoRes result: metrics (report.json names), texts and notes; the
// percentile table, histogram, views and criteria are the shared local-resolution report.
import {
  type EvaluationGrid,
  type LocalResolutionSummary,
  type MonoResResult,
  type SectionResult,
  type Vec3,
} from '../../../core/index.js';
import {
  distributionMetrics,
  fixed2,
  LOCAL_RESOLUTION_CRITERIA,
  localResolutionReport,
  unmeasuredMetrics,
  type LocalResolutionViews,
  type UnmeasuredVoxels,
} from '../../shared/localResolutionReport.js';
import { evaluationGridNote, monoResRunMetrics, monoResStopText } from '../../shared/monoResMetrics.js';
import { MONORES_2018 } from '../../shared/methodReferences.js';

export { colouredViews, HOMOGENEITY_EPS, histogramPlot, LOCAL_RESOLUTION_CRITERIA, percentileTable, REPORTED_PERCENTILE_LIMIT } from '../../shared/localResolutionReport.js';

export const LOCAL_RESOLUTION_SECTION = { id: '0.e', level: '0', title: 'Local resolution (MonoRes, single-map mode)' } as const;
export const LOCAL_RESOLUTION_LABEL = '0.e MonoRes';
export const LOCAL_RESOLUTION_METHOD =
  'MonoRes in single-map mode (Vilas et al., Structure 26:337, 2018): monogenic amplitude of the high-passed map against the noise outside the mask, 0.5 Å steps, significance 0.95. Substitute for DeepRes, whose trained network cannot be shipped.';

export const LOCAL_RESOLUTION_EXPLANATION =
  'MonoRes measures, voxel by voxel, the highest spatial frequency at which the map still holds signal that stands out from noise. '
  + 'The map is high-passed at a series of frequencies, from low to high resolution in steps of 0.5 Å; at each one the amplitude of its monogenic signal '
  + '(the local energy, independent of the local phase) is compared with the 95 % quantile of the same amplitude over noise voxels. '
  + 'In single-map mode there are no half maps, so the noise is taken from the voxels outside the mask (inside the radius beyond which the box holds no noise), '
  + 'after moving to the noise the mask voxels whose full-band amplitude is indistinguishable from it. A voxel keeps the last resolution at which it was '
  + 'significant; the map is then smoothed without making any voxel worse. '
  + 'The original service used DeepRes (a neural network); MonoRes gives the same kind of map from the same input, with systematically different values. '
  + 'A reported resolution much better than most of the local resolutions suggests an over-estimated global resolution.';

export interface SectionInputs {
  resolution: number;
  summary: LocalResolutionSummary;
  values: ArrayLike<number>;
  result: MonoResResult;
  grid: EvaluationGrid;
  mapGrid: { dims: Vec3; voxelSize: Vec3 };
  sweep: { maxResolution: number; minResolution: number; step: number; significance: number };
  views: LocalResolutionViews | null;
  threshold: number | undefined;
  /** Mask voxels (on the evaluation grid) MonoRes gave no resolution. */
  unmeasured: Pick<UnmeasuredVoxels, 'voxels' | 'maskVoxels'>;
}

/** The finished section (status from the criteria) and its picture files. */
export function localResolutionSection(inputs: SectionInputs): { section: SectionResult; files: Record<string, Uint8Array> } {
  const { resolution, summary, result, grid, mapGrid, sweep, views } = inputs;
  const report = localResolutionReport({
    resolution, summary, values: inputs.values, views, threshold: inputs.threshold, estimateMethod: 'MonoRes single-map median local resolution',
    unmeasured: inputs.unmeasured,
  });
  const frequencies = result.frequencies;
  const metrics = {
    ...distributionMetrics(summary),
    ...unmeasuredMetrics(inputs.unmeasured),
    maskVoxels: result.maskVoxels,
    refinedMaskVoxels: result.evaluatedVoxels,
    noiseVoxels: result.noiseVoxels,
    maskRadiusVoxels: result.maskRadius,
    noiseCliffRadiusVoxels: result.cliffRadius,
    refinementThreshold: result.refinementThreshold,
    ...monoResRunMetrics(result, { sweep, grid, mapGrid }),
  };
  const notes = [
    evaluationGridNote(grid, mapGrid),
    `${frequencies.length} frequencies from ${fixed2(frequencies[0]!.resolution)} to ${fixed2(frequencies[frequencies.length - 1]!.resolution)} Å were tested (stop: ${monoResStopText(result.stopReason)}). Noise from ${result.noiseVoxels} voxels outside the mask within ${result.cliffRadius} voxels of the box centre; ${result.maskVoxels - result.evaluatedVoxels} of the ${result.maskVoxels} mask voxels had no amplitude above the background and were counted as noise.`,
  ];
  const section: SectionResult = {
    ...LOCAL_RESOLUTION_SECTION,
    summaryLabel: LOCAL_RESOLUTION_LABEL,
    method: LOCAL_RESOLUTION_METHOD,
    references: [MONORES_2018],
    status: report.status,
    warnings: report.warnings,
    metrics,
    explanation: LOCAL_RESOLUTION_EXPLANATION,
    criteria: LOCAL_RESOLUTION_CRITERIA,
    results: report.results,
    resolutionEstimates: report.resolutionEstimates,
    tables: report.tables,
    plots: report.plots,
    figures: report.figures,
    notes: [...notes, ...report.notes],
  };
  return { section, files: views?.files ?? {} };
}
