import { defineProtocol, fourierResize, monoResSingleMap } from '../../../core/index.js';
import {
  checkMaskFitsMap,
  chooseEvaluationGrid,
  countMaskVoxels,
  EMPTY_HARD_MASK,
  maskOnEvaluationGrid,
  measureMonoRes,
  monoResSweepOptions,
  sectionEnds,
} from '../../shared/localResolutionChecks.js';
import { localResolutionOutputs, monoResParams } from '../../shared/localResolutionDeclarations.js';
import { findUnmeasured, localResolutionBase } from '../../shared/localResolutionReport.js';
import { monoResTimings } from '../../shared/monoResMetrics.js';
import { localResolutionNotApplicable } from './localResolutionApplicability.js';
import { coverageInput, readCoverage, withPartialMask } from '../../shared/maskCoverageNotes.js';
import {
  colouredViews,
  LOCAL_RESOLUTION_EXPLANATION,
  LOCAL_RESOLUTION_LABEL,
  LOCAL_RESOLUTION_METHOD,
  LOCAL_RESOLUTION_SECTION,
  localResolutionSection,
} from './localResolutionSection.js';

/**
 * 0.e Local resolution (vrs-spec §6.5 reporting; algorithms §3.5, §3.6a, §5.1): MonoRes in
 * single-map mode on the map and its hard mask, as the honest substitute for DeepRes. Reports the
 * percentiles of the local resolution inside the mask, the percentile of the reported resolution
 * (warning below 0.1 %), the homogeneity guard, the median as a resolution estimate, a histogram
 * and surface views coloured by local resolution.
 */
export const localResolutionProtocol = defineProtocol({
  id: 'vrs.localResolution',
  version: '1',
  title: 'Local resolution (MonoRes, single-map mode)',
  description: 'Local-resolution map of the map alone with MonoRes (noise from outside the mask) and its report section 0.e.',
  execution: 'worker',
  costHint: 20,
  section: LOCAL_RESOLUTION_SECTION,
  params: monoResParams('the map', "the map's own grid"),
  inputs: {
    coverage: coverageInput,
    map: { kind: 'volume', description: 'The map (vrs.importMap).' },
    mask: { kind: 'mask', description: 'Its hard mask (vrs.hardMask): the molecule; everything else inside the noise radius is noise.' },
  },
  outputs: localResolutionOutputs('Local resolution (Å) on the evaluation grid, 0 where none was measured.'),
  async run(ctx) {
    const started = performance.now();
    const { resolution, threshold } = ctx.params;
    const map = await ctx.inputs.volume('map');
    const base = localResolutionBase(LOCAL_RESOLUTION_SECTION, { summaryLabel: LOCAL_RESOLUTION_LABEL, method: LOCAL_RESOLUTION_METHOD, explanation: LOCAL_RESOLUTION_EXPLANATION });
    const { notApplicable: ended, failed } = sectionEnds(base);
    const notApplicable = localResolutionNotApplicable(resolution, map.voxelSize);
    if (notApplicable !== null || resolution === undefined) return ended(notApplicable ?? '');
    const mask = await ctx.inputs.mask('mask');
    checkMaskFitsMap('vrs.localResolution', mask, map);
    if (countMaskVoxels(mask.data) === 0) return failed(EMPTY_HARD_MASK);

    const grid = chooseEvaluationGrid(ctx.params.resample, map, resolution, ctx);
    const evalMap = grid.resampled ? await fourierResize(map, grid.dims) : map;
    const evalMask = maskOnEvaluationGrid(grid, mask, evalMap.voxelSize);
    const ts = evalMap.voxelSize[0];
    const sweep = monoResSweepOptions(resolution, ts, ctx.params);

    const measured = await measureMonoRes(
      (onFrequency) => monoResSingleMap(evalMap.data, evalMask, evalMap.dims, { voxelSize: ts, ...sweep, signal: ctx.signal, onFrequency }),
      resolution,
      ctx,
    );
    if ('failure' in measured) return failed(measured.failure);
    const { result, summary, values } = measured;
    const localResolution = evalMap.withData(result.resolution);

    ctx.progress(0.92, 'views');
    const display = evalMap.withData(result.display);
    // Unmeasured: mask voxels MonoRes left at 0 (moved to the noise, beyond the noise radius, or
    // never above the noise at any frequency); `display` holds the median fill there.
    const unmeasured = findUnmeasured(result.resolution, evalMask);
    const views = threshold === undefined
      ? null
      : colouredViews(map, threshold, display, [summary.percentiles.p2_5, summary.percentiles.p97_5], undefined, unmeasured);
    const { section, files } = localResolutionSection({
      resolution,
      summary,
      values,
      result,
      grid,
      mapGrid: { dims: [...map.dims], voxelSize: [...map.voxelSize] },
      sweep,
      views,
      threshold,
      unmeasured,
    });
    ctx.logger.info('timings', monoResTimings((performance.now() - started) / 1000, result.frequencies.length, result.timings));
    ctx.progress(1, 'done');
    return {
      section: { kind: 'section', value: withPartialMask(section, await readCoverage(ctx.inputs), () => false), ...(Object.keys(files).length > 0 ? { files } : {}) },
      localResolution: { kind: 'volume', value: localResolution },
    };
  },
});
