import {
  defineProtocol,
  formatPrintf,
  localSinusoidTest,
  LocalSinusoidFailure,
  resmapVrsPostProcess,
  summarizeLocalResolution,
  type LocalSinusoidResult,
  type SectionResult,
  type SectionTable,
} from '../../../core/index.js';
import { countMaskVoxels, firstNonFinite, halfMapsWithHardMask, hasCubicVoxels, sectionEnds } from '../../shared/localResolutionChecks.js';
import { halfMapInputs, localResolutionOutputs, percentileCriterionParams, viewMapInput } from '../../shared/localResolutionDeclarations.js';
import { colouredViews, distributionMetrics, findUnmeasured, localResolutionBase, localResolutionReport, localResolutionValues } from '../../shared/localResolutionReport.js';
import { coverageInput, readCoverage, withPartialMask } from '../../shared/maskCoverageNotes.js';
import { KUCUKELBIR_2014 } from '../../shared/methodReferences.js';

export const LOCAL_SINUSOID_SECTION = { id: '1.d', level: '1', title: 'Local resolution (local sinusoid test, ResMap method)' } as const;
export const LOCAL_SINUSOID_LABEL = '1.d Local resolution (local sinusoid test, ResMap method)';
export const LOCAL_SINUSOID_METHOD =
  'Likelihood-ratio test of local sinusoid models (the method of ResMap, Kucukelbir, Sigworth & Tagare, Nat. Methods 11:63, 2014), implemented by cryo-vrs after the paper and ResMap\'s public source; not the ResMap program';

export const LOCAL_SINUSOID_EXPLANATION =
  'ResMap asks, voxel by voxel, at which scale the density around the voxel holds a detectable wave. '
  + 'The half maps\' average and difference are first pre-whitened (divided by the fitted noise spectrum). '
  + 'For each tested resolution r, from fine to coarse (by default from 2.2 to 4 times the voxel size in 1 Å steps), the average is fitted in a Gaussian-weighted window of about r across by two local models: '
  + 'a constant, and a constant plus 16 oriented wave-like functions (second- and third-order Hermite polynomials whose response peaks near 1/r). '
  + 'The improvement of the fit, divided by the noise variance measured on the difference of the half maps, is a likelihood-ratio statistic; '
  + 'under noise alone it follows a weighted χ² law, and the voxels where it is significant (false discovery rate 5 %, Benjamini–Yekutieli) get the resolution r and leave the test. '
  + 'The test responds to a band of frequencies around 1/r and, through the linear part of its third-order functions, to strong smooth density as well, so with strong signal a voxel can pass at a finer r than its band limit, and weak signal only at a coarser one. '
  + 'As the original service, the map is then smoothed (unassigned voxels filled with the mean, Gaussian of 1.5 voxels) and its statistics taken over the assigned voxels. '
  + 'A reported resolution much better than most of the local resolutions suggests an over-estimated global resolution.';

/** ResMap's p-value, resolution range and step, and the knobs of the reimplementation. */
const PARAMS = {
  ...percentileCriterionParams,
  pValue: { type: 'number', min: 1e-6, max: 0.5, default: 0.05, description: 'False discovery rate of the test at each resolution (ResMap --pVal).' },
  minResolution: { type: 'number', min: 0, default: 0, description: 'Finest resolution tested in Å; 0 or anything ≤ 2.2·Ts: ResMap\'s round(2.2·Ts, 0.1 Å) (ResMap --minRes).' },
  maxResolution: { type: 'number', min: 0, default: 0, description: 'Coarsest resolution tested in Å; 0: ResMap\'s round(4·Ts, 0.5 Å) (ResMap --maxRes).' },
  step: { type: 'number', min: 0.1, default: 1, description: 'Step between tested resolutions in Å (ResMap --stepRes).' },
  gaussianWeight: {
    type: 'string', enum: ['python2', 'as-written'] as const, default: 'python2',
    description: "The window's Gaussian: 'python2' exp(−|u|²), what ResMap computes (its code's −1/2 is −1 under Python 2); 'as-written' exp(−|u|²/2), what the code reads as under Python 3.",
  },
  preWhitening: {
    type: 'boolean', default: true,
    description: 'Whiten the half-map average and difference by the noise ramp fitted to the difference (ResMap split mode, elbow max(10 Å, 2.1·Ts)); only for cubic boxes.',
  },
} as const;

/**
 * 1.d Local resolution by ResMap's local-sinusoid test (vrs-spec §7.4, algorithms §3.4): the
 * likelihood-ratio sweep of core/kernels/localSinusoid on the half maps within the hard mask, the
 * original service's smoothing of ResMap's map, and the shared local-resolution reporting with the
 * percentile printed as '%4.0f' as the original does for this section.
 */
export const localSinusoidProtocol = defineProtocol({
  id: 'vrs.localSinusoidTest',
  version: '2',
  title: 'Local resolution (local sinusoid test, ResMap method)',
  description: 'Local-resolution map of the half maps by ResMap\'s likelihood-ratio test of local sinusoid models, and its report section 1.d.',
  execution: 'worker',
  costHint: 15,
  section: LOCAL_SINUSOID_SECTION,
  params: PARAMS,
  inputs: {
    coverage: coverageInput,
    ...halfMapInputs,
    mask: { kind: 'mask', description: 'The hard mask of the map (vrs.hardMask): the voxels tested, and where the noise variance is measured.' },
    map: viewMapInput,
  },
  outputs: localResolutionOutputs('Local resolution (Å) after the original\'s smoothing, at the voxels the test assigned; 0 elsewhere.'),
  async run(ctx) {
    const started = performance.now();
    const { resolution, threshold } = ctx.params;
    const { half1, half2, mask, map } = await halfMapsWithHardMask(ctx.inputs);
    const base = localResolutionBase(LOCAL_SINUSOID_SECTION, { summaryLabel: LOCAL_SINUSOID_LABEL, method: LOCAL_SINUSOID_METHOD, explanation: LOCAL_SINUSOID_EXPLANATION });
    const { failed } = sectionEnds(base);
    for (const [name, volume] of [['half map 1', half1], ['half map 2', half2]] as const) {
      const bad = firstNonFinite(volume);
      if (bad >= 0) return failed(`The ${name} has a NaN or infinite value (voxel ${bad}): the local test cannot be computed.`);
    }
    const vx = half1.voxelSize[0];
    if (!hasCubicVoxels(half1.voxelSize)) {
      return failed(`The local sinusoid test needs cubic voxels; the half maps have ${half1.voxelSize.join(' × ')} Å.`);
    }
    const maskVoxels = countMaskVoxels(mask.data);
    if (maskVoxels === 0) return failed('The hard mask is empty: there is no molecule to measure.');

    const cubic = half1.dims[1] === half1.dims[0] && half1.dims[2] === half1.dims[0];
    const preWhitening = ctx.params.preWhitening && cubic;
    let result: LocalSinusoidResult;
    let done = 0;
    try {
      result = localSinusoidTest(half1.data, half2.data, mask.data, half1.dims, {
        voxelSize: vx,
        pValue: ctx.params.pValue,
        ...(ctx.params.minResolution > 0 ? { minResolution: ctx.params.minResolution } : {}),
        ...(ctx.params.maxResolution > 0 ? { maxResolution: ctx.params.maxResolution } : {}),
        step: ctx.params.step,
        preWhitening,
        gaussianWeight: ctx.params.gaussianWeight,
        signal: ctx.signal,
        onResolution: (level) => {
          done++;
          ctx.progress(Math.min(0.85, 0.05 + 0.15 * done), `${level.resolution.toFixed(1)} Å`);
          ctx.logger.info('resolution', { resolution: level.resolution, active: level.activeVoxels, passed: level.passed, variance: level.variance, seconds: level.milliseconds / 1000 });
        },
      });
    } catch (error) {
      if (error instanceof LocalSinusoidFailure) return failed(`The local sinusoid test could not be run: ${error.message}.`, { maskVoxels });
      if (error instanceof RangeError && /resmapPreWhitening/.test(error.message)) {
        return failed(`ResMap's pre-whitening could not be fitted (${error.message.replace(/^resmapPreWhitening: /, '')}); run with preWhitening off to test the map as it is.`, { maskVoxels });
      }
      throw error;
    }
    const levels = result.levels;
    const tested = `${fixed1(result.minResolution)}–${fixed1(levels[levels.length - 1]!.resolution)} Å`;
    const metricsBase = {
      maskVoxels,
      evaluatedVoxels: result.evaluatedVoxels,
      pValue: ctx.params.pValue,
      gaussianWeight: ctx.params.gaussianWeight,
      resolutionsTested: levels.map((l) => l.resolution),
      stopReason: result.stopReason,
      preWhitening: result.preWhitening === null ? null : {
        elbowAngstrom: result.preWhitening.elbowAngstrom,
        coefficients: result.preWhitening.coefficients,
        elbowIndex: result.preWhitening.elbowIndex,
        startIndex: result.preWhitening.startIndex,
        bins: result.preWhitening.bins,
      },
      levels: levels.map((l) => ({
        resolution: l.resolution,
        windowHalfWidth: l.halfWidth,
        noiseVariance: l.variance,
        noiseBlocks: l.varianceBlocks,
        noiseBlockRule: l.varianceRule,
        undecidedVoxels: l.activeVoxels,
        eigenvaluesUsed: l.eigenvaluesUsed,
        statisticEvaluation: l.evaluation,
        uncorrectedThreshold: l.uncorrectedThreshold,
        fdrThreshold: Number.isFinite(l.fdrThreshold) ? l.fdrThreshold : null,
        passed: l.passed,
      })),
    };
    const post = resmapVrsPostProcess(result.resolution, half1.dims);
    if (post === null) {
      return failed(
        `No voxel of the mask passed the local sinusoid test at any tested resolution (${tested}): the test did not produce any result. `
        + 'ResMap tests by default only from 2.2 to 4 times the voxel size; a map whose resolution is coarser than that holds no significant local sinusoid in this range.',
        metricsBase,
      );
    }
    const display = half1.withData(post.smoothed);
    const published = new Float32Array(post.smoothed.length);
    for (let i = 0; i < published.length; i++) if (post.valid[i]) published[i] = post.smoothed[i]!;
    const summary = summarizeLocalResolution(post.smoothed, { mask: post.valid, reportedResolution: resolution })!;
    const values = localResolutionValues(post.smoothed, post.valid);

    ctx.progress(0.9, 'views');
    const range: [number, number] = [summary.percentiles.p2_5, summary.percentiles.p97_5];
    // Unmeasured: hard-mask voxels the test assigned no resolution (display holds the fill there).
    const unmeasured = findUnmeasured(post.valid, mask.data, (v) => v === 1);
    const views = threshold === undefined ? null : colouredViews(map, threshold, display, range, undefined, unmeasured);
    const report = localResolutionReport({
      resolution, summary, values, views, threshold, unmeasured,
      estimateMethod: 'Local sinusoid test (ResMap method) median local resolution',
      percentileFormat: '%4.0f',
    });
    const assignedPercent = (100 * post.validVoxels) / result.evaluatedVoxels;
    const fallback = levels.filter((l) => l.varianceRule === 'centred-in-mask').map((l) => fixed1(l.resolution));
    ctx.logger.info('timings', { totalSeconds: (performance.now() - started) / 1000, testSeconds: levels.reduce((t, l) => t + l.milliseconds, 0) / 1000 });
    const section: SectionResult = {
      ...base,
      references: [KUCUKELBIR_2014],
      status: report.status,
      warnings: report.warnings,
      metrics: {
        ...distributionMetrics(summary),
        assignedPercent,
        fillValue: post.fillValue,
        ...metricsBase,
      },
      results: [
        `The test assigned a local resolution to ${post.validVoxels} of the ${result.evaluatedVoxels} mask voxels it examined (${formatPrintf(assignedPercent, '%.1f')} %), testing ${tested}; the others are beyond the tested range or not significant.`,
        ...sameWindowResults(levels),
        ...finestLevelCaution(levels, result.evaluatedVoxels, vx),
        ...report.results,
      ],
      resolutionEstimates: report.resolutionEstimates,
      tables: [...report.tables, levelTable(result)],
      plots: report.plots,
      figures: report.figures,
      notes: [
        'Our implementation of ResMap\'s split-volume test, not the ResMap program the original service runs (a compiled ResMap, version not recorded). '
        + 'Followed from ResMap\'s public source (1.1.x): the window, basis and Gaussian weight (exp(−|u|²), as ResMap runs under Python 2), the noise variance from non-overlapping blocks of the half-map difference inside the mask, '
        + 'Ruben\'s weighted χ² with the eigenvalues above a tenth of the largest, the statistic summed over the same eigen-directions (ResMap\'s code sums all sixteen while its null keeps only these, which makes its test up to 15 % too permissive at the finest windows), Benjamini–Yekutieli over the undecided voxels, the 9-voxel margin at the box faces and the stopping rule. '
        + 'Not reproduced: ResMap\'s down-sampling of maps it judges low-pass filtered; '
        + 'the Benjamini–Yekutieli threshold and the χ² tail are computed exactly, where ResMap scans about 500 candidate thresholds with a tail accurate to 1e-5.',
        preWhiteningNote(result, half1.dims, ctx.params.preWhitening, cubic),
        ...(ctx.params.gaussianWeight === 'as-written'
          ? ['The window weight was exp(−|u|²/2), as ResMap\'s code reads under Python 3, not the exp(−|u|²) ResMap computes under Python 2: a wider window than ResMap\'s.']
          : []),
        ...(fallback.length > 0
          ? [`At ${fallback.join(', ')} Å no block of the window's size fits wholly inside the mask (ResMap would stop with an error there); the noise variance was taken from the blocks centred in the mask.`]
          : []),
        ...(result.stopReason === 'no-noise-block' ? ['The sweep stopped early: at the next resolution no block of the window\'s size is centred in the mask, so the noise variance could not be estimated.'] : []),
        ...report.notes,
      ],
    };
    ctx.progress(1, 'done');
    return {
      section: { kind: 'section', value: withPartialMask(section, await readCoverage(ctx.inputs), () => false), ...(views ? { files: views.files } : {}) },
      localResolution: { kind: 'volume', value: half1.withData(published) },
    };
  },
});

function preWhiteningNote(result: LocalSinusoidResult, dims: readonly number[], requested: boolean, cubic: boolean): string {
  const fit = result.preWhitening;
  if (fit === null) {
    return requested && !cubic
      ? `ResMap's pre-whitening was not applied: it needs a cubic box and the half maps are ${dims.join(' × ')} voxels. The noise is taken as it is.`
      : 'Pre-whitening was switched off: the noise is taken as it is (ResMap pre-whitens in split mode).';
  }
  const [c0, c1, c2] = fit.coefficients;
  return `As ResMap, the half-map average and difference were pre-whitened: the log-amplitude of the difference's spectrum beyond ${formatPrintf(fit.elbowAngstrom, '%.1f')} Å was fitted by ${formatPrintf(c0, '%.4g')} ${signed(c1)}·x ${signed(c2)}·x² (x: radial bin, ${fit.bins} bins to Nyquist) and divided out of both.`
    + (dims[0]! > 160 ? ' ResMap fits this ramp on the largest cube inside the particle for boxes over 160 voxels; here it was fitted on the whole box.' : '');
}

/**
 * Resolutions tested with one window size detect mostly the same voxels: once the first of them
 * has taken its voxels the next may take none, which reads like a gap in the map but is not.
 */
function sameWindowResults(levels: LocalSinusoidResult['levels']): string[] {
  const sentences: string[] = [];
  for (let i = 0; i < levels.length;) {
    let j = i;
    while (j + 1 < levels.length && levels[j + 1]!.halfWidth === levels[i]!.halfWidth) j++;
    if (j > i && levels.slice(i + 1, j + 1).some((l) => l.passed === 0) && levels[i]!.passed > 0) {
      const w = 2 * levels[i]!.halfWidth + 1;
      sentences.push(`Resolutions tested with the same window (here ${fixed1(levels[i]!.resolution)}–${fixed1(levels[j]!.resolution)} Å, ${w}³ voxels) mostly detect the same voxels, so a resolution after one that took many voxels can take none.`);
    }
    i = j + 1;
  }
  return sentences;
}

/**
 * ResMap's statistic keeps a good part of its response to density much coarser than the tested
 * resolution, so a finest level near Nyquist that takes many voxels usually marks strong smooth
 * density rather than detail at that resolution; the reader must know before trusting those values.
 */
function finestLevelCaution(levels: LocalSinusoidResult['levels'], evaluated: number, voxelSize: number): string[] {
  const first = levels[0];
  if (!first || evaluated === 0 || first.resolution > 2.4 * voxelSize) return [];
  const share = (100 * first.passed) / evaluated;
  if (share <= 10) return [];
  return [
    `The test assigned ${formatPrintf(share, '%.0f')} % of the voxels to its finest tested resolution (${fixed1(first.resolution)} Å, close to Nyquist). `
    + 'ResMap\'s statistic also responds to strong low-frequency density (its finest window keeps about 40 % of its peak response at twice its scale), so where the map holds little noise at low frequency, or has been low-pass filtered, these values mark smooth density, not local resolution.',
  ];
}

function signed(value: number): string {
  return `${value < 0 ? '−' : '+'} ${formatPrintf(Math.abs(value), '%.4g')}`;
}

function fixed1(value: number): string {
  return formatPrintf(value, '%.1f');
}

function levelTable(result: LocalSinusoidResult): SectionTable {
  return {
    id: 'tested_resolutions',
    caption: 'The tested resolutions: voxels still undecided, noise variance from the half-map difference, and voxels that passed the FDR-controlled test.',
    columns: [
      { key: 'resolution', label: 'Resolution', unit: 'Å', format: '%.1f' },
      { key: 'window', label: 'Window', unit: 'voxels' },
      { key: 'undecided', label: 'Undecided voxels' },
      { key: 'variance', label: 'Noise variance', format: '%.4g' },
      { key: 'passed', label: 'Passed' },
    ],
    rows: result.levels.map((l) => ({
      resolution: l.resolution,
      window: `${2 * l.halfWidth + 1}³`,
      undecided: l.activeVoxels,
      variance: l.variance,
      passed: l.passed,
    })),
  };
}
