import { compatibilityParam, defineProtocol, localOccupancy, type SectionFigure, type SectionResult } from '../../../core/index.js';
import { SWEEP_LOW_RESOLUTION } from '../loc-bfactor/locSpiralApplicability.js';
import { localMapInputs, localMapParams, openLocalMapCheck } from '../loc-bfactor/openLocalMapCheck.js';
import { findUnmeasured, unmeasuredMetrics, unmeasuredSentence } from '../../shared/localResolutionReport.js';
import { colouredViews, fivePercentiles, fixed2, histogramPlot, maskedValues, percentileTable, softMasked } from '../loc-bfactor/localMapSection.js';
import { localOccupancyWarnings } from './occupancyCriteria.js';
import { readCoverage, withPartialMask } from '../../shared/maskCoverageNotes.js';
import { KAUR_2021 } from '../../shared/methodReferences.js';

const SECTION = { id: '0.g', level: '0', title: 'Local occupancy' } as const;
const SUMMARY_LABEL = '0.g LocOccupancy';
const METHOD = 'LocOccupancy (LocSpiral family): fraction of swept frequencies at which the spiral-transform amplitude reaches the molecule’s 25% quantile';

/**
 * 0.g LocOccupancy (vrs-spec §6.7, algorithms §2.9) on the map resized to Ts' = R/2 and its hard
 * mask: local occupancy map (multiples of 1/K), percentiles over the mask, criteria (median ≥ 50%,
 * not homogeneous), histogram and surface views coloured by occupancy.
 */
export const locOccupancyProtocol = defineProtocol({
  id: 'vrs.locOccupancy',
  version: '1',
  title: 'Local occupancy (LocOccupancy)',
  description: 'Local occupancy map of the resized map from its spiral-transform amplitude between 15 Å and the resolution (report section 0.g).',
  execution: 'worker',
  costHint: 8,
  section: SECTION,
  params: {
    ...localMapParams,
    compatibility: compatibilityParam("'original' also runs when the resolution is 15 Å or worse (one frequency, 1/15 Å⁻¹), as the original service does (vrs-spec §19 B22)."),
    proteinQuantile: { type: 'number', min: 0, max: 1, default: 0.25, description: 'Quantile of the amplitude over the mask above which a voxel counts as occupied.' },
  },
  inputs: localMapInputs,
  outputs: {
    section: { kind: 'section' },
    occupancyMap: { kind: 'volume', optional: true, description: 'Local occupancy in [0, 1] at every voxel of the resized map (the original\'s omap.mrc).' },
  },
  async run(ctx) {
    const { threshold, compatibility } = ctx.params;
    const base = { ...SECTION, summaryLabel: SUMMARY_LABEL, method: METHOD, warnings: [], explanation: EXPLANATION, references: [KAUR_2021] };
    const start = await openLocalMapCheck('vrs.locOccupancy', base, ctx.params, ctx.inputs);
    if ('section' in start) return { section: { kind: 'section', value: start.section } };
    const { map, mask, maskVoxels, resolution } = start;
    const failed = (reason: string, metrics?: Record<string, unknown>) => ({ section: { kind: 'section' as const, value: start.failed(reason, metrics) } });

    const result = await localOccupancy(map.data, map.dims, map.voxelSize, mask.data, {
      resolution,
      minResolution: ctx.params.minResolution,
      proteinQuantile: ctx.params.proteinQuantile,
      shellVoxels: ctx.params.shellVoxels,
      signal: ctx.signal,
      onProgress: (fraction, message) => ctx.progress(0.9 * fraction, message),
    });
    const occupancyMap = map.withData(result.occupancy);
    const { values } = maskedValues(result.occupancy, mask.data);
    const p = fivePercentiles(values);
    // Unmeasured: mask voxels with no finite occupancy (an occupancy of 0 is a measurement).
    const unmeasured = findUnmeasured(result.occupancy, mask.data, Number.isFinite);
    const metrics = {
      percentiles: p,
      ...unmeasuredMetrics(unmeasured),
      frequencyCount: result.frequencyCount,
      frequencies: result.frequencies,
      amplitudeThresholds: result.thresholds,
      shellWidth: result.shellWidth,
      maskVoxels,
      voxelSize: [...map.voxelSize],
      dims: [...map.dims],
      minResolution: ctx.params.minResolution,
      compatibility,
    };

    const warnings = localOccupancyWarnings(p);

    ctx.progress(0.92, 'views');
    const k = result.frequencyCount;
    const figures: SectionFigure[] = [];
    const notes: string[] = [
      `Measured on the map resampled to ${Number(map.voxelSize[0].toFixed(3))} Å voxels (${map.dims.join(' × ')}) and its hard mask (${maskVoxels} voxels).`,
      `K = max(1, int((1/${resolution} − 1/${ctx.params.minResolution})/σf)) = ${k} frequenc${k === 1 ? 'y' : 'ies'} with σf = ${result.shellWidth.toPrecision(4)} Å⁻¹, so occupancies are multiples of 1/${k}.`,
    ];
    if (compatibility === 'original' && resolution >= SWEEP_LOW_RESOLUTION) notes.push(`Original behaviour: computed although the resolution is not finer than ${SWEEP_LOW_RESOLUTION} Å (a single frequency, 1/${ctx.params.minResolution} Å⁻¹).`);
    let files: Record<string, Uint8Array> | undefined;
    if (threshold !== undefined) {
      const softMask = ctx.inputs.has('softMask') ? await ctx.inputs.volume('softMask') : null;
      // A homogeneous map still gets a visible palette: the range is widened to at least [p2.5, p2.5 + 1/K].
      const range: [number, number] = p.p97_5 > p.p2_5 ? [p.p2_5, p.p97_5] : [p.p2_5, p.p2_5 + 1 / k];
      const views = colouredViews(softMasked(map, softMask), threshold, occupancyMap, range, {
        id: 'local_occupancy',
        caption: `Local occupancy on the surface of the ${softMask ? 'soft-masked ' : ''}resized map at threshold ${threshold}, coloured from the 2.5% to the 97.5% percentile.`,
        label: 'Local occupancy',
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
      criteria: 'The validation is OK if the median local occupancy is at least 50% (and the map is not suspiciously homogeneous).',
      results: [
        unmeasuredSentence(unmeasured, 'local occupancy'),
        `The local occupancy was measured at ${values.length} voxels inside the mask from ${k} frequenc${k === 1 ? 'y' : 'ies'} between 1/${ctx.params.minResolution} and 1/${resolution} Å⁻¹. The median is ${fixed2(p.p50)}; half of the voxels lie between ${fixed2(p.p25)} and ${fixed2(p.p75)}.`,
      ],
      tables: [percentileTable(p, 'Local occupancy', '0–1')],
      plots: [histogramPlot(values, 'Histogram of the local occupancy inside the mask.', 'Local occupancy')],
      figures,
      notes,
      ...(warnings.length > 0 ? { abstract: 'There seems to be a problem with its local occupancy.' } : {}),
    };
    ctx.progress(1, 'done');
    return { section: { kind: 'section', value: withPartialMask(section, await readCoverage(ctx.inputs), () => false), ...(files ? { files } : {}) }, occupancyMap: { kind: 'volume', value: occupancyMap } };
  },
});

const EXPLANATION =
  'LocOccupancy estimates how consistently each voxel is occupied by the macromolecule. The map is split into thin frequency shells from 15 Å to the reported resolution; in each shell a voxel counts as occupied when its local amplitude (from the spiral transform, independent of the local phase) reaches the level exceeded by 75% of the molecule’s voxels. The local occupancy is the fraction of shells in which it does: low values point at partially occupied or flexible regions, or at a mask larger than the molecule.';
