import {
  applyBFactor,
  fitGuinier,
  formatPrintf,
  guinierFitQuality,
  guinierProfile,
  irfft3d,
  rfft3d,
  sliceFigure,
  type GuinierFit,
  type SectionResult,
  type Volume,
} from '../../../core/index.js';
import { ROSENTHAL_HENDERSON_2003 } from '../../shared/methodReferences.js';

const B_RANGE: [number, number] = [-300, 0];
/** Largest exponent of the correction gain exp(−B·s²/4) we apply; beyond it the gain overflows float64 sums. */
const MAX_GAIN_EXPONENT = 600;

const BASE = {
  id: '0.d',
  level: '0',
  title: 'B-factor analysis',
  summaryLabel: '0.d B-factor analysis',
  references: [ROSENTHAL_HENDERSON_2003],
  method: 'Guinier fit of the mean Fourier amplitude between 15 Å and the resolution (Xmipp volume_correct_bfactor --auto)',
  explanation:
    'The Guinier plot shows the logarithm of the mean amplitude of the Fourier transform of the map in shells of resolution d, against 1/d². Between 15 Å and the reported resolution it should follow a line whose slope a gives the global B-factor B = 4a; a typical map has B between −300 and 0 Å² (a slope magnitude between 0 and 75 Å²). The map corrected with this B-factor (sharpened) is shown and kept for the later analyses.',
  criteria: 'OK when the B-factor is in the range [−300, 0] Å².',
} as const;

/** One row of the Guinier table handed to later analyses (Level A map–model comparison). */
export interface GuinierRow {
  /** Å; null for the DC shell. */
  resolutionA: number | null;
  /** 1/d² (Å⁻²). */
  x: number;
  /** ln(mean |F|) of the map, Xmipp scale (forward transform divided by the voxel count). */
  lnF: number;
  /** Same as lnF (no FSC weighting in this fit). */
  weightedLnF: number;
  /** ln(mean |F|) of the corrected (sharpened) map; null when no corrected map was made. */
  correctedLnF: number | null;
  /** slope·x + intercept. */
  fittedLnF: number;
  /** The shell entered the fit. */
  fitted: boolean;
}

export interface GlobalBFactorResult {
  section: SectionResult;
  files: Record<string, Uint8Array>;
  sharpenedMap?: Volume;
  guinier?: { columns: { key: string; label: string; unit?: string }[]; rows: GuinierRow[]; fit: { slope: number; intercept: number; bFactor: number; resolution: number; fitLowResolution: number } };
}

export interface GlobalBFactorOptions {
  /** Reported resolution, Å. */
  resolution?: number;
  /** Low-resolution end of the fit, Å (default 15). */
  fitLowResolution?: number;
  /** Maps with a resolution worse than this (Å, default 8) are not analysed. */
  maxResolution?: number;
}

/**
 * 0.d B-factor analysis (vrs-spec §6.4, algorithms §2.7): Guinier profile of the whole map (Xmipp
 * shells and amplitude scale), line fit between 15 Å and R, B = 4·slope, correction of the
 * spectrum by exp(−B·s²/4) up to 1/R, the sharpened map and the profile of its spectrum
 * ("corrected"). Does not apply without a resolution or above 8 Å (example-report behaviour, §1).
 */
export async function globalBFactorAnalysis(map: Volume, opts: GlobalBFactorOptions = {}): Promise<GlobalBFactorResult> {
  const { resolution } = opts;
  const fitLowResolution = opts.fitLowResolution ?? 15;
  const maxResolution = opts.maxResolution ?? 8;
  const notApplicable = (reason: string): GlobalBFactorResult => ({ section: { ...BASE, status: 'not-applicable', reason, warnings: [], metrics: {} }, files: {} });
  if (resolution === undefined) return notApplicable('The resolution was not reported; the Guinier fit needs it as the high-resolution end of the fitted range.');
  if (resolution > maxResolution) {
    return notApplicable(`This method cannot be applied to maps with a resolution worse than ${maxResolution} Å (the reported resolution is ${resolution} Å).`);
  }
  const dims = map.dims;
  const ts = map.voxelSize;
  const notes: string[] = [];
  const nyquist = 2 * Math.max(...ts);
  if (resolution < nyquist) {
    notes.push(`The reported resolution ${resolution} Å is finer than the Nyquist limit of the map (${fmt(nyquist)} Å): the plot and the fit stop at the Nyquist limit.`);
  }
  const spectrum = await rfft3d(map.data, dims, { norm: 'forward' });
  const profile = guinierProfile(spectrum, dims, ts);
  let fit: GuinierFit;
  try {
    fit = fitGuinier(profile, { resolution, fitLowResolution });
  } catch (err) {
    if (!(err instanceof RangeError)) throw err;
    return {
      section: { ...BASE, status: 'failed', reason: `The Guinier line could not be fitted: ${err.message}.`, warnings: [], metrics: {}, notes },
      files: {},
    };
  }
  const { slope, intercept, bFactor } = fit;
  const gainExponent = (-0.25 * bFactor) / (resolution * resolution);
  let sharpenedMap: Volume | undefined;
  let corrected: Float64Array | undefined;
  if (gainExponent <= MAX_GAIN_EXPONENT) {
    applyBFactor(spectrum, dims, ts, bFactor, resolution);
    corrected = guinierProfile(spectrum, dims, ts).meanAmplitude;
    const real = await irfft3d(spectrum, dims, { norm: 'forward', overwriteInput: true });
    sharpenedMap = map.withData(Float32Array.from(real));
  } else {
    notes.push(`The correction by exp(−B·s²/4) would multiply amplitudes at ${resolution} Å by e^${Math.round(gainExponent)}: no sharpened map is made.`);
  }

  const rows: GuinierRow[] = fit.points.map((p) => {
    const mean = corrected?.[p.shell] ?? 0;
    return {
      resolutionA: Number.isFinite(p.resolution) ? p.resolution : null,
      x: p.x,
      lnF: p.lnF,
      weightedLnF: p.lnF,
      correctedLnF: corrected ? (mean > 0 ? Math.log(mean) : 0) : null,
      fittedLnF: slope * p.x + intercept,
      fitted: p.fitted,
    };
  });
  const plotted = rows.filter((row) => row.x > 0);
  const quality = guinierFitQuality(fit);
  const warnings: string[] = [];
  if (bFactor < B_RANGE[0] || bFactor > B_RANGE[1]) {
    warnings.push(`The B-factor is out of the interval [${B_RANGE[0]}, ${B_RANGE[1]}] Å².${bFactor > 0 ? ' It is oversharpened.' : ''}`);
  }
  const files: Record<string, Uint8Array> = {};
  const figures = [];
  if (sharpenedMap) {
    const slices = sliceFigure(sharpenedMap, { id: 'sharpened', kind: 'maxVariance', caption: 'Slices of maximum variance of the map corrected with the fitted B-factor (sharpened).' });
    figures.push(slices.figure);
    Object.assign(files, slices.files);
  }
  const section: SectionResult = {
    ...BASE,
    status: warnings.length === 0 ? 'ok' : 'warnings',
    warnings,
    metrics: {
      bFactor,
      slope,
      intercept,
      resolution,
      fitLowResolution,
      fittedShells: fit.fittedCount,
      fitRSquared: quality.rSquared,
      fitRmsResidual: quality.rmsResidual,
    },
    results: [
      `The estimated B-factor is ${f(bFactor, '%5.1f')} Å². The fitted line is ln(mean |F|) = ${f(slope, '%4.1f')}/d² + (${f(intercept, '%4.1f')}), with d the resolution in Å (${fit.fittedCount} shells between ${fitLowResolution} Å and ${resolution} Å; amplitudes on Xmipp's scale, the transform divided by the number of voxels).`,
      sharpenedMap ? 'The Guinier plot shows the map, the fitted line and the corrected map; the slices show the corrected map.' : 'The Guinier plot shows the map and the fitted line.',
      quality.rSquared === null
        ? 'Too few shells entered the fit to measure how well the line fits them.'
        : `The line explains R² = ${f(quality.rSquared, '%.3f')} of the variance of ln(mean |F|) over the fitted shells (RMS residual ${f(quality.rmsResidual!, '%.3f')}); the residual plot shows whether the fall-off is straight or curved.`,
    ],
    plots: [
      {
        id: 'guinier',
        caption: 'Guinier plot: logarithm of the mean Fourier amplitude against the squared inverse resolution (1/Å²).',
        kind: 'line',
        xLabel: '1/d² (Å⁻²)',
        yLabel: 'ln(mean |F|)',
        series: [
          { label: 'Map', x: plotted.map((r) => r.x), y: plotted.map((r) => r.lnF), style: 'line' },
          { label: 'Fitted line', x: plotted.map((r) => r.x), y: plotted.map((r) => r.fittedLnF), style: 'dashed' },
          ...(sharpenedMap ? [{ label: 'Corrected map', x: plotted.map((r) => r.x), y: plotted.map((r) => r.correctedLnF ?? Number.NaN), style: 'line' as const }] : []),
        ],
        vLines: [
          { x: 1 / (fitLowResolution * fitLowResolution), label: `${fitLowResolution} Å` },
          { x: 1 / (resolution * resolution), label: `${resolution} Å` },
        ],
      },
      {
        id: 'guinier_residuals',
        caption: 'Quality of the fit: ln(mean |F|) minus the fitted line over the fitted shells. Residuals scattered about 0 mean a straight fall-off; a bow means the line is a poor model there.',
        kind: 'scatter',
        xLabel: '1/d² (Å⁻²)',
        yLabel: 'Residual (ln units)',
        series: [{ label: 'Residual', x: quality.residuals.map((r) => r.x), y: quality.residuals.map((r) => r.residual), style: 'points' }],
        hLines: [{ y: 0 }],
      },
    ],
    figures,
    ...(notes.length > 0 ? { notes } : {}),
    ...(warnings.length > 0 ? { abstract: 'There seems to be a problem with its B-factor.' } : {}),
  };
  return {
    section,
    files,
    ...(sharpenedMap ? { sharpenedMap } : {}),
    guinier: {
      columns: [
        { key: 'resolutionA', label: 'Resolution', unit: 'Å' },
        { key: 'x', label: '1/d²', unit: 'Å⁻²' },
        { key: 'lnF', label: 'ln(mean |F|)' },
        { key: 'weightedLnF', label: 'Weighted ln(mean |F|)' },
        { key: 'correctedLnF', label: 'Corrected ln(mean |F|)' },
        { key: 'fittedLnF', label: 'Fitted line' },
        { key: 'fitted', label: 'In the fit' },
      ],
      rows,
      fit: { slope, intercept, bFactor, resolution, fitLowResolution },
    },
  };
}

function f(value: number, format: string): string {
  return formatPrintf(value, format).trim();
}

function fmt(value: number): string {
  return Number(value.toPrecision(4)).toString();
}
