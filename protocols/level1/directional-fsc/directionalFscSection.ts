import {
  directionalFscAnalysis,
  histogram,
  originalSsnrAxisFactor,
  type ResolutionEstimate,
  type SectionPlot,
  type SectionResult,
  type Volume,
} from '../../../core/index.js';
import { failedAnalysis, finiteOrNull, fixed2, FREQUENCY_AXIS_LABEL, halfMapGridMetrics, nonCubicVoxelNotes, particularlyHighWarning, reportedResolutionLines, reportedResolutionResults, round4 } from '../global-resolution/halfMapChecks.js';
import type { HalfMapAnalysisOptions } from '../../shared/halfMapDeclarations.js';
import { softMaskedConePoints } from './softMaskedConePoints.js';
import { TAN_2017 } from '../../shared/methodReferences.js';

/** 3DFSC parameters as the original service calls it (`--dthetaInDegrees 20 --FSCCutoff 0.143 --ThresholdForSphericity 0.5 --HighPassFilter 200`). */
export const CONE_HALF_ANGLE = 20;
export const FSC_THRESHOLD = 0.143;
export const SPHERICITY_THRESHOLD = 0.5;
export const HIGH_PASS_RESOLUTION = 200;

const BASE = {
  id: '1.h',
  level: '1',
  title: 'Directional FSC',
  summaryLabel: '1.h Directional FSC (3DFSC)',
  references: [TAN_2017],
  method: `Directional FSC in cones (method of 3DFSC, Tan et al. 2017), computed by cryo-vrs: FSC of the soft-masked half maps within ${CONE_HALF_ANGLE}° cones about the x, y and z axes and 321 directions, 0.143 crossings, sphericity of the region where the directional FSC is at least ${SPHERICITY_THRESHOLD}`,
  explanation:
    `The FSC of the two soft-masked half maps is computed within cones of ${CONE_HALF_ANGLE}° about a direction of Fourier space, as in the 3DFSC method: along the x, y and z axes, over the whole sphere (the global FSC) and about 321 directions covering the sphere. Each curve gives a resolution where it falls below ${FSC_THRESHOLD}. Similar resolutions in every direction mean an isotropic map; a direction clearly worse than the others usually comes from preferred particle orientations. The sphericity (1 for a ball) measures the shape of the region of Fourier space where the directional FSC stays above ${SPHERICITY_THRESHOLD}; values well below 1 mean anisotropic resolution.`,
  criteria: 'The validation is OK if the global resolution was estimated and the reported resolution is not finer than 80% of it.',
} as const;

export type DirectionalFscSectionOptions = HalfMapAnalysisOptions;

/**
 * 1.h Directional FSC (vrs-spec §7.8, algorithms §3.8): the FSC along x, y, z and the global FSC
 * with their 0.143 crossings (VRS first-crossing rule) on the physical frequency axis k/(N·Ts)
 * (the original's k·2·Ts/N is bug B10), the sphericity, the histogram of directional resolutions,
 * the criteria and the global resolution as an estimate.
 */
export async function directionalFscSection(half1: Volume, half2: Volume, softMask: Volume, opts: DirectionalFscSectionOptions = {}): Promise<SectionResult> {
  const progress = opts.onProgress ?? (() => {});
  progress(0.05, 'masked half spectra');
  const prepared = await softMaskedConePoints(half1, half2, softMask, opts);
  if ('problem' in prepared) return failedAnalysis(BASE, prepared.problem);
  const ts = half1.voxelSize[0];
  const n = half1.dims[0];
  const notes = nonCubicVoxelNotes(half1);

  progress(0.4, 'directional FSCs');
  const a = directionalFscAnalysis(prepared.points, ts, {
    halfAngle: CONE_HALF_ANGLE,
    threshold: FSC_THRESHOLD,
    sphericityThreshold: SPHERICITY_THRESHOLD,
    highPassResolution: HIGH_PASS_RESOLUTION,
  });
  const axes = [a.resolutionX, a.resolutionY, a.resolutionZ];
  const four = [...axes, a.resolutionGlobal];
  const allCross = four.every((r) => r !== null);
  const resolutionRange = allCross ? [Math.min(...(four as number[])), Math.max(...(four as number[]))] : null;
  const resolved = a.directionalResolution.filter((r): r is number => r !== null);

  const warnings: string[] = [];
  const reported = opts.resolution;
  if (a.resolutionGlobal === null) warnings.push(`The global FSC of the soft-masked half maps does not fall below ${FSC_THRESHOLD}: the global resolution could not be estimated.`);
  else if (reported !== undefined) {
    const warning = particularlyHighWarning(reported, { name: 'global directional-FSC', value: a.resolutionGlobal });
    if (warning !== null) warnings.push(warning);
  }
  if (reported === undefined) notes.push('No resolution was reported: the 80% criterion cannot be evaluated (vrs-spec §19 B24).');
  const axisFactor = originalSsnrAxisFactor(ts);
  notes.push(
    `Frequencies are k/(N·Ts), the axis of the 3DFSC program's own global-FSC file (it writes k/(2·(N/2))/Ts). The original service read 3DFSC's per-axis table against k·2·Ts/N (vrs-spec §19 B10), which divides every resolution by 2·Ts² = ${Number(axisFactor.toPrecision(4))}${a.resolutionGlobal !== null ? ` (it would have printed ${fixed2(a.resolutionGlobal / axisFactor)} Å for the global resolution)` : ''}.`,
    `The x, y and z curves are the FSC within ${CONE_HALF_ANGLE}° cones about the axes themselves; 3DFSC samples its 3-D FSC volume for that table one voxel off each axis.`,
    `Sphericity: Wadell's Ψ = π^(1/3)·(6V)^(2/3)/A of the region where the directional FSC is at least ${SPHERICITY_THRESHOLD} (3DFSC's definition and threshold; shells below ${HIGH_PASS_RESOLUTION} Å always inside, as its high-pass). 3DFSC measures it on its voxel 3-D FSC volume after a Gaussian blur and marching cubes; here the region's radius along each of 321 directions (interpolated where that direction's FSC falls below ${SPHERICITY_THRESHOLD}) spans a geodesic mesh of 1280 triangles, on which a ball gives 0.998.`,
    `Directional resolutions: the ${FSC_THRESHOLD} crossing (interpolated) of each of 321 directions of a geodesic hemisphere, shells below ${HIGH_PASS_RESOLUTION} Å counted as 1 as in 3DFSC's histogram; 3DFSC samples 100 directions and takes the last shell above the threshold.`,
  );

  const describe = (value: number | null) => (value !== null ? `${fixed2(value)} Å` : 'no crossing');
  const results = [
    `Resolution at FSC ${FSC_THRESHOLD} along X: ${describe(a.resolutionX)}; along Y: ${describe(a.resolutionY)}; along Z: ${describe(a.resolutionZ)}; global: ${describe(a.resolutionGlobal)}.`,
    resolutionRange !== null
      ? `The four resolutions lie within [${fixed2(resolutionRange[0]!)}, ${fixed2(resolutionRange[1]!)}] Å.`
      : 'The FSC did not cross the threshold in at least one direction.',
    `Sphericity of the region where the directional FSC is at least ${SPHERICITY_THRESHOLD}: ${a.sphericity.toFixed(3)} (1 for perfectly isotropic resolution).`,
  ];
  if (resolved.length > 0) {
    const sorted = [...resolved].sort((x, y) => x - y);
    results.push(`Directional resolutions of the ${resolved.length} directions that cross the threshold: from ${fixed2(sorted[0]!)} Å to ${fixed2(sorted[sorted.length - 1]!)} Å.`);
  }
  if (resolved.length < a.directionalResolution.length) results.push(`${a.directionalResolution.length - resolved.length} of ${a.directionalResolution.length} directions do not cross ${FSC_THRESHOLD} up to Nyquist.`);
  results.push(...reportedResolutionResults(reported));

  const plots: SectionPlot[] = [axisPlot(a.frequency, a.fscX, a.fscY, a.fscZ, a.globalFsc, reported)];
  if (resolved.length > 0) plots.push(directionalHistogram(resolved));
  const resolutionEstimates: ResolutionEstimate[] = a.resolutionGlobal !== null ? [{ method: 'Directional FSC (global, soft mask) 0.143', value: a.resolutionGlobal }] : [];
  const status: SectionResult['status'] = warnings.length > 0 ? 'warnings' : reported === undefined ? 'no-criteria' : 'ok';
  progress(1, 'done');
  return {
    ...BASE,
    status,
    warnings,
    metrics: {
      resolutionX: a.resolutionX,
      resolutionY: a.resolutionY,
      resolutionZ: a.resolutionZ,
      resolutionGlobal: a.resolutionGlobal,
      resolutionRange,
      sphericity: a.sphericity,
      curve: {
        frequency: Array.from(a.frequency),
        fscX: finiteOrNull(a.fscX),
        fscY: finiteOrNull(a.fscY),
        fscZ: finiteOrNull(a.fscZ),
        globalFsc: finiteOrNull(a.globalFsc),
      },
      directionalResolution: a.directionalResolution.map((r, d) => ({ rot: round4(a.directions.rot[d]!), tilt: round4(a.directions.tilt[d]!), resolution: r })),
      // Radius of the FSC ≥ 0.5 region along each direction, as a frequency (1/Å).
      sphericityRegionFrequency: Array.from(a.sphericityRadius, (r) => Number((r / (n * ts)).toPrecision(5))),
      coneHalfAngle: CONE_HALF_ANGLE,
      fscThreshold: FSC_THRESHOLD,
      sphericityThreshold: SPHERICITY_THRESHOLD,
      highPassResolution: HIGH_PASS_RESOLUTION,
      directionCount: a.directions.count,
      originalAxisFactor: axisFactor,
      ...halfMapGridMetrics(reported, half1),
    },
    results,
    plots,
    resolutionEstimates,
    notes,
  };
}

function axisPlot(frequency: Float64Array, x: Float64Array, y: Float64Array, z: Float64Array, global: Float64Array, reported: number | undefined): SectionPlot {
  const f = Array.from(frequency);
  const curve = (v: Float64Array) => Array.from(v, (value) => (Number.isFinite(value) ? value : Number.NaN));
  return {
    id: 'directional_fsc',
    caption: `FSC of the soft-masked half maps within ${CONE_HALF_ANGLE}° cones about the X, Y and Z axes, the global FSC and the ${FSC_THRESHOLD} threshold.`,
    kind: 'line',
    xLabel: FREQUENCY_AXIS_LABEL,
    yLabel: 'FSC',
    series: [
      { label: 'X', x: f, y: curve(x), style: 'line' },
      { label: 'Y', x: f, y: curve(y), style: 'line' },
      { label: 'Z', x: f, y: curve(z), style: 'line' },
      { label: 'Global', x: f, y: curve(global), style: 'dashed' },
    ],
    hLines: [{ y: FSC_THRESHOLD, label: String(FSC_THRESHOLD) }],
    vLines: reportedResolutionLines(reported),
  };
}

function directionalHistogram(values: number[]): SectionPlot {
  const { counts, edges } = histogram(values, 20);
  return {
    id: 'directional_resolution_histogram',
    caption: `Histogram of the directional resolutions (FSC ${FSC_THRESHOLD} within ${CONE_HALF_ANGLE}° cones about 321 directions covering the sphere).`,
    kind: 'histogram',
    xLabel: 'Directional resolution (Å)',
    yLabel: 'Directions',
    series: [{ label: 'Directions', x: Array.from(counts, (_, k) => (edges[k]! + edges[k + 1]!) / 2), y: Array.from(counts), binEdges: Array.from(edges), style: 'bars' }],
  };
}
