import { leastSquaresLine } from '../../stats/index.js';
import type { GuinierProfile } from './guinierProfile.js';

export interface GuinierFitOptions {
  /** Reported resolution R in Å: shells finer than R are left out of the plot and the fit. */
  resolution: number;
  /** Coarsest resolution used by the fit, Å (Xmipp fit_minres, default 15). */
  fitLowResolution?: number;
}

/** One point of the Guinier plot (a shell with resolution ≥ R). */
export interface GuinierPoint {
  shell: number;
  /** Å; Infinity for the DC shell. */
  resolution: number;
  /** 1/d² in Å⁻² (0 for the DC shell). */
  x: number;
  /** ln(mean |F|); 0 for an empty shell (Xmipp). */
  lnF: number;
  /** The point entered the line fit. */
  fitted: boolean;
}

export interface GuinierFit {
  points: GuinierPoint[];
  /** y = slope·x + intercept over the fitted points (Å², ln units). */
  slope: number;
  intercept: number;
  /** B = 4·slope (Å²): negative for a decaying spectrum (VRS sign convention). */
  bFactor: number;
  fittedCount: number;
}

/**
 * The Guinier fit of Xmipp `volume_correct_bfactor --auto` (algorithms §2.7 steps 3–5): keep the
 * shells with d ≥ R, fit ln(mean|F|) = slope/d² + intercept by least squares over the non-empty
 * shells with fitLowResolution ≥ d ≥ R, and report B = 4·slope. Throws a RangeError when fewer than
 * two shells fall in the fit range (the caller reports "could not be measured").
 */
export function fitGuinier(profile: GuinierProfile, opts: GuinierFitOptions): GuinierFit {
  const { resolution } = opts;
  const low = opts.fitLowResolution ?? 15;
  if (!(resolution > 0)) throw new RangeError(`fitGuinier: resolution must be positive, got ${resolution}`);
  const points: GuinierPoint[] = [];
  for (let i = 0; i < profile.resolution.length; i++) {
    const d = profile.resolution[i]!;
    if (d < resolution) continue;
    const mean = profile.meanAmplitude[i]!;
    const lnF = mean > 0 ? Math.log(mean) : 0;
    const fitted = d <= low && d >= resolution && profile.count[i]! > 0 && mean > 0;
    points.push({ shell: i, resolution: d, x: i === 0 ? 0 : 1 / (d * d), lnF, fitted });
  }
  const fittedCount = points.filter((p) => p.fitted).length;
  if (fittedCount < 2) {
    const inRange = points.filter((p) => p.resolution <= low && p.resolution >= resolution).length;
    throw new RangeError(
      inRange < 2
        ? `only ${inRange} Fourier shell(s) lie between ${low} Å and ${resolution} Å; the Guinier line needs at least two`
        : `only ${fittedCount} of the ${inRange} Fourier shells between ${low} Å and ${resolution} Å have a non-zero mean amplitude; the Guinier line needs at least two`,
    );
  }
  const line = leastSquaresLine(
    points.map((p) => p.x),
    points.map((p) => p.lnF),
    points.map((p) => (p.fitted ? 1 : 0)),
  );
  return { points, slope: line.slope, intercept: line.intercept, bFactor: 4 * line.slope, fittedCount };
}
