import {
  defineProtocol,
  fourierResize,
  monoDir,
  MonoDirFailure,
  monoDirRadialProfile,
  MonoResFailure,
  monoResSingleMap,
  type EvaluationGrid,
} from '../../../core/index.js';
import {
  checkMaskFitsMap,
  chooseEvaluationGrid,
  countMaskVoxels,
  EMPTY_HARD_MASK,
  maskOnEvaluationGrid,
  sectionEnds,
} from '../../shared/localResolutionChecks.js';
import { localResolutionOutputs, resampleParam, significanceParam, viewThresholdParam } from '../../shared/localResolutionDeclarations.js';
import { colouredViews, findUnmeasured, localResolutionBase } from '../../shared/localResolutionReport.js';
import { monoDirNotApplicable } from './monoDirApplicability.js';
import { MONODIR_CRITERIA, MONODIR_EXPLANATION, MONODIR_LABEL, MONODIR_SECTION, monoDirSection } from './monoDirSection.js';
import { coverageInput, readCoverage, withPartialMask } from '../../shared/maskCoverageNotes.js';

/** The original's outer exclusion and amplitude taper, in voxels of the map's own grid. */
const ORIGINAL_EDGE_VOXELS = 7;

/**
 * 1.f Local directional resolution (vrs-spec §7.6; algorithms §3.6): Xmipp MonoDir on the map and
 * its hard mask — as in the original, the full map alone (the halves are not used; the noise is the
 * background outside the mask) — with MonoRes on the same map for the average-resolution curve.
 * Reports the preferred-direction histogram and its uniformity (deterministic KS, bug B14), the
 * radial averages, the average directional resolution as an estimate, and the direction-averaged
 * resolution map.
 */
export const monoDirProtocol = defineProtocol({
  id: 'vrs.monoDir',
  version: '3',
  title: 'Local directional resolution (MonoDir)',
  description: 'Directional local resolution of the map with MonoDir (46 directions, MonoRes test in a 15° Fourier cone each), the uniformity of the preferred directions and report section 1.f.',
  execution: 'worker',
  costHint: 300,
  section: MONODIR_SECTION,
  params: {
    resolution: { type: 'number', min: 0, description: 'Reported resolution in Å (applies at 10 Å or better; criterion; sets the evaluation grid).' },
    threshold: viewThresholdParam,
    step: { type: 'number', min: 0.05, default: 0.5, description: 'Minimum step between tested resolutions below 8 Å (Å; the original resstep).' },
    significance: significanceParam,
    resample: resampleParam(
      "'auto': evaluate on the map Fourier-resampled to max(Ts, resolution/2) when that saves a quarter of the voxels (Nyquist at the reported resolution; MonoDir is the costliest check); 'never': on the map's own grid.",
    ),
  },
  inputs: {
    coverage: coverageInput,
    map: { kind: 'volume', description: 'The map (vrs.importMap).' },
    mask: { kind: 'mask', description: 'Its hard mask (vrs.hardMask): the molecule; the background around it inside the noise radius is the noise reference.' },
  },
  outputs: localResolutionOutputs('Direction-averaged MonoDir resolution (Å) per evaluated voxel on the evaluation grid, 0 elsewhere.'),
  async run(ctx) {
    const started = performance.now();
    const { resolution, threshold } = ctx.params;
    const map = await ctx.inputs.volume('map');
    const base = localResolutionBase(MONODIR_SECTION, { summaryLabel: MONODIR_LABEL, method: methodText(null), explanation: MONODIR_EXPLANATION, criteria: MONODIR_CRITERIA });
    const { notApplicable: ended, failed } = sectionEnds(base);
    const notApplicable = monoDirNotApplicable(resolution, map.dims, map.voxelSize);
    if (notApplicable !== null || resolution === undefined) return ended(notApplicable ?? '');
    const mask = await ctx.inputs.mask('mask');
    checkMaskFitsMap('vrs.monoDir', mask, map);
    if (countMaskVoxels(mask.data) === 0) return failed(EMPTY_HARD_MASK);

    // evaluationGrid aims at resolution/3; asking it for 1.5·R aims at R/2 (Nyquist at R). MonoDir
    // runs about six transforms per frequency and direction on this grid: sizes without a factor 7.
    const grid = chooseEvaluationGrid(ctx.params.resample, map, 1.5 * resolution, ctx, { fftPrimes: [2, 3, 5] });
    const evalMap = grid.resampled ? await fourierResize(map, grid.dims) : map;
    const evalMask = maskOnEvaluationGrid(grid, mask, evalMap.voxelSize);
    const ts = evalMap.voxelSize[0];
    const edgeWidth = Math.max(2, Math.round((ORIGINAL_EDGE_VOXELS * map.voxelSize[0]) / ts));

    // MonoDir first: it refuses maps without a noise shell before any costly step.
    let result;
    try {
      result = await monoDir(evalMap.data, evalMask, evalMap.dims, {
        voxelSize: ts,
        step: ctx.params.step,
        significance: ctx.params.significance,
        edgeWidth,
        signal: ctx.signal,
        onDirection: (record, done, total) => {
          ctx.progress(0.05 + (0.8 * done) / total, `direction ${done}/${total}`);
          ctx.logger.info('direction', { direction: record.direction, frequencies: record.frequencies, stop: record.stopReason, seconds: record.milliseconds / 1000 });
        },
      });
    } catch (error) {
      if (error instanceof MonoDirFailure) return failed(`MonoDir could not measure the map: ${error.message}.`);
      throw error;
    }
    if (!result.meanDirectional.some((v) => v > 0)) {
      return failed('MonoDir found no background voxels in the cone of any direction, so no directional resolution could be measured.');
    }
    const monoResSweep = { maxResolution: 18, minResolution: 2 * ts, step: 0.25 };
    let monoRes;
    try {
      ctx.progress(0.9, 'MonoRes');
      monoRes = await monoResSingleMap(evalMap.data, evalMask, evalMap.dims, { voxelSize: ts, ...monoResSweep, significance: ctx.params.significance, signal: ctx.signal });
    } catch (error) {
      if (error instanceof MonoResFailure) return failed(`MonoRes, which gives MonoDir's average resolution, could not measure the map: ${error.message}.`);
      throw error;
    }
    const profile = monoDirRadialProfile(result.maskIndex, evalMap.dims, result.summaries, monoRes.resolution);
    if (profile.length === 0) return failed('MonoDir gave no resolution in any radial shell of the mask.');
    if (!profile.some((row) => row.avg > 0)) return failed('MonoRes gave no local resolution inside the mask MonoDir evaluates, so there is no average directional resolution.');

    const averaged = new Float32Array(evalMap.data.length);
    result.maskIndex.forEach((p, m) => { averaged[p] = result.meanDirectional[m]!; });
    const localResolution = evalMap.withData(averaged);
    ctx.progress(0.92, 'views');
    // Unmeasured: mask voxels with no direction-averaged resolution (grey, counted in the caption).
    const unmeasured = findUnmeasured(averaged, evalMask);
    const views = threshold === undefined
      ? null
      : colouredViews(map, threshold, localResolution, percentileRange(result.meanDirectional), 'the direction-averaged MonoDir resolution', unmeasured);
    const { section, files } = monoDirSection({
      resolution,
      result,
      monoRes,
      profile,
      grid,
      mapGrid: { dims: [...map.dims], voxelSize: [...map.voxelSize] },
      edgeWidth,
      monoResSweep,
      views,
      method: methodText(grid),
    });
    ctx.logger.info('timings', { totalSeconds: (performance.now() - started) / 1000, directionsSeconds: result.milliseconds / 1000 });
    ctx.progress(1, 'done');
    return {
      section: { kind: 'section', value: withPartialMask(section, await readCoverage(ctx.inputs), () => false), ...(Object.keys(files).length > 0 ? { files } : {}) },
      localResolution: { kind: 'volume', value: localResolution },
    };
  },
});

function methodText(grid: EvaluationGrid | null): string {
  return 'Xmipp MonoDir (Vilas et al., Nat. Commun. 11:55, 2020), reimplemented: 46 directions (fast mode), 15° Fourier cones, MonoRes test against the background in 45° real-space cones, significance 0.95; '
    + 'MonoRes single-map mode for the average-resolution curve; uniformity by an exact Kolmogorov–Smirnov D on the direction histogram (p over the independent samples of the mask, not the original\'s random 50 000 draws)'
    + (grid?.resampled ? `; on the map resampled to ${grid.voxelSize[0].toFixed(2)} Å voxels (Nyquist at the reported resolution).` : '.');
}

/** 2.5 % and 97.5 % percentiles of the positive values (the colour range of the views). */
function percentileRange(values: Float32Array): [number, number] {
  const sorted = Float64Array.from(values.filter((v) => v > 0)).sort();
  if (sorted.length === 0) return [0, 1];
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
  const lo = at(0.025);
  const hi = at(0.975);
  return hi > lo ? [lo, hi] : [lo, lo + 1];
}
