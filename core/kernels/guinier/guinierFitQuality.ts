import type { GuinierFit } from './fitGuinier.js';

/** How well the Guinier line fits the shells it was fitted to. */
export interface GuinierFitQuality {
  /** 1 − SS_res/SS_tot over the fitted shells; null with fewer than 3 shells or no spread. */
  rSquared: number | null;
  /** √(SS_res / n), in ln units; null without fitted shells. */
  rmsResidual: number | null;
  /** ln(mean |F|) minus the line, per fitted shell. */
  residuals: { x: number; residual: number }[];
}

/** The fit's coefficient of determination and residuals over the shells that entered it. */
export function guinierFitQuality(fit: Pick<GuinierFit, 'points' | 'slope' | 'intercept'>): GuinierFitQuality {
  const used = fit.points.filter((p) => p.fitted);
  const residuals = used.map((p) => ({ x: p.x, residual: p.lnF - (fit.slope * p.x + fit.intercept) }));
  if (used.length === 0) return { rSquared: null, rmsResidual: null, residuals };
  const ssRes = residuals.reduce((sum, r) => sum + r.residual * r.residual, 0);
  const mean = used.reduce((sum, p) => sum + p.lnF, 0) / used.length;
  const ssTot = used.reduce((sum, p) => sum + (p.lnF - mean) ** 2, 0);
  return {
    rSquared: used.length >= 3 && ssTot > 0 ? 1 - ssRes / ssTot : null,
    rmsResidual: Math.sqrt(ssRes / used.length),
    residuals,
  };
}
