import {
  defineProtocol,
  fourierResize,
  monoResHalfMaps,
  type SectionResult,
} from '../../../core/index.js';
import { localResolutionNotApplicable } from '../../level0/local-resolution/localResolutionApplicability.js';
import { colouredViews, distributionMetrics, findUnmeasured, fixed2, localResolutionBase, localResolutionReport } from '../../shared/localResolutionReport.js';
import {
  chooseEvaluationGrid,
  countMaskVoxels,
  EMPTY_HARD_MASK,
  halfMapsWithHardMask,
  maskOnEvaluationGrid,
  measureMonoRes,
  monoResSweepOptions,
  sectionEnds,
} from '../../shared/localResolutionChecks.js';
import { halfMapInputs, localResolutionOutputs, monoResParams, viewMapInput } from '../../shared/localResolutionDeclarations.js';
import { evaluationGridNote, monoResRunMetrics, monoResStopText, monoResTimings } from '../../shared/monoResMetrics.js';
import { coverageInput, readCoverage, withPartialMask } from '../../shared/maskCoverageNotes.js';
import { MONORES_2018 } from '../../shared/methodReferences.js';

export const MONORES_HALF_MAPS_SECTION = { id: '1.e', level: '1', title: 'Local resolution (MonoRes, half maps)' } as const;
export const MONORES_HALF_MAPS_LABEL = '1.e Local resolution (MonoRes, half maps)';

export const MONORES_HALF_MAPS_EXPLANATION =
  'MonoRes measures, voxel by voxel, the highest spatial frequency at which the map still holds signal that stands out from noise. '
  + 'The average of the two half maps is high-passed at a series of frequencies, from low to high resolution in steps of 0.5 Å; at each one the amplitude of its monogenic signal '
  + '(the local energy, independent of the local phase) is compared with the 95 % quantile of the same amplitude of the half maps\' difference, which holds the noise and no signal, '
  + 'taken over the voxels of the mask. A voxel keeps the last resolution at which it was significant; the map is then smoothed without making any voxel worse. '
  + 'The test at frequency f compares everything above f (a high-pass, not a shell) with the noise: when the noise power rises with frequency, as in real half maps, '
  + 'that band holds all the noise up to Nyquist while the signal sits near f, so voxels stop passing where the shell FSC is still high, and MonoRes\'s local resolutions '
  + 'are coarser than the FSC resolution by the method\'s design. '
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
  version: '2',
  title: 'Local resolution (MonoRes, half maps)',
  description: 'Local-resolution map from the two half maps with MonoRes (noise from their difference inside the mask) and its report section 1.e.',
  execution: 'worker',
  costHint: 80,
  section: MONORES_HALF_MAPS_SECTION,
  params: monoResParams('the half maps', 'their own grid'),
  inputs: {
    coverage: coverageInput,
    ...halfMapInputs,
    mask: { kind: 'mask', description: 'The hard mask of the map (vrs.hardMask): the voxels measured, and where the noise is taken.' },
    map: viewMapInput,
  },
  outputs: localResolutionOutputs('Local resolution (Å) on the evaluation grid, 0 where none was measured.'),
  async run(ctx) {
    const started = performance.now();
    const { resolution, threshold } = ctx.params;
    const { half1, half2, mask, map } = await halfMapsWithHardMask(ctx.inputs);
    const method = `MonoRes with half maps (Vilas et al., Structure 26:337, 2018), re-implemented after Xmipp resolution_monogenic_signal: monogenic amplitude of the halves' mean against that of their half difference inside the hard mask, ${ctx.params.step} Å steps, significance ${ctx.params.significance}.`;
    const base = localResolutionBase(MONORES_HALF_MAPS_SECTION, { summaryLabel: MONORES_HALF_MAPS_LABEL, method, explanation: MONORES_HALF_MAPS_EXPLANATION });
    const { notApplicable: ended, failed } = sectionEnds(base);
    const notApplicable = localResolutionNotApplicable(resolution, half1.voxelSize);
    if (notApplicable !== null || resolution === undefined) return ended(notApplicable ?? '');
    if (countMaskVoxels(mask.data) === 0) return failed(EMPTY_HARD_MASK);

    const grid = chooseEvaluationGrid(ctx.params.resample, half1, resolution, ctx);
    const eval1 = grid.resampled ? await fourierResize(half1, grid.dims) : half1;
    const eval2 = grid.resampled ? await fourierResize(half2, grid.dims) : half2;
    const evalMask = maskOnEvaluationGrid(grid, mask, eval1.voxelSize);
    const ts = eval1.voxelSize[0];
    const sweep = monoResSweepOptions(resolution, ts, ctx.params);

    const measured = await measureMonoRes(
      (onFrequency) => monoResHalfMaps(eval1.data, eval2.data, evalMask, eval1.dims, { voxelSize: ts, ...sweep, signal: ctx.signal, onFrequency }),
      resolution,
      ctx,
    );
    if ('failure' in measured) return failed(measured.failure);
    const { result, summary, values } = measured;
    const localResolution = eval1.withData(result.resolution);

    ctx.progress(0.92, 'views');
    const display = eval1.withData(result.display);
    const maskedMap = map.withData(Float32Array.from(map.data, (v, i) => (mask.data[i]! >= 0.5 ? v : 0)));
    const range: [number, number] = [summary.percentiles.p2_5, summary.percentiles.p97_5];
    // Unmeasured: hard-mask voxels MonoRes left at 0 (display holds the median fill there).
    const unmeasured = findUnmeasured(result.resolution, evalMask);
    const views = threshold === undefined ? null : colouredViews(maskedMap, threshold, display, range, undefined, unmeasured);
    const report = localResolutionReport({ resolution, summary, values, views, threshold, estimateMethod: 'MonoRes half-map median local resolution', unmeasured });
    const frequencies = result.frequencies;
    const mapGrid = { dims: [...half1.dims] as typeof half1.dims, voxelSize: [...half1.voxelSize] as typeof half1.voxelSize };
    ctx.logger.info('timings', monoResTimings((performance.now() - started) / 1000, frequencies.length, result.timings));
    const section: SectionResult = {
      ...base,
      references: [MONORES_2018],
      status: report.status,
      warnings: report.warnings,
      metrics: {
        ...distributionMetrics(summary),
        maskVoxels: result.maskVoxels,
        noiseVoxels: result.noiseVoxels,
        maskRadiusVoxels: result.maskRadius,
        noiseCliffRadiusVoxels: result.cliffRadius,
        ...monoResRunMetrics(result, { sweep, grid, mapGrid }),
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
      section: { kind: 'section', value: withPartialMask(section, await readCoverage(ctx.inputs), () => false), ...(views ? { files: views.files } : {}) },
      localResolution: { kind: 'volume', value: localResolution },
    };
  },
});
