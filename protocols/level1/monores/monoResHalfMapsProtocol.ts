import {
  checkSameGrid,
  defineProtocol,
  evaluationGrid,
  fourierResize,
  MonoResFailure,
  monoResHalfMaps,
  resampleMaskNearest,
  summarizeLocalResolution,
  type SectionResult,
} from '../../../core/index.js';
import { localResolutionNotApplicable } from '../../level0/local-resolution/localResolutionApplicability.js';
import { colouredViews, fixed2, LOCAL_RESOLUTION_CRITERIA, localResolutionReport, localResolutionValues } from '../../shared/localResolutionReport.js';
import { evaluationGridNote, monoResFrequencyMetrics, monoResResampling, monoResStopText, monoResTimings } from '../../shared/monoResMetrics.js';

export const MONORES_HALF_MAPS_SECTION = { id: '1.e', level: '1', title: 'Local resolution (MonoRes, half maps)' } as const;
export const MONORES_HALF_MAPS_LABEL = '1.e Local resolution (MonoRes, half maps)';

export const MONORES_HALF_MAPS_EXPLANATION =
  'MonoRes measures, voxel by voxel, the highest spatial frequency at which the map still holds signal that stands out from noise. '
  + 'The average of the two half maps is high-passed at a series of frequencies, from low to high resolution in steps of 0.5 Å; at each one the amplitude of its monogenic signal '
  + '(the local energy, independent of the local phase) is compared with the 95 % quantile of the same amplitude of the half maps\' difference, which holds the noise and no signal, '
  + 'taken over the voxels of the mask. A voxel keeps the last resolution at which it was significant; the map is then smoothed without making any voxel worse. '
  + 'A reported resolution much better than most of the local resolutions suggests an over-estimated global resolution.';

/**
 * 1.e Local resolution by MonoRes with half maps (vrs-spec §7.5, algorithms §3.5): signal from the
 * halves' mean, noise from their half difference inside the hard mask, sweep from
 * max(10, 5·resolution) Å to Nyquist in 0.5 Å steps at significance 0.95; reported as the other
 * local-resolution sections (percentiles, percentile of the reported resolution with its 0.1 %
 * warning, homogeneity guard, histogram, views, median as estimate).
 */
export const monoResHalfMapsProtocol = defineProtocol({
  id: 'vrs.monoResHalfMaps',
  version: '1',
  title: 'Local resolution (MonoRes, half maps)',
  description: 'Local-resolution map from the two half maps with MonoRes (noise from their difference inside the mask) and its report section 1.e.',
  execution: 'worker',
  section: MONORES_HALF_MAPS_SECTION,
  params: {
    resolution: { type: 'number', min: 0, description: 'Reported resolution in Å (sweep from max(10, 5·resolution) Å; criterion).' },
    threshold: { type: 'number', description: 'Contour level of the surface views (density units of the map).' },
    step: { type: 'number', min: 0.05, default: 0.5, description: 'Step between tested resolutions (Å).' },
    significance: { type: 'number', min: 0.5, max: 0.9999, default: 0.95, description: 'Confidence of the signal-against-noise decisions.' },
    resample: {
      type: 'string',
      enum: ['auto', 'never'] as const,
      default: 'auto',
      description: "'auto': evaluate on the half maps Fourier-resampled to max(Ts, resolution/3) when that saves a quarter of the voxels (the range down to 2/3 of the resolution stays measurable); 'never': on their own grid.",
    },
  },
  inputs: {
    half1: { kind: 'volume', description: 'The first half map (vrs.importMap).' },
    half2: { kind: 'volume', description: 'The second half map (vrs.importMap).' },
    mask: { kind: 'mask', description: 'The hard mask of the map (vrs.hardMask): the voxels measured, and where the noise is taken.' },
    map: { kind: 'volume', description: 'The map, for the surface views.' },
  },
  outputs: {
    section: { kind: 'section' },
    localResolution: { kind: 'volume', optional: true, description: 'Local resolution (Å) on the evaluation grid, 0 where none was measured.' },
  },
  async run(ctx) {
    const started = performance.now();
    const { resolution, threshold } = ctx.params;
    const half1 = await ctx.inputs.volume('half1');
    const half2 = await ctx.inputs.volume('half2');
    const mask = await ctx.inputs.mask('mask');
    const map = await ctx.inputs.volume('map');
    checkSameGrid(half1, half2, { reference: 'half map 1', other: 'half map 2' });
    checkSameGrid(half1, mask, { reference: 'half map 1', other: 'the hard mask' });
    checkSameGrid(half1, map, { reference: 'half map 1', other: 'the map' });
    const method = `MonoRes with half maps (Vilas et al., Structure 26:337, 2018), re-implemented after Xmipp resolution_monogenic_signal: monogenic amplitude of the halves' mean against that of their half difference inside the hard mask, ${ctx.params.step} Å steps, significance ${ctx.params.significance}.`;
    const base = {
      ...MONORES_HALF_MAPS_SECTION,
      summaryLabel: MONORES_HALF_MAPS_LABEL,
      method,
      warnings: [],
      explanation: MONORES_HALF_MAPS_EXPLANATION,
      criteria: LOCAL_RESOLUTION_CRITERIA,
    };
    const notApplicable = localResolutionNotApplicable(resolution, half1.voxelSize);
    if (notApplicable !== null || resolution === undefined) {
      const section: SectionResult = { ...base, status: 'not-applicable', reason: notApplicable ?? '', metrics: {} };
      return { section: { kind: 'section', value: section } };
    }
    const failed = (reason: string) => {
      const section: SectionResult = { ...base, status: 'failed', reason, metrics: {} };
      return { section: { kind: 'section' as const, value: section } };
    };
    let maskVoxels = 0;
    for (let i = 0; i < mask.data.length; i++) if (mask.data[i]! >= 0.5) maskVoxels++;
    if (maskVoxels === 0) return failed('The hard mask is empty: no voxel of the map reaches the threshold, which seems too high; there is no molecule to measure.');

    const grid = ctx.params.resample === 'never'
      ? { dims: [...half1.dims] as typeof half1.dims, voxelSize: [...half1.voxelSize] as typeof half1.voxelSize, resampled: false }
      : evaluationGrid(half1.dims, half1.voxelSize, resolution);
    ctx.progress(0.02, grid.resampled ? `resampling to ${grid.dims.join('×')}` : 'preparing');
    const eval1 = grid.resampled ? await fourierResize(half1, grid.dims) : half1;
    const eval2 = grid.resampled ? await fourierResize(half2, grid.dims) : half2;
    const evalMask = grid.resampled ? resampleMaskNearest(mask.data, mask.dims, mask.voxelSize, grid.dims, eval1.voxelSize) : mask.data;
    const ts = eval1.voxelSize[0];
    const sweep = { maxResolution: Math.max(10, 5 * resolution), minResolution: 2 * ts, step: ctx.params.step, significance: ctx.params.significance };

    let done = 0;
    let result;
    try {
      result = await monoResHalfMaps(eval1.data, eval2.data, evalMask, eval1.dims, {
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
    const localResolution = eval1.withData(result.resolution);
    const summary = summarizeLocalResolution(result.resolution, { mask: result.mask, reportedResolution: resolution });
    if (summary === null) return failed('MonoRes assigned no local resolution inside the mask.');
    const values = localResolutionValues(result.resolution, result.mask);

    ctx.progress(0.92, 'views');
    const display = eval1.withData(result.display);
    const maskedMap = map.withData(Float32Array.from(map.data, (v, i) => (mask.data[i]! >= 0.5 ? v : 0)));
    const range: [number, number] = [summary.percentiles.p2_5, summary.percentiles.p97_5];
    const views = threshold === undefined ? null : colouredViews(maskedMap, threshold, display, range);
    const report = localResolutionReport({ resolution, summary, values, views, threshold, estimateMethod: 'MonoRes half-map median local resolution' });
    const frequencies = result.frequencies;
    const p = summary.percentiles;
    const mapGrid = { dims: [...half1.dims] as typeof half1.dims, voxelSize: [...half1.voxelSize] as typeof half1.voxelSize };
    const section: SectionResult = {
      ...base,
      status: report.status,
      warnings: report.warnings,
      metrics: {
        percentiles: p,
        reportedResolutionPercentile: summary.reportedResolutionPercentile,
        medianResolution: p.p50,
        minResolution: summary.min,
        maxResolution: summary.max,
        voxelsEvaluated: summary.voxels,
        maskVoxels: result.maskVoxels,
        noiseVoxels: result.noiseVoxels,
        maskRadiusVoxels: result.maskRadius,
        noiseCliffRadiusVoxels: result.cliffRadius,
        fillValue: result.fillValue,
        stopReason: result.stopReason,
        frequenciesVisited: frequencies.length,
        frequencies: monoResFrequencyMetrics(frequencies),
        sweep,
        evaluationGrid: { dims: grid.dims, voxelSize: grid.voxelSize },
        resampling: monoResResampling(grid, mapGrid),
        timings: monoResTimings((performance.now() - started) / 1000, frequencies.length, result.timings),
      },
      results: report.results,
      resolutionEstimates: report.resolutionEstimates,
      tables: report.tables,
      plots: report.plots,
      figures: report.figures,
      notes: [
        evaluationGridNote(grid, mapGrid, 'the half maps'),
        `${frequencies.length} frequencies from ${fixed2(frequencies[0]!.resolution)} to ${fixed2(frequencies[frequencies.length - 1]!.resolution)} Å were tested (stop: ${monoResStopText(result.stopReason)}). Noise from the half maps' difference at the ${result.noiseVoxels} mask voxels within ${result.cliffRadius} voxels of the box centre.`,
        'The percentiles are those of the local-resolution values themselves; the original read them from MonoRes\'s histogram (bins of 0.25 Å) after dropping its last two bins, which leaves out the coarsest voxels.',
        ...report.notes,
      ],
    };
    ctx.progress(1, 'done');
    return {
      section: { kind: 'section', value: section, ...(views ? { files: views.files } : {}) },
      localResolution: { kind: 'volume', value: localResolution },
    };
  },
});
