import {
  firstCrossing,
  fitFscLogistic,
  fscFromSpectra,
  originalSsnrAxisFactor,
  rfft3d,
  ssnrFromSpectra,
  type ResolutionEstimate,
  type SectionPlot,
  type SectionResult,
  type Volume,
} from '../../../core/index.js';
import { failedAnalysis, finiteOrNull, fixed2, FREQUENCY_AXIS_LABEL, halfMapGridMetrics, halfMapsProblem, nonCubicVoxelNotes, particularlyHighWarning, reportedResolutionLines, reportedResolutionResults, toResolution } from './halfMapChecks.js';
import type { HalfMapAnalysisOptions } from '../../shared/halfMapDeclarations.js';
import { FRANK_1981, HARAUZ_VAN_HEEL_1986, ROSENTHAL_HENDERSON_2003, SORZANO_2017, UNSER_1987 } from '../../shared/methodReferences.js';

export const FSC_THRESHOLD = 0.143;
/**
 * The original compares the DPR with 102.9° in its code but prints and draws 103.9° (vrs-spec
 * §19 B9); one value is used for both here, the one the reader sees.
 */
export const DPR_THRESHOLD = 103.9;

const BASE = {
  id: '1.a',
  level: '1',
  title: 'Global resolution',
  summaryLabel: '1.a Global resolution (FSC, DPR, SSNR)',
  references: [HARAUZ_VAN_HEEL_1986, ROSENTHAL_HENDERSON_2003, FRANK_1981, UNSER_1987, SORZANO_2017],
  method:
    'Fourier shell correlation and differential phase residual of the two unmasked half maps in Xmipp resolution_fsc shells, spectral signal-to-noise ratio of their half sum and half difference (the original service’s computation, on the physical frequency axis)',
  explanation:
    'The two half maps are reconstructed from independent halves of the particles, so what they share is signal and what differs is noise. The Fourier shell correlation (FSC) measures their agreement shell by shell in Fourier space; the resolution is where it falls below 0.143. The differential phase residual (DPR) is the amplitude-weighted root mean square phase difference between the halves; the resolution is where it exceeds 103.9°. That threshold is the DPR of unrelated phases (180°/√3 ≈ 103.9°), so the DPR crossing marks where the halves’ phases have become random — usually well beyond the FSC 0.143 resolution, and noisy, since the curve meets the threshold on its plateau; it is not a resolution of the same kind (the common DPR criterion is 45°). The spectral signal-to-noise ratio (SSNR) compares the amplitudes of the half-map average with those of the half-map difference; the resolution is where log10(SSNR) falls below 0. A logistic curve fitted to the FSC tells up to which resolution the FSC stays above 0.9 (information well preserved); the measured FSC’s own 0.9 crossing is given beside it. The halves are compared without a mask, as the original service does, so the values are conservative for a molecule in a large box.',
  criteria: 'The validation is OK if the reported resolution is not finer than 80% of each of the FSC, DPR and SSNR resolutions.',
} as const;

export type GlobalResolutionOptions = HalfMapAnalysisOptions;

/**
 * 1.a Global resolution (vrs-spec §7.1, algorithms §3.1): FSC and DPR in Xmipp's shells, the
 * 0.143, 0.5 and 103.9° crossings (the VRS first-crossing rule), the FSC logistic and its 0.9
 * crossing (none without a 0.5 crossing, B11), and the SSNR of (H1+H2)/2 against (H1−H2)/2 on the
 * physical frequency axis k/(N·Ts) (the original's axis k·2·Ts/N is bug B10; its value is kept in
 * the metrics for comparison). Both half spectra are computed once and shared by all curves.
 */
export async function globalResolutionAnalysis(half1: Volume, half2: Volume, opts: GlobalResolutionOptions = {}): Promise<SectionResult> {
  const progress = opts.onProgress ?? (() => {});
  const problem = halfMapsProblem(half1, half2);
  if (problem !== null) return failedAnalysis(BASE, problem);
  const dims = half1.dims;
  const ts = half1.voxelSize[0];
  const notes = nonCubicVoxelNotes(half1, ', as Xmipp does');

  progress(0.05, 'Fourier transforms');
  const fftOptions = opts.threads !== undefined ? { threads: opts.threads } : {};
  const spectrum1 = await rfft3d(half1.data, dims, fftOptions);
  const spectrum2 = await rfft3d(half2.data, dims, fftOptions);
  progress(0.6, 'FSC, DPR and SSNR');
  const curves = fscFromSpectra(spectrum1, spectrum2, dims, ts);
  const ssnr = ssnrFromSpectra(spectrum1, spectrum2, dims, ts);

  const f = curves.frequency;
  const fFsc = firstCrossing(f, curves.fsc, FSC_THRESHOLD, 'lesser');
  const f05 = firstCrossing(f, curves.fsc, 0.5, 'lesser');
  const fDpr = firstCrossing(f, curves.dpr, DPR_THRESHOLD, 'greater');
  const fSsnr = firstCrossing(ssnr.frequency, ssnr.logSsnr, 0, 'lesser');
  progress(0.8, 'logistic fit');
  const logistic = fitFscLogistic(f, curves.fsc, f05);
  const fsc90 = logistic?.f90 ?? null;
  const f90Measured = firstCrossing(f, curves.fsc, 0.9, 'lesser');
  const fscResolution = toResolution(fFsc);
  const fsc05Resolution = toResolution(f05);
  const dprResolution = toResolution(fDpr);
  const ssnrResolution = toResolution(fSsnr);
  const fsc90Resolution = toResolution(fsc90);
  const fsc90MeasuredResolution = toResolution(f90Measured);

  const available: { name: string; method: string; value: number }[] = [];
  if (fscResolution !== null) available.push({ name: 'FSC', method: 'FSC 0.143', value: fscResolution });
  if (dprResolution !== null) available.push({ name: 'DPR', method: `DPR ${DPR_THRESHOLD}°`, value: dprResolution });
  if (ssnrResolution !== null) available.push({ name: 'SSNR', method: 'SSNR', value: ssnrResolution });
  const values = available.map((e) => e.value);
  const meanResolution = values.length > 0 ? values.reduce((a, b) => a + b, 0) / values.length : null;
  const resolutionInterval = values.length > 0 ? [Math.min(...values), Math.max(...values)] : null;

  const warnings: string[] = [];
  const reported = opts.resolution;
  if (reported !== undefined) {
    for (const estimate of available) {
      const warning = particularlyHighWarning(reported, estimate);
      if (warning !== null) warnings.push(warning);
    }
  } else notes.push('No resolution was reported: the criteria cannot be evaluated (vrs-spec §19 B24).');
  if (reported !== undefined && available.length === 0) notes.push('None of the curves crosses its threshold: there is no estimate to compare the reported resolution with.');
  const identical = half1.data.every((v, i) => v === half2.data[i]);
  if (identical) notes.push('The two half maps are identical: the FSC is 1 and the noise (their difference) is zero at every frequency, so no curve crosses its threshold. Half maps must come from independent reconstructions.');
  notes.push(`The DPR threshold is ${DPR_THRESHOLD}°, the value the original service prints and draws; its code compares with 102.9° (vrs-spec §19 B9).`);
  const originalSsnr = ssnrResolution !== null ? ssnrResolution / originalSsnrAxisFactor(ts) : null;
  notes.push(
    `The SSNR curve is drawn against the physical frequency k/(N·Ts). The original service used k·2·Ts/N (vrs-spec §19 B10), which divides its SSNR resolution by 2·Ts² = ${Number(originalSsnrAxisFactor(ts).toPrecision(4))}${originalSsnr !== null ? ` (it would have printed ${fixed2(originalSsnr)} Å)` : ''}.`,
  );

  const describe = (value: number | null, what: string) => (value !== null ? `${fixed2(value)} Å` : `not available: ${what}`);
  const results = [
    `Resolution by FSC (0.143): ${describe(fscResolution, 'the FSC does not cross the threshold')}. Resolution by DPR (${DPR_THRESHOLD}°): ${describe(dprResolution, 'the DPR does not cross the threshold')}. Resolution by SSNR (log10 SSNR = 0): ${describe(ssnrResolution, 'the SSNR does not cross the threshold')}.`,
    meanResolution !== null && resolutionInterval !== null
      ? `The mean of the ${values.length} available resolution${values.length === 1 ? '' : 's'} is ${fixed2(meanResolution)} Å, within [${fixed2(resolutionInterval[0]!)}, ${fixed2(resolutionInterval[1]!)}] Å.`
      : 'None of the three curves crosses its threshold: the global resolution could not be estimated.',
    fsc90Resolution !== null
      ? `Information well preserved: the fitted FSC stays above 0.9 up to ${fixed2(fsc90Resolution)} Å (the measured FSC first falls below 0.9 at ${fsc90MeasuredResolution !== null ? `${fixed2(fsc90MeasuredResolution)} Å` : 'no frequency'}, and to 0.5 at ${fixed2(fsc05Resolution!)} Å).`
      : f05 === null
        ? 'The FSC does not fall below 0.5: the logistic model of the FSC was not fitted.'
        : 'The logistic fitted to the FSC does not fall below 0.9 within the measured frequencies.',
  ];
  results.push(...reportedResolutionResults(reported));

  const plots = resolutionPlots(curves.frequency, curves.fsc, curves.dpr, logistic?.fitted ?? null, ssnr.frequency, ssnr.logSsnr, reported);
  const resolutionEstimates: ResolutionEstimate[] = available.map((e) => ({ method: e.method, value: e.value }));
  const status: SectionResult['status'] = reported === undefined || available.length === 0 ? 'no-criteria' : warnings.length > 0 ? 'warnings' : 'ok';
  progress(1, 'done');
  return {
    ...BASE,
    status,
    warnings,
    metrics: {
      fscResolution,
      fsc05Resolution,
      dprResolution,
      ssnrResolution,
      fsc90Resolution,
      fsc90MeasuredResolution,
      meanResolution,
      resolutionInterval,
      dprThreshold: DPR_THRESHOLD,
      fscThreshold: FSC_THRESHOLD,
      ssnrResolutionOriginalAxis: originalSsnr,
      logistic: logistic ? { ...logistic.params, converged: logistic.converged, sumOfSquares: logistic.sumOfSquares } : null,
      curve: { frequency: Array.from(curves.frequency), fsc: finiteOrNull(curves.fsc), dpr: finiteOrNull(curves.dpr) },
      ssnrCurve: { frequency: Array.from(ssnr.frequency), logSsnr: finiteOrNull(ssnr.logSsnr) },
      ...halfMapGridMetrics(reported, half1),
    },
    results,
    plots,
    resolutionEstimates,
    notes,
  };
}

function resolutionPlots(
  frequency: Float64Array, fsc: Float64Array, dpr: Float64Array, fitted: Float64Array | null,
  ssnrFrequency: Float64Array, logSsnr: Float64Array, reported: number | undefined,
): SectionPlot[] {
  const x = Array.from(frequency);
  const ssnrShown = finitePoints(ssnrFrequency, logSsnr);
  const vLines = reportedResolutionLines(reported);
  const xLabel = FREQUENCY_AXIS_LABEL;
  // The original drops the DPR's last two shells from its plot: the corner shells near Nyquist are
  // few points, and the DPR there is noise (the crossing itself uses every shell).
  const dprShown = Math.max(0, x.length - 2);
  return [
    {
      id: 'fsc',
      caption: 'Fourier shell correlation between the half maps, the 0.143 threshold and the logistic fitted to the FSC.',
      kind: 'line',
      xLabel,
      yLabel: 'FSC',
      series: [
        { label: 'FSC', ...finitePoints(frequency, fsc), style: 'line' },
        ...(fitted ? [{ label: 'Fitted logistic', ...finitePoints(frequency, fitted), style: 'dashed' as const }] : []),
      ],
      hLines: [{ y: FSC_THRESHOLD, label: '0.143' }],
      vLines,
    },
    {
      id: 'dpr',
      caption: `Differential phase residual between the half maps (degrees) and the ${DPR_THRESHOLD}° threshold (the last two shells are not drawn).`,
      kind: 'line',
      xLabel,
      yLabel: 'DPR (°)',
      series: [{ label: 'DPR', ...finitePoints(frequency.subarray(0, dprShown), dpr.subarray(0, dprShown)), style: 'line' }],
      hLines: [{ y: DPR_THRESHOLD, label: `${DPR_THRESHOLD}°` }],
      vLines,
    },
    {
      id: 'ssnr',
      caption: `log10 of the spectral signal-to-noise ratio (mean amplitude ratio of half sum and half difference, minus 1) and the 0 threshold${ssnrShown.x.length < ssnrFrequency.length ? `; ${ssnrFrequency.length - ssnrShown.x.length} shells without a finite logarithm (a ratio at most 1, or no noise at all) are not drawn` : ''}.`,
      kind: 'line',
      xLabel,
      yLabel: 'log10(SSNR)',
      series: [{ label: 'log10 SSNR', ...ssnrShown, style: 'line' }],
      hLines: [{ y: 0, label: '0' }],
      vLines,
    },
  ];
}

/** The points of a curve that have a value: JSON holds no NaN, and a shell without a value is not drawn. */
function finitePoints(x: ArrayLike<number>, y: ArrayLike<number>): { x: number[]; y: number[] } {
  const xs: number[] = [];
  const ys: number[] = [];
  for (let i = 0; i < y.length; i++) {
    if (Number.isFinite(y[i]!) && Number.isFinite(x[i]!)) {
      xs.push(x[i]!);
      ys.push(y[i]!);
    }
  }
  return { x: xs, y: ys };
}
