import { describe, expect, it } from 'vitest';
import { guinierFitQuality } from './guinierFitQuality.js';

const point = (x: number, lnF: number, fitted = true) => ({ shell: 0, resolution: 1 / Math.sqrt(x), x, lnF, fitted });

describe('guinierFitQuality', () => {
  it('R² and RMS residual by hand: three shells about y = 0.5x + 1', () => {
    // Predicted 1.5, 2, 2.5; residuals −0.5, 1, −0.5: SS_res 1.5; mean 2, SS_tot 2 → R² 0.25; RMS √0.5.
    const q = guinierFitQuality({ points: [point(1, 1), point(2, 3), point(3, 2), point(9, 40, false)], slope: 0.5, intercept: 1 });
    expect(q.rSquared).toBeCloseTo(0.25, 12);
    expect(q.rmsResidual).toBeCloseTo(Math.sqrt(0.5), 12);
    expect(q.residuals).toEqual([{ x: 1, residual: -0.5 }, { x: 2, residual: 1 }, { x: 3, residual: -0.5 }]);
  });

  it('a perfect line gives R² = 1; too few shells give no R²', () => {
    expect(guinierFitQuality({ points: [point(1, 3), point(2, 5), point(4, 9)], slope: 2, intercept: 1 }).rSquared).toBe(1);
    expect(guinierFitQuality({ points: [point(1, 3), point(2, 5)], slope: 2, intercept: 1 }).rSquared).toBeNull();
    expect(guinierFitQuality({ points: [], slope: 2, intercept: 1 })).toEqual({ rSquared: null, rmsResidual: null, residuals: [] });
  });
});
