import {
  compatibilityParam,
  defineProtocol,
  inscribedBackgroundIndices,
  localBFactor,
  type SectionFigure,
  type SectionResult,
} from '../../../core/index.js';
import { SWEEP_LOW_RESOLUTION } from './locSpiralApplicability.js';
import { localMapInputs, localMapParams, openLocalMapCheck } from './openLocalMapCheck.js';
import { BFACTOR_RANGE, localBFactorWarnings } from './bFactorCriteria.js';
import { findUnmeasured, unmeasuredMetrics, unmeasuredSentence } from '../../shared/localResolutionReport.js';
import { colouredViews, fivePercentiles, fixed2, histogramPlot, maskedValues, percentileTable, softMasked } from './localMapSection.js';
import { readCoverage, withPartialMask } from '../../shared/maskCoverageNotes.js';
import { KAUR_2021 } from '../../shared/methodReferences.js';

const SECTION = { id: '0.f', level: '0', title: 'Local B-factor' } as const;
const SUMMARY_LABEL = '0.f LocBfactor';
const METHOD = 'LocBFactor (LocSpiral family): spiral-transform amplitude at 10 frequencies, per-voxel Guinier fit';

/**
 * 0.f LocBfactor (vrs-spec §6.6, algorithms §2.8) on the map resized to Ts' = R/2 and its hard
 * mask: local B-factor map, percentiles over the mask, criteria (median in [−300, 0] Å², not
 * homogeneous), histogram and surface views coloured by local B.
 */
export const locBfactorProtocol = defineProtocol({
  id: 'vrs.locBfactor',
  version: '1',
  title: 'Local B-factor (LocBFactor)',
  description: 'Local B-factor map of the resized map from the decay of its spiral-transform amplitude between 15 Å and the resolution (report section 0.f).',
  execution: 'worker',
  costHint: 8,
  section: SECTION,
  params: {
    ...localMapParams,
    compatibility: compatibilityParam("'original' also runs when the resolution is 15 Å or worse, as the original service does (vrs-spec §19 B22)."),
    points: { type: 'integer', min: 2, max: 100, default: 10, description: 'Number of swept frequencies.' },
    noiseQuantile: { type: 'number', min: 0, max: 1, default: 0.9, description: 'Quantile of the background amplitude taken as noise.' },
  },
  inputs: localMapInputs,
  outputs: {
    section: { kind: 'section' },
    bFactorMap: { kind: 'volume', optional: true, description: 'Local B-factor (Å²) at every voxel of the resized map (the original\'s bmap.mrc).' },
  },
  async run(ctx) {
    const { threshold, compatibility } = ctx.params;
    const base = { ...SECTION, summaryLabel: SUMMARY_LABEL, method: METHOD, warnings: [], explanation: EXPLANATION, references: [KAUR_2021] };
    const start = await openLocalMapCheck('vrs.locBfactor', base, ctx.params, ctx.inputs);
    if ('section' in start) return { section: { kind: 'section', value: start.section } };
    const { map, mask, maskVoxels, resolution } = start;
    const failed = (reason: string, metrics?: Record<string, unknown>) => ({ section: { kind: 'section' as const, value: start.failed(reason, metrics) } });
    const backgroundVoxels = inscribedBackgroundIndices(mask.data, map.dims).length;
    if (backgroundVoxels === 0) return failed('No background voxel lies outside the mask and inside the sphere inscribed in the box, so the noise level cannot be estimated.');

    const result = await localBFactor(map.data, map.dims, map.voxelSize, mask.data, {
      resolution,
      minResolution: ctx.params.minResolution,
      points: ctx.params.points,
      noiseQuantile: ctx.params.noiseQuantile,
      shellVoxels: ctx.params.shellVoxels,
      signal: ctx.signal,
      onProgress: (fraction, message) => ctx.progress(0.9 * fraction, message),
    });
    const bFactorMap = map.withData(result.bFactor);
    const { values, nonFinite: undefinedVoxels } = maskedValues(result.bFactor, mask.data);
    if (values.length === 0) return failed('The local B-factor is undefined at every mask voxel (the spiral amplitude is zero in the swept band).');
    const p = fivePercentiles(values);
    // Unmeasured: mask voxels whose B-factor is undefined (zero amplitude in the swept band).
    const unmeasured = findUnmeasured(result.bFactor, mask.data, Number.isFinite);
    const [tsx] = map.voxelSize;
    const metrics = {
      percentiles: p,
      maskVoxels,
      backgroundVoxels,
      undefinedVoxels,
      ...unmeasuredMetrics(unmeasured),
      frequencies: result.frequencies,
      noiseLevels: result.noiseLevels,
      shellWidth: result.shellWidth,
      voxelSize: [...map.voxelSize],
      dims: [...map.dims],
      minResolution: ctx.params.minResolution,
      compatibility,
    };

    const warnings = localBFactorWarnings(p);

    ctx.progress(0.92, 'views');
    const figures: SectionFigure[] = [];
    const notes: string[] = [
      `Measured on the map resampled to ${fixed3(tsx!)} Å voxels (${map.dims.join(' × ')}) and its hard mask: ${maskVoxels} mask voxels, noise from ${backgroundVoxels} background voxels inside the inscribed sphere.`,
      'Spiral amplitudes use numpy’s complex-transform convention on the Nyquist planes, as the original, so the last frequency (1/resolution, the resized map’s Nyquist frequency) matches it.',
    ];
    if (undefinedVoxels > 0) notes.push(`${undefinedVoxels} mask voxels have no defined local B-factor (zero amplitude) and are left out.`);
    if (compatibility === 'original' && resolution >= SWEEP_LOW_RESOLUTION) notes.push(`Original behaviour: the sweep runs from 1/${ctx.params.minResolution} to 1/${resolution} Å⁻¹ although the resolution is not finer than ${SWEEP_LOW_RESOLUTION} Å.`);
    let files: Record<string, Uint8Array> | undefined;
    if (threshold !== undefined) {
      const softMask = ctx.inputs.has('softMask') ? await ctx.inputs.volume('softMask') : null;
      const views = colouredViews(softMasked(map, softMask), threshold, bFactorMap, [p.p2_5, p.p97_5], {
        id: 'local_bfactor',
        caption: `Local B-factor on the surface of the ${softMask ? 'soft-masked ' : ''}resized map at threshold ${threshold}, coloured from the 2.5% to the 97.5% percentile.`,
        label: 'Local B-factor (Å²)',
        unmeasured,
      });
      if (views) {
        figures.push(views.figure);
        files = views.files;
      } else notes.push(`No voxel of the resized map reaches the threshold ${threshold}: no surface views.`);
    }

    const section: SectionResult = {
      ...base,
      status: warnings.length > 0 ? 'warnings' : 'ok',
      warnings,
      metrics,
      criteria: `The validation is OK if the median local B-factor is in the range [${BFACTOR_RANGE[0]}, ${BFACTOR_RANGE[1]}] Å² (and the map is not suspiciously homogeneous).`,
      results: [
        unmeasuredSentence(unmeasured, 'local B-factor'),
        `Local B-factors were fitted at ${values.length} voxels inside the mask from ${result.frequencies.length} frequencies between 1/${ctx.params.minResolution} and 1/${resolution} Å⁻¹. The median is ${fixed2(p.p50)} Å²; half of the voxels lie between ${fixed2(p.p25)} and ${fixed2(p.p75)} Å².`,
      ],
      tables: [percentileTable(p, 'Local B-factor', 'Å²')],
      plots: [histogramPlot(values, 'Histogram of the local B-factor inside the mask.', 'Local B-factor (Å²)')],
      figures,
      notes,
      ...(warnings.length > 0 ? { abstract: 'There seems to be a problem with its local B-factor.' } : {}),
    };
    ctx.progress(1, 'done');
    return { section: { kind: 'section', value: withPartialMask(section, await readCoverage(ctx.inputs), () => false), ...(files ? { files } : {}) }, bFactorMap: { kind: 'volume', value: bFactorMap } };
  },
});

const EXPLANATION =
  'LocBFactor follows, voxel by voxel, how the local amplitude of the map decays with spatial frequency. The map is split into thin frequency shells from 15 Å to the reported resolution; in each shell the spiral (Riesz) transform gives a local amplitude independent of the local phase, weighted by its signal-to-noise ratio against the background. The slope of its logarithm against the squared frequency, times 4, is a local B-factor in Å²: strongly negative values mean a fast fall-off (blurred or flexible regions), values near zero a well-preserved high-resolution signal.';

function fixed3(value: number): string {
  return Number(value.toFixed(3)).toString();
}

