import {
  firstCrossing,
  fourierShellOccupancy,
  resolutionDistribution,
  type ResolutionEstimate,
  type SectionPlot,
  type SectionResult,
  type Volume,
} from '../../../core/index.js';
import { softMaskedConePoints } from '../directional-fsc/softMaskedConePoints.js';
import { failedAnalysis, finiteOrNull, fixed2, FREQUENCY_AXIS_LABEL, halfMapGridMetrics, nonCubicVoxelNotes, particularlyHighWarning, reportedResolutionLines, reportedResolutionResults, round4, toResolution } from '../global-resolution/halfMapChecks.js';
import type { HalfMapAnalysisOptions } from '../../shared/halfMapDeclarations.js';
import { directionalScatter } from './directionalScatter.js';
import { FSO_2023 } from '../../shared/methodReferences.js';

/** Xmipp FSO parameters as the original service calls it (`--anglecone 17 --threshold 0.143`). */
export const FSO_CONE_HALF_ANGLE = 17;
export const FSO_DIRECTION_THRESHOLD = 0.143;
/** Grid step (degrees) of the stored directional resolution distribution; Xmipp writes a 1° grid. */
export const DISTRIBUTION_STEP = 5;

const BASE = {
  id: '1.g',
  level: '1',
  title: 'Fourier Shell Occupancy',
  summaryLabel: '1.g Fourier Shell Occupancy (FSO)',
  references: [FSO_2023],
  method: `Fourier Shell Occupancy (method of Xmipp resolution_fso, Vilas & Tagare): directional FSCs of the soft-masked half maps in Gaussian-weighted ${FSO_CONE_HALF_ANGLE}° cones about 321 directions, threshold ${FSO_DIRECTION_THRESHOLD}, with Bingham's test of their uniformity; computed by cryo-vrs`,
  explanation:
    `The FSC of the two half maps is measured separately in many directions of Fourier space (321 cones of ${FSO_CONE_HALF_ANGLE}°). At each frequency the Fourier Shell Occupancy (FSO) is the fraction of directions whose FSC still reaches ${FSO_DIRECTION_THRESHOLD}. For an isotropic map the FSO falls from 1 to 0 abruptly, at the global resolution; a slow decline means the resolution depends on the direction, often because of preferred particle orientations. The resolution where the FSO is 0.5 summarises the map, and the range where it falls from 0.9 to 0.1 shows how anisotropic it is. The anisotropy curve is Bingham's test that the directions still passing are spread uniformly: values near 1 say they are not (it is 0 where all directions pass and rises wherever some fail).`,
  criteria: 'The validation is OK if the reported resolution is not finer than 80% of the FSO resolution (FSO = 0.5).',
} as const;

export type FsoAnalysisOptions = HalfMapAnalysisOptions;

/**
 * 1.g FSO (vrs-spec §7.7, algorithms §3.7): FSO and anisotropy curves, the 0.5, 0.9 and 0.1
 * crossings by the VRS first-crossing rule (B12: the occupancy range only when both ends exist),
 * the directional resolutions and their cone-weighted distribution, the 80 % criterion and the
 * FSO resolution as an estimate.
 */
export async function fsoAnalysis(half1: Volume, half2: Volume, softMask: Volume, opts: FsoAnalysisOptions = {}): Promise<SectionResult> {
  const progress = opts.onProgress ?? (() => {});
  progress(0.05, 'masked half spectra');
  const prepared = await softMaskedConePoints(half1, half2, softMask, opts);
  if ('problem' in prepared) return failedAnalysis(BASE, prepared.problem);
  const ts = half1.voxelSize[0];
  const notes = nonCubicVoxelNotes(half1, ', as Xmipp does');

  progress(0.4, 'directional FSCs');
  const fso = fourierShellOccupancy(prepared.points, ts, { halfAngle: FSO_CONE_HALF_ANGLE, threshold: FSO_DIRECTION_THRESHOLD });
  const f = fso.frequency;
  const fsoResolution = toResolution(firstCrossing(f, fso.fso, 0.5, 'lesser'));
  const occupancy90Resolution = toResolution(firstCrossing(f, fso.fso, 0.9, 'lesser'));
  const occupancy10Resolution = toResolution(firstCrossing(f, fso.fso, 0.1, 'lesser'));

  progress(0.85, 'directional distribution');
  const distribution = resolutionDistribution(fso.directions, fso.directionalResolution, FSO_CONE_HALF_ANGLE, DISTRIBUTION_STEP);
  const directional = fso.directionalResolution.map((r, d) => ({ rot: round4(fso.directions.rot[d]!), tilt: round4(fso.directions.tilt[d]!), resolution: r }));
  const resolved = fso.directionalResolution.filter((r): r is number => r !== null).sort((a, b) => a - b);

  const warnings: string[] = [];
  const reported = opts.resolution;
  if (reported !== undefined && fsoResolution !== null) {
    const warning = particularlyHighWarning(reported, { name: 'FSO', value: fsoResolution });
    if (warning !== null) warnings.push(warning);
  }
  if (reported === undefined) notes.push('No resolution was reported: the criterion cannot be evaluated (vrs-spec §19 B24).');
  else if (fsoResolution === null) notes.push('The FSO does not fall below 0.5: there is no FSO resolution to compare the reported resolution with.');
  notes.push(
    `Directional resolution of a direction: Nx·Ts/i at the first shell i > 2 whose FSC is at most ${FSO_DIRECTION_THRESHOLD} (Xmipp's rule, no interpolation); ${fso.directionalResolution.length - resolved.length} of ${fso.directionalResolution.length} directions stay above the threshold up to Nyquist and have none. The distribution over the hemisphere is the cone-weighted mean of the directional resolutions on a ${DISTRIBUTION_STEP}° grid (Xmipp: 1°), leaving out directions without a resolution (Xmipp averages its placeholder −1 in).`,
    'Anisotropy: Bingham statistic S = ½·p(p+2)·(2n)·(tr T² − 1/p) of the n passing directions (p = 3, T their mean d·dᵀ), reported as Xmipp does, P(5, round(2S)/2) with P the regularised lower incomplete gamma function (x at most 20); the statistic itself is in the metrics.',
    `FSO of shells 1–4 is set to 1, as Xmipp does (too few Fourier points in a ${FSO_CONE_HALF_ANGLE}° cone there). Frequencies are i/(Nx·Ts).`,
  );

  const results = [
    fsoResolution !== null
      ? `FSO resolution (FSO = 0.5): ${fixed2(fsoResolution)} Å: half of the directions reach an FSC of ${FSO_DIRECTION_THRESHOLD} up to this resolution.`
      : 'The FSO does not fall below 0.5: the FSO resolution could not be determined.',
    occupancy90Resolution !== null && occupancy10Resolution !== null
      ? `The Fourier shells are occupied between 90% and 10% in the resolution range [${fixed2(occupancy90Resolution)}, ${fixed2(occupancy10Resolution)}] Å; the wider this range, the more the resolution depends on the direction.`
      : `The FSO does not cross ${occupancy90Resolution === null ? '0.9' : '0.1'}: the range where the shells are occupied between 90% and 10% could not be determined.`,
  ];
  if (resolved.length > 0) {
    results.push(
      `Directional resolutions (${resolved.length} directions): from ${fixed2(resolved[0]!)} Å to ${fixed2(resolved[resolved.length - 1]!)} Å, median ${fixed2(median(resolved))} Å.`,
    );
  }
  results.push(...reportedResolutionResults(reported));

  const plots: SectionPlot[] = [fsoPlot(fso.frequency, fso.fso, fso.anisotropy, occupancy90Resolution, occupancy10Resolution, reported)];
  const scatter = directionalScatter(distribution, 'fso_directional_resolution', `Directional resolution over the projection hemisphere (cone-weighted mean of the directional resolutions, ${DISTRIBUTION_STEP}° grid), drawn as a polar map: the angle is rot, the distance from the centre is tilt (0° at the centre, 90° on the rim).`);
  if (scatter !== null) plots.push(scatter);
  const resolutionEstimates: ResolutionEstimate[] = fsoResolution !== null ? [{ method: 'FSO 0.5', value: fsoResolution }] : [];
  const status: SectionResult['status'] = reported === undefined || fsoResolution === null ? 'no-criteria' : warnings.length > 0 ? 'warnings' : 'ok';
  progress(1, 'done');
  return {
    ...BASE,
    status,
    warnings,
    metrics: {
      fsoResolution,
      occupancy90Resolution,
      occupancy10Resolution,
      curve: {
        frequency: Array.from(fso.frequency),
        fso: Array.from(fso.fso),
        anisotropy: Array.from(fso.anisotropy),
        binghamStatistic: Array.from(fso.binghamStatistic),
        passingDirections: Array.from(fso.passing),
        globalFsc: finiteOrNull(fso.globalFsc),
      },
      directionalResolution: directional,
      resolutionDistribution: distribution.map((s) => ({ rot: s.rot, tilt: s.tilt, resolution: round4(s.resolution) })),
      directionalResolutionRange: resolved.length > 0 ? [resolved[0]!, resolved[resolved.length - 1]!] : null,
      directionCount: fso.directions.count,
      coneHalfAngle: FSO_CONE_HALF_ANGLE,
      directionThreshold: FSO_DIRECTION_THRESHOLD,
      distributionStep: DISTRIBUTION_STEP,
      ...halfMapGridMetrics(reported, half1),
    },
    results,
    plots,
    resolutionEstimates,
    notes,
  };
}

function fsoPlot(
  frequency: Float64Array, fso: Float64Array, anisotropy: Float64Array,
  occupancy90: number | null, occupancy10: number | null, reported: number | undefined,
): SectionPlot {
  const x = Array.from(frequency);
  const vLines: { x: number; label: string }[] = [];
  // The original shades the band between the 0.9 and 0.1 crossings; its two edges are drawn here.
  if (occupancy90 !== null) vLines.push({ x: 1 / occupancy90, label: `FSO 0.9 (${fixed2(occupancy90)} Å)` });
  if (occupancy10 !== null) vLines.push({ x: 1 / occupancy10, label: `FSO 0.1 (${fixed2(occupancy10)} Å)` });
  vLines.push(...reportedResolutionLines(reported));
  return {
    id: 'fso',
    caption: 'Fourier Shell Occupancy (fraction of directions whose FSC reaches 0.143) and the anisotropy (Bingham test: near 1 when the passing directions are not uniform), with the 0.5 line and the frequencies where the FSO crosses 0.9 and 0.1.',
    kind: 'line',
    xLabel: FREQUENCY_AXIS_LABEL,
    yLabel: 'FSO, anisotropy',
    series: [
      { label: 'FSO', x, y: Array.from(fso), style: 'line' },
      { label: 'Anisotropy', x, y: Array.from(anisotropy), style: 'dashed' },
    ],
    hLines: [{ y: 0.5, label: '0.5' }],
    vLines,
  };
}

function median(sorted: number[]): number {
  const m = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[m]! : (sorted[m - 1]! + sorted[m]!) / 2;
}
