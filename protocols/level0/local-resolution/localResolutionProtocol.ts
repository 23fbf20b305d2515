import {
  defineProtocol,
  evaluationGrid,
  fourierResize,
  MonoResFailure,
  monoResSingleMap,
  resampleMaskNearest,
  summarizeLocalResolution,
  type SectionResult,
} from '../../../core/index.js';
import { localResolutionValues } from '../../shared/localResolutionReport.js';
import { localResolutionNotApplicable } from './localResolutionApplicability.js';
import {
  colouredViews,
  LOCAL_RESOLUTION_CRITERIA,
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
  section: LOCAL_RESOLUTION_SECTION,
  params: {
    resolution: { type: 'number', min: 0, description: 'Reported resolution in Å (sweep from max(10, 5·resolution) Å; criterion).' },
    threshold: { type: 'number', description: 'Contour level of the surface views (density units of the map).' },
    step: { type: 'number', min: 0.05, default: 0.5, description: 'Step between tested resolutions (Å).' },
    significance: { type: 'number', min: 0.5, max: 0.9999, default: 0.95, description: 'Confidence of the signal-against-noise decisions.' },
    resample: {
      type: 'string',
      enum: ['auto', 'never'] as const,
      default: 'auto',
      description: "'auto': evaluate on the map Fourier-resampled to max(Ts, resolution/3) when that saves a quarter of the voxels (the range down to 2/3 of the resolution stays measurable); 'never': on the map's own grid.",
    },
  },
  inputs: {
    map: { kind: 'volume', description: 'The map (vrs.importMap).' },
    mask: { kind: 'mask', description: 'Its hard mask (vrs.hardMask): the molecule; everything else inside the noise radius is noise.' },
  },
  outputs: {
    section: { kind: 'section' },
    localResolution: { kind: 'volume', optional: true, description: 'Local resolution (Å) on the evaluation grid, 0 where none was measured.' },
  },
  async run(ctx) {
    const started = performance.now();
    const { resolution, threshold } = ctx.params;
    const map = await ctx.inputs.volume('map');
    const base = {
      ...LOCAL_RESOLUTION_SECTION,
      summaryLabel: LOCAL_RESOLUTION_LABEL,
      method: LOCAL_RESOLUTION_METHOD,
      warnings: [],
      explanation: LOCAL_RESOLUTION_EXPLANATION,
      criteria: LOCAL_RESOLUTION_CRITERIA,
    };
    const notApplicable = localResolutionNotApplicable(resolution, map.voxelSize);
    if (notApplicable !== null || resolution === undefined) {
      const section: SectionResult = { ...base, status: 'not-applicable', reason: notApplicable ?? '', metrics: {} };
      return { section: { kind: 'section', value: section } };
    }
    const mask = await ctx.inputs.mask('mask');
    if (mask.dims.some((d, k) => d !== map.dims[k])) {
      throw new RangeError(`vrs.localResolution: the mask (${mask.dims.join('×')}) and the map (${map.dims.join('×')}) differ in size`);
    }
    const failed = (reason: string, metrics: Record<string, unknown> = {}) => {
      const section: SectionResult = { ...base, status: 'failed', reason, metrics };
      return { section: { kind: 'section' as const, value: section } };
    };

    let maskVoxels = 0;
    for (let i = 0; i < mask.data.length; i++) if (mask.data[i]! >= 0.5) maskVoxels++;
    if (maskVoxels === 0) return failed('The hard mask is empty: no voxel of the map reaches the threshold, which seems too high; there is no molecule to measure.');

    const grid = ctx.params.resample === 'never'
      ? { dims: [...map.dims] as typeof map.dims, voxelSize: [...map.voxelSize] as typeof map.voxelSize, resampled: false }
      : evaluationGrid(map.dims, map.voxelSize, resolution);
    ctx.progress(0.02, grid.resampled ? `resampling to ${grid.dims.join('×')}` : 'preparing');
    const evalMap = grid.resampled ? await fourierResize(map, grid.dims) : map;
    const evalMask = grid.resampled ? resampleMaskNearest(mask.data, mask.dims, mask.voxelSize, grid.dims, evalMap.voxelSize) : mask.data;
    const ts = evalMap.voxelSize[0];
    const sweep = { maxResolution: Math.max(10, 5 * resolution), minResolution: 2 * ts, step: ctx.params.step, significance: ctx.params.significance };

    let done = 0;
    let result;
    try {
      result = await monoResSingleMap(evalMap.data, evalMask, evalMap.dims, {
        voxelSize: ts,
        ...sweep,
        signal: ctx.signal,
        onFrequency: (record, candidates) => {
          done++;
          ctx.progress(0.1 + (0.8 * done) / Math.max(done, candidates), `${record.resolution.toFixed(2)} Å`);
          ctx.logger.info('frequency', { resolution: record.resolution, active: record.activeVoxels, passed: record.passed, finished: record.finished, seconds: record.milliseconds / 1000 });
        },
      });
    } catch (error) {
      if (error instanceof MonoResFailure) return failed(`MonoRes could not measure the local resolution: ${error.message}.`);
      throw error;
    }
    const localResolution = evalMap.withData(result.resolution);
    const summary = summarizeLocalResolution(result.resolution, { mask: result.mask, reportedResolution: resolution });
    if (summary === null) return failed('MonoRes assigned no local resolution inside the mask.');
    const values = localResolutionValues(result.resolution, result.mask);

    ctx.progress(0.92, 'views');
    const display = evalMap.withData(result.display);
    const views = threshold === undefined ? null : colouredViews(map, threshold, display, [summary.percentiles.p2_5, summary.percentiles.p97_5]);
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
      seconds: (performance.now() - started) / 1000,
    });
    ctx.progress(1, 'done');
    return {
      section: { kind: 'section', value: section, ...(Object.keys(files).length > 0 ? { files } : {}) },
      localResolution: { kind: 'volume', value: localResolution },
    };
  },
});
