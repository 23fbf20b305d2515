// The 1.f section built from a MonoDir result and the MonoRes radial profile: metrics (report.json
// names), warnings, abstract sentence, plots and notes.
import {
  directionMeans,
  finiteOrNull,
  directionUniformityTest,
  formatPrintf,
  independentSamples,
  type DirectionUniformityTest,
  type EvaluationGrid,
  type MonoDirRadialRow,
  type MonoDirResult,
  type MonoResResult,
  type SectionFigure,
  type SectionPlot,
  type SectionResult,
  type Vec3,
} from '../../../core/index.js';
import { MONODIR_2020 } from '../../shared/methodReferences.js';

export const MONODIR_SECTION = { id: '1.f', level: '1', title: 'Local directional resolution (MonoDir)' } as const;
export const MONODIR_LABEL = '1.f Local directional resolution (MonoDir)';
/** p below this: the preferred directions are not uniform (the original's limit). */
export const UNIFORMITY_P_LIMIT = 0.001;
/** The reported resolution may be at most this much finer than the average directional one. */
export const RESOLUTION_RATIO_LIMIT = 0.8;
/** The original's number of draws from the histogram, reported for comparison. */
export const ORIGINAL_KS_SAMPLES = 50_000;

export const MONODIR_EXPLANATION =
  'MonoDir (Vilas et al., Nature Communications 11:55, 2020) measures the local resolution of the map along many directions. '
  + 'For each of 46 directions evenly spread over a hemisphere, the map is restricted in Fourier space to a double cone of 15° around the direction, '
  + 'and the MonoRes test is run on that directional map: the map is high-passed at frequencies from 18 Å towards Nyquist, and a voxel keeps a frequency '
  + 'while the amplitude of its monogenic signal exceeds the 95 % quantile of the same amplitude over background voxels (outside the mask, in a double cone '
  + 'of 45° around the direction). Each voxel thus gets one resolution per direction. The histogram of preferred directions counts, for every voxel, '
  + 'the directions whose resolution is within 0.1 Å of its best; in a map whose resolution is the same in all directions it is flat. '
  + 'A MonoRes analysis of the whole map, averaged over shells of radius, gives the average resolution curve. '
  + 'Directional resolution that is much worse along some directions points to a preferred orientation of the particles or to a problem of the angular assignment.';

export const MONODIR_CRITERIA =
  `The validation is OK if the histogram of preferred directions is compatible with a uniform distribution (Kolmogorov–Smirnov p ≥ ${UNIFORMITY_P_LIMIT}) `
  + `and the reported resolution is not below ${RESOLUTION_RATIO_LIMIT} times the average directional resolution.`;

export const MONODIR_ABSTRACT = 'The local directional resolution is not uniform, which may indicate a preferred orientation of the particles or a problem of the angular assignment.';

export interface MonoDirSectionInputs {
  resolution: number;
  result: MonoDirResult;
  monoRes: MonoResResult;
  profile: MonoDirRadialRow[];
  grid: EvaluationGrid;
  mapGrid: { dims: Vec3; voxelSize: Vec3 };
  edgeWidth: number;
  monoResSweep: { maxResolution: number; minResolution: number; step: number };
  views: { figure: SectionFigure; files: Record<string, Uint8Array> } | null;
  method: string;
}

export function monoDirSection(inputs: MonoDirSectionInputs): { section: SectionResult; files: Record<string, Uint8Array> } {
  const { resolution, result, monoRes, profile, grid, mapGrid } = inputs;
  const ts = grid.voxelSize[0];
  const directions = result.directions;
  const histogram = result.summaries.histogram;
  const voxels = result.maskIndex.length;

  let sumDirectional = 0;
  let validVoxels = 0;
  for (const v of result.meanDirectional) if (v > 0) { sumDirectional += v; validVoxels++; }
  const meanDirectionAveraged = validVoxels > 0 ? sumDirectional / validVoxels : NaN;
  const samples = independentSamples(voxels, ts, meanDirectionAveraged);
  const test: DirectionUniformityTest = directionUniformityTest(histogram, samples);
  const original = directionUniformityTest(histogram, ORIGINAL_KS_SAMPLES);
  // Rows where MonoRes gave no voxel a value carry avg 0, not a resolution.
  const withAvg = profile.filter((row) => row.avg > 0);
  const avgDir = withAvg.reduce((s, row) => s + row.avg, 0) / withAvg.length;
  const perDirection = directionMeans(result.directional, directions.length);

  const warnings: string[] = [];
  if (test.pValue < UNIFORMITY_P_LIMIT) {
    warnings.push(`The local directional resolution is not uniform: the histogram of preferred directions differs from a uniform one (Kolmogorov–Smirnov D = ${formatPrintf(test.statistic, '%5.3f').trim()}, p = ${pText(test.pValue)} < ${UNIFORMITY_P_LIMIT}).`);
  }
  if (resolution < RESOLUTION_RATIO_LIMIT * avgDir) {
    warnings.push(`The reported resolution, ${fixed2(resolution)} Å, is particularly high with respect to the average directional resolution of ${fixed2(avgDir)} Å (below ${RESOLUTION_RATIO_LIMIT} × ${fixed2(avgDir)} = ${fixed2(RESOLUTION_RATIO_LIMIT * avgDir)} Å).`);
  }

  const rows = directions.map((d, k) => ({ rot: d.rot, tilt: d.tilt, count: histogram[k]! }));
  const expected = test.total / directions.length;
  const best = perDirection.reduce((b, v, k) => (v < perDirection[b]! ? k : b), 0);
  const worst = perDirection.reduce((b, v, k) => (v > perDirection[b]! ? k : b), 0);
  const angleText = (k: number) => `rot ${directions[k]!.rot.toFixed(1)}°, tilt ${directions[k]!.tilt.toFixed(1)}°`;

  const results = [
    `The average directional resolution (mean over radii of the MonoRes radial profile) is ${fixed2(avgDir)} Å; averaged over directions and voxels, the directional resolution is ${fixed2(meanDirectionAveraged)} Å.`,
    `Averaged over the voxels, the best direction (${angleText(best)}) reaches ${fixed2(perDirection[best]!)} Å and the worst (${angleText(worst)}) ${fixed2(perDirection[worst]!)} Å.`,
    `Uniformity of the preferred directions: Kolmogorov–Smirnov D = ${formatPrintf(test.statistic, '%6.4f').trim()} between the histogram of ${directions.length} directions and a uniform one, p = ${pText(test.pValue)} `
      + `(taking ${Math.round(samples)} independent samples: the ${voxels} evaluated voxels over one Nyquist sample of ${fixed2(meanDirectionAveraged / 2)} Å per side).`,
  ];

  const plots: SectionPlot[] = [preferredDirectionsPlot(rows, expected), radialPlot(profile, ts, resolution)];
  const metrics = {
    meanDirectionalResolution: avgDir,
    uniformityPValue: test.pValue,
    uniformityStatistic: test.statistic,
    uniformitySampleSize: samples,
    uniformityPValueAt50000: original.pValue,
    directionHistogram: rows,
    radialAverages: profile.map((r) => ({ radius: r.radius * ts, min: r.min, max: r.max, avg: r.avg })),
    radialAzimuthalAverages: profile.map((r) => ({ radius: r.radius * ts, radial: r.radial, azimuthal: r.azimuthal })),
    directionAveragedResolution: meanDirectionAveraged,
    directionMeans: directions.map((d, k) => ({ rot: d.rot, tilt: d.tilt, meanResolution: finiteOrNull(perDirection[k]!) })),
    evaluatedVoxels: voxels,
    maskVoxels: result.maskVoxels,
    particleRadiusVoxels: result.particleRadius,
    noiseCliffRadiusVoxels: result.cliffRadius,
    usableRadiusVoxels: result.usableRadius,
    edgeWidthVoxels: inputs.edgeWidth,
    outliersRemoved: result.outliersRemoved,
    sweep: result.sweep.map((f) => f.resolution),
    directionRecords: result.records.map((r) => ({ direction: r.direction, frequencies: r.frequencies, lastResolution: finiteOrNull(r.lastResolution), noiseVoxels: r.noiseVoxels, stopReason: r.stopReason })),
    monoRes: { ...inputs.monoResSweep, evaluatedVoxels: monoRes.evaluatedVoxels, noiseVoxels: monoRes.noiseVoxels, stopReason: monoRes.stopReason, frequencies: monoRes.frequencies.length },
    evaluationGrid: { dims: grid.dims, voxelSize: grid.voxelSize },
    resampling: grid.resampled ? { fromDims: mapGrid.dims, fromVoxelSize: mapGrid.voxelSize, dims: grid.dims, voxelSize: grid.voxelSize, method: 'Fourier (spectrum crop); mask by nearest neighbour' } : null,
  };
  const notes = [
    `Evaluated on ${grid.resampled ? `the map Fourier-resampled from ${mapGrid.dims.join(' × ')} voxels of ${mapGrid.voxelSize[0].toFixed(4)} Å to` : 'the map itself,'} ${grid.dims.join(' × ')} voxels of ${ts.toFixed(4)} Å `
      + `(voxel max(Ts, resolution/2), so that Nyquist is at the reported resolution; the directional sweep is the costliest check of the report, about 46 directions × ${result.sweep.length} frequencies × 6 FFTs). `
      + 'Directional resolutions finer than Nyquist cannot be measured; directions worse than the reported resolution, which the criteria are about, can.',
    `The original excludes the outer 7 voxels of its box; here ${inputs.edgeWidth} voxels of ${ts.toFixed(2)} Å, the same width in Å${grid.resampled ? ' on the resampled grid' : ''}. Noise up to ${result.usableRadius} voxels from the centre, the protein mask reaching ${result.particleRadius}.`,
    'The original draws 50 000 samples from the histogram and tests them against a uniform distribution that leaves out the last direction (random and off by one: bug B14). '
      + 'Here D is computed exactly between the histogram and the uniform distribution on the same directions. Counting every vote (or 50 000 draws) as independent would call '
      + `any finite map non-uniform, since neighbouring voxels share their best directions; p therefore takes the independent samples of the mask (voxels × (Ts / (d/2))³, d the direction-averaged resolution). For comparison, p with n = 50 000 is ${pText(original.pValue)}.`,
    'The original\'s direction table lists the pole (0°, 0°) twice, which counts it twice in the histogram; here each of the 46 directions appears once.',
    `The average directional resolution is, as in the original, the mean over radii of the MonoRes map's radial profile (MonoRes on the map alone, ${inputs.monoResSweep.maxResolution} Å to ${fixed2(inputs.monoResSweep.minResolution)} Å in ${inputs.monoResSweep.step} Å steps), not a mean of directional values. `
      + 'Shell means run over the voxels that have a value; the original also averages in the zeros of mask voxels without one, which pulls the means towards 0 Å.',
    'The preferred-direction plot cannot size points by count; directions are split into three series by their count relative to a flat histogram instead.',
  ];
  const section: SectionResult = {
    ...MONODIR_SECTION,
    summaryLabel: MONODIR_LABEL,
    method: inputs.method,
    references: [MONODIR_2020],
    status: warnings.length > 0 ? 'warnings' : 'ok',
    warnings,
    metrics,
    explanation: MONODIR_EXPLANATION,
    criteria: MONODIR_CRITERIA,
    results,
    ...(test.pValue < UNIFORMITY_P_LIMIT ? { abstract: MONODIR_ABSTRACT } : {}),
    resolutionEstimates: Number.isFinite(avgDir) ? [{ method: 'MonoDir average directional resolution', value: avgDir }] : [],
    plots,
    ...(inputs.views ? { figures: [inputs.views.figure] } : {}),
    notes,
  };
  return { section, files: inputs.views?.files ?? {} };
}

/**
 * The original's polar plot (angle = rot, radius = tilt) drawn on Cartesian axes:
 * x = tilt·cos(rot), y = tilt·sin(rot), in degrees. Three series by count instead of point sizes.
 */
function preferredDirectionsPlot(rows: { rot: number; tilt: number; count: number }[], expected: number): SectionPlot {
  const classes: { label: string; pick: (c: number) => boolean }[] = [
    { label: 'fewer than half the flat-histogram count', pick: (c) => c < 0.5 * expected },
    { label: 'between half and 1.5 times the flat-histogram count', pick: (c) => c >= 0.5 * expected && c <= 1.5 * expected },
    { label: 'more than 1.5 times the flat-histogram count', pick: (c) => c > 1.5 * expected },
  ];
  const series = classes.map(({ label, pick }) => {
    const chosen = rows.filter((r) => pick(r.count));
    return {
      label,
      x: chosen.map((r) => r.tilt * Math.cos((r.rot * Math.PI) / 180)),
      y: chosen.map((r) => r.tilt * Math.sin((r.rot * Math.PI) / 180)),
      style: 'points' as const,
    };
  }).filter((s) => s.x.length > 0);
  return {
    id: 'preferred_directions',
    caption: `Preferred directions: each direction at polar angle rot and distance tilt from the centre (the pole, tilt 0°; the equator at 90°). `
      + `Point sizes cannot show the count here, so the directions are grouped by how often they are a voxel's best direction, relative to a flat histogram (${expected.toFixed(0)} per direction).`,
    kind: 'scatter',
    xLabel: 'tilt·cos(rot) (degrees)',
    yLabel: 'tilt·sin(rot) (degrees)',
    series,
  };
}

function radialPlot(profile: MonoDirRadialRow[], ts: number, resolution: number): SectionPlot {
  const x = profile.map((r) => r.radius * ts);
  return {
    id: 'radial_averages',
    caption: 'Radial averages over the mask: mean best (min) and worst (max) directional resolution of the voxels, and the mean MonoRes resolution (avg), against the distance from the box centre.',
    kind: 'line',
    xLabel: 'Radius (Å)',
    yLabel: 'Resolution (Å)',
    series: [
      { label: 'min (best direction)', x, y: profile.map((r) => r.min), style: 'dashed' },
      { label: 'avg (MonoRes)', x, y: profile.map((r) => r.avg), style: 'line' },
      { label: 'max (worst direction)', x, y: profile.map((r) => r.max), style: 'dashed' },
    ],
    hLines: [{ y: resolution, label: 'reported resolution' }],
  };
}

function fixed2(value: number): string {
  return formatPrintf(value, '%5.2f').trim();
}

function pText(p: number): string {
  return p === 0 ? '< 1e-300' : p < 1e-4 ? p.toExponential(2) : p.toFixed(4);
}

