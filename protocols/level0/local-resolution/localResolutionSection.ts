// The 0.e section built from a MonoRes result: metrics (report.json names), criteria, texts, the
// percentile table, the histogram and the coloured surface views.
import {
  encodePng,
  formatPrintf,
  histogram,
  renderIsosurfaceViews,
  type EvaluationGrid,
  type LocalResolutionSummary,
  type MonoResResult,
  type SectionFigure,
  type SectionPlot,
  type SectionResult,
  type SectionTable,
  type Vec3,
  type Volume,
  type VoxelArray,
} from '../../../core/index.js';

export const LOCAL_RESOLUTION_SECTION = { id: '0.e', level: '0', title: 'Local resolution (MonoRes, single-map mode)' } as const;
export const LOCAL_RESOLUTION_LABEL = '0.e MonoRes';
export const LOCAL_RESOLUTION_METHOD =
  'MonoRes in single-map mode (Vilas et al., Structure 26:337, 2018): monogenic amplitude of the high-passed map against the noise outside the mask, 0.5 Å steps, significance 0.95. Substitute for DeepRes, whose trained network cannot be shipped.';
export const HOMOGENEITY_EPS = 0.01;
/** Percent: the reported resolution must not be better than 99.9 % of the local resolutions. */
export const REPORTED_PERCENTILE_LIMIT = 0.1;

export const LOCAL_RESOLUTION_EXPLANATION =
  'MonoRes measures, voxel by voxel, the highest spatial frequency at which the map still holds signal that stands out from noise. '
  + 'The map is high-passed at a series of frequencies, from low to high resolution in steps of 0.5 Å; at each one the amplitude of its monogenic signal '
  + '(the local energy, independent of the local phase) is compared with the 95 % quantile of the same amplitude over noise voxels. '
  + 'In single-map mode there are no half maps, so the noise is taken from the voxels outside the mask (inside the radius beyond which the box holds no noise), '
  + 'after moving to the noise the mask voxels whose full-band amplitude is indistinguishable from it. A voxel keeps the last resolution at which it was '
  + 'significant; the map is then smoothed without making any voxel worse. '
  + 'The original service used DeepRes (a neural network); MonoRes gives the same kind of map from the same input, with systematically different values. '
  + 'A reported resolution much better than most of the local resolutions suggests an over-estimated global resolution.';

export const LOCAL_RESOLUTION_CRITERIA =
  `The validation is OK if the reported resolution is not better than ${100 - REPORTED_PERCENTILE_LIMIT}% of the local resolutions (its percentile is at least ${REPORTED_PERCENTILE_LIMIT}%) and the local-resolution map is not suspiciously homogeneous (2.5% and 97.5% percentiles closer than ${HOMOGENEITY_EPS} Å).`;

function fixed2(value: number): string {
  return formatPrintf(value, '%5.2f').trim();
}

export function percentileTable(summary: LocalResolutionSummary): SectionTable {
  const p = summary.percentiles;
  const rows: [string, number][] = [['2.5%', p.p2_5], ['25%', p.p25], ['50%', p.p50], ['75%', p.p75], ['97.5%', p.p97_5]];
  return {
    id: 'percentiles',
    caption: 'Percentiles of the local resolution inside the mask.',
    columns: [{ key: 'percentile', label: 'Percentile' }, { key: 'value', label: 'Local resolution', unit: 'Å', format: '%5.2f' }],
    rows: rows.map(([percentile, value]) => ({ percentile, value })),
  };
}

/** 25 equal bins over the data range (vrs-spec: figure histograms), with the reported resolution marked. */
export function histogramPlot(values: ArrayLike<number>, reported: number): SectionPlot {
  const { counts, edges } = histogram(values, 25);
  const centres = Array.from(counts, (_, k) => (edges[k]! + edges[k + 1]!) / 2);
  return {
    id: 'histogram',
    caption: 'Histogram of the local resolution inside the mask; the vertical line is the reported resolution.',
    kind: 'histogram',
    xLabel: 'Local resolution (Å)',
    yLabel: 'Voxels',
    series: [{ label: 'Local resolution', x: centres, y: Array.from(counts), binEdges: Array.from(edges), style: 'bars' }],
    vLines: [{ x: reported, label: `reported ${reported} Å` }],
  };
}

/**
 * The surface of the map at the threshold from the three standard views, coloured by the local
 * resolution (jet, from p2.5 to p97.5) — MonoRes's display map, which extends the measured values
 * with the smoothed median outside the measured voxels, as the original's Chimera views. Null when
 * no voxel reaches the threshold.
 */
export function colouredViews(
  map: Volume<VoxelArray>, threshold: number, localResolution: Volume<Float32Array>, range: [number, number],
): { figure: SectionFigure; files: Record<string, Uint8Array> } | null {
  const views = renderIsosurfaceViews(map, { threshold, colorBy: { volume: localResolution, range, palette: 'jet', skipZeros: true } });
  if (views.empty) return null;
  const files: Record<string, Uint8Array> = {};
  const panels = views.images.map((image, i) => {
    const file = `local_resolution_view${i + 1}.png`;
    files[file] = encodePng(image);
    return { file, caption: `View ${i + 1} (${views.angles[i]!.join(', ')})`, width: image.width, height: image.height };
  });
  return {
    figure: {
      id: 'local_resolution_views',
      caption: `Surface of the map at threshold ${threshold} coloured by the local resolution, from the 2.5% (blue) to the 97.5% (red) percentile.`,
      panels,
      colorBar: { min: range[0], max: range[1], label: 'Local resolution (Å)', palette: 'jet' },
    },
    files,
  };
}

export interface SectionInputs {
  resolution: number;
  summary: LocalResolutionSummary;
  values: ArrayLike<number>;
  result: MonoResResult;
  grid: EvaluationGrid;
  mapGrid: { dims: Vec3; voxelSize: Vec3 };
  sweep: { maxResolution: number; minResolution: number; step: number; significance: number };
  views: { figure: SectionFigure; files: Record<string, Uint8Array> } | null;
  threshold: number | undefined;
  seconds: number;
}

/** The finished section (status from the criteria) and its picture files. */
export function localResolutionSection(inputs: SectionInputs): { section: SectionResult; files: Record<string, Uint8Array> } {
  const { resolution, summary, result, grid, mapGrid, sweep, views } = inputs;
  const p = summary.percentiles;
  const percentile = summary.reportedResolutionPercentile!;
  const warnings: string[] = [];
  if (summary.homogeneous) {
    warnings.push(`The local-resolution map looks too homogeneous (its 2.5% and 97.5% percentiles differ by less than ${HOMOGENEITY_EPS} Å); the program may have had problems.`);
  }
  if (percentile < REPORTED_PERCENTILE_LIMIT) {
    warnings.push(`The reported resolution, ${fixed2(resolution)} Å, is particularly high with respect to the local-resolution distribution: it is at the percentile ${formatPrintf(percentile, '%4.1f').trim()}.`);
  }
  const frequencies = result.frequencies;
  const sweepSeconds = result.timings.sweepMs / 1000;
  const metrics = {
    percentiles: p,
    reportedResolutionPercentile: percentile,
    medianResolution: p.p50,
    minResolution: summary.min,
    maxResolution: summary.max,
    voxelsEvaluated: summary.voxels,
    maskVoxels: result.maskVoxels,
    refinedMaskVoxels: result.evaluatedVoxels,
    noiseVoxels: result.noiseVoxels,
    maskRadiusVoxels: result.maskRadius,
    noiseCliffRadiusVoxels: result.cliffRadius,
    refinementThreshold: result.refinementThreshold,
    fillValue: result.fillValue,
    stopReason: result.stopReason,
    frequenciesVisited: frequencies.length,
    frequencies: frequencies.map((f) => ({
      resolution: f.resolution,
      fourierIndex: f.fourierIndex,
      activeVoxels: f.activeVoxels,
      passed: f.passed,
      finished: f.finished,
      threshold: finiteOrNull(f.threshold),
      meanSignal: finiteOrNull(f.meanSignal),
      meanNoise: finiteOrNull(f.meanNoise),
      z: finiteOrNull(f.z),
      seconds: f.milliseconds / 1000,
    })),
    sweep,
    evaluationGrid: { dims: grid.dims, voxelSize: grid.voxelSize },
    resampling: grid.resampled ? { fromDims: mapGrid.dims, fromVoxelSize: mapGrid.voxelSize, dims: grid.dims, voxelSize: grid.voxelSize, method: 'Fourier (spectrum crop); mask by nearest neighbour' } : null,
    timings: {
      totalSeconds: inputs.seconds,
      prepareSeconds: result.timings.prepareMs / 1000,
      sweepSeconds,
      secondsPerFrequency: frequencies.length > 0 ? sweepSeconds / frequencies.length : null,
      postProcessSeconds: result.timings.postProcessMs / 1000,
    },
  };
  const notes = [
    `Evaluated on ${grid.resampled ? `the map Fourier-resampled from ${mapGrid.dims.join(' × ')} voxels of ${mapGrid.voxelSize[0].toFixed(4)} Å to` : 'the map itself,'} ${grid.dims.join(' × ')} voxels of ${grid.voxelSize[0].toFixed(4)} Å; local resolutions can be measured down to ${(2 * grid.voxelSize[0]).toFixed(2)} Å.`,
    `${frequencies.length} frequencies from ${fixed2(frequencies[0]!.resolution)} to ${fixed2(frequencies[frequencies.length - 1]!.resolution)} Å were tested (stop: ${stopText(result.stopReason)}). Noise from ${result.noiseVoxels} voxels outside the mask within ${result.cliffRadius} voxels of the box centre; ${result.maskVoxels - result.evaluatedVoxels} of the ${result.maskVoxels} mask voxels had no amplitude above the background and were counted as noise.`,
  ];
  const figures: SectionFigure[] = [];
  if (views) figures.push(views.figure);
  else if (inputs.threshold === undefined) notes.push('No threshold was given: no surface views.');
  else notes.push(`No voxel of the map reaches the threshold ${inputs.threshold}: no surface views.`);
  const section: SectionResult = {
    ...LOCAL_RESOLUTION_SECTION,
    summaryLabel: LOCAL_RESOLUTION_LABEL,
    method: LOCAL_RESOLUTION_METHOD,
    status: warnings.length > 0 ? 'warnings' : 'ok',
    warnings,
    metrics,
    explanation: LOCAL_RESOLUTION_EXPLANATION,
    criteria: LOCAL_RESOLUTION_CRITERIA,
    results: [
      `The percentiles of the local resolution inside the mask (${summary.voxels} voxels) are 2.5%: ${fixed2(p.p2_5)}, 25%: ${fixed2(p.p25)}, 50%: ${fixed2(p.p50)}, 75%: ${fixed2(p.p75)}, 97.5%: ${fixed2(p.p97_5)} Å.`,
      `The reported resolution, ${fixed2(resolution)} Å, is at the percentile ${formatPrintf(percentile, '%4.1f').trim()} of the local resolutions.`,
    ],
    resolutionEstimates: [{ method: 'MonoRes single-map median local resolution', value: p.p50 }],
    tables: [percentileTable(summary)],
    plots: [histogramPlot(inputs.values, resolution)],
    figures,
    notes,
  };
  return { section, files: views?.files ?? {} };
}

/** JSON has no NaN: statistics of an empty set (no active voxel left) become null. */
function finiteOrNull(value: number): number | null {
  return Number.isFinite(value) ? value : null;
}

function stopText(reason: MonoResResult['stopReason']): string {
  switch (reason) {
    case 'mask-completed': return 'fewer than 2.5% of the voxels still undecided';
    case 'no-active-voxels': return 'no voxel left undecided';
    case 'signal-vanished': return 'the signal amplitude vanished';
    case 'not-significant': return 'the signal was no longer significantly above the noise';
    case 'end-of-sweep': return 'Nyquist reached';
  }
}
