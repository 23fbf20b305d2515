import { describe, expect, it } from 'vitest';
import { bFactorDecayMap, fitGuinier, guinierProfile, rfft3d, Volume, type Vec3 } from '../../../core/index.js';
import { globalBFactorAnalysis } from './globalBFactorAnalysis.js';

/**
 * bFactorDecayMap gives |F(s)| = c·exp(−B·s²/4) at every frequency and unit variance in real space.
 * With Xmipp's forward scaling (÷N), Parseval says Σ_k |F_k|² = mean(x²) = 1 over the full grid, so
 * c = 1/√(Σ_{k≠0} exp(−B·s_k²/2)): the Guinier line must reach ln c at 1/d² = 0.
 */
function expectedIntercept(dims: Vec3, ts: number, b: number): number {
  const freq = (k: number, n: number) => (k <= n / 2 ? k : k - n) / (n * ts);
  let sum = 0;
  for (let z = 0; z < dims[2]; z++)
    for (let y = 0; y < dims[1]; y++)
      for (let x = 0; x < dims[0]; x++) {
        if (x === 0 && y === 0 && z === 0) continue;
        const s2 = freq(x, dims[0]) ** 2 + freq(y, dims[1]) ** 2 + freq(z, dims[2]) ** 2;
        sum += Math.exp((-b * s2) / 2);
      }
  return -0.5 * Math.log(sum);
}

describe('0.d global B-factor', () => {
  const dims: Vec3 = [64, 64, 64];

  it('a map whose amplitudes decay with B = 100 Å²: B = −100 (±1 %), the intercept on Xmipp scale, a flat sharpened map', async () => {
    const { volume } = bFactorDecayMap(dims, 1, 100, { seed: 2 });
    const result = await globalBFactorAnalysis(volume, { resolution: 3 });
    const m = result.section.metrics as Record<string, number>;
    // the shell mean averages exp(−B s²/4) over a shell one frequency step wide: the slope moves by < 1 %
    expect(m['bFactor']).toBeGreaterThan(-101);
    expect(m['bFactor']).toBeLessThan(-99);
    expect(m['bFactor']).toBeCloseTo(4 * m['slope']!, 12);
    expect(m['intercept']).toBeCloseTo(expectedIntercept(dims, 1, 100), 1);
    expect(result.section.status).toBe('ok');
    expect(result.section.abstract).toBeUndefined();
    expect(result.section.results?.[0]).toMatch(/^The estimated B-factor is -(99\.\d|100\.\d) Å²\. The fitted line is ln\(mean \|F\|\) = -2\d\.\d\/d² \+ \(/);
    // the sharpened map has a flat spectrum up to R (refit on shells wholly below 1/R)
    const sharpened = result.sharpenedMap!;
    const refit = fitGuinier(guinierProfile(await rfft3d(sharpened.data, dims), dims, [1, 1, 1]), { resolution: 3.3 });
    expect(Math.abs(refit.bFactor)).toBeLessThan(2);
    // the table: every shell with d ≥ 3 Å, the fitted ones between 15 and 3 Å, corrected ≈ flat
    const rows = result.guinier!.rows;
    expect(rows[0]!.resolutionA).toBeNull();
    expect(rows.filter((r) => r.fitted).every((r) => r.resolutionA! <= 15 && r.resolutionA! >= 3)).toBe(true);
    expect(rows.every((r) => r.resolutionA === null || r.resolutionA >= 3)).toBe(true);
    const plot = result.section.plots![0]!;
    expect(plot.series.map((s) => s.label)).toEqual(['Map', 'Fitted line', 'Corrected map']);
    // A pure exponential decay is a straight Guinier line: R² close to 1, residuals of the fitted shells plotted.
    expect(m['fitRSquared']).toBeGreaterThan(0.99);
    const residuals = result.section.plots!.find((p) => p.id === 'guinier_residuals')!;
    expect(residuals.series[0]!.x).toHaveLength(rows.filter((r) => r.fitted).length);
    rows.filter((r) => r.fitted).forEach((r, k) => expect(residuals.series[0]!.y[k]).toBeCloseTo(r.lnF - r.fittedLnF, 12));
    expect(result.section.figures![0]!.panels.map((p) => p.caption)[0]).toMatch(/^X slice \d+$/);
  });

  it('an anisotropic, non-cubic map: B from spatial frequencies', async () => {
    const { volume } = bFactorDecayMap([48, 56, 40], [1.1, 0.9, 1.3], 120, { seed: 3 });
    const result = await globalBFactorAnalysis(volume, { resolution: 4 });
    expect(result.section.metrics['bFactor']).toBeGreaterThan(-121.2);
    expect(result.section.metrics['bFactor']).toBeLessThan(-118.8);
  });

  it('B outside [−300, 0]: a warning, "oversharpened" when B > 0', async () => {
    const steep = await globalBFactorAnalysis(bFactorDecayMap(dims, 1, 400, { seed: 4 }).volume, { resolution: 3 });
    expect(steep.section.status).toBe('warnings');
    expect(steep.section.warnings).toEqual(['The B-factor is out of the interval [-300, 0] Å².']);
    expect(steep.section.abstract).toBe('There seems to be a problem with its B-factor.');
    const rising = await globalBFactorAnalysis(bFactorDecayMap(dims, 1, -50, { seed: 5 }).volume, { resolution: 3 });
    expect(rising.section.metrics['bFactor']).toBeCloseTo(50, -0.5);
    expect(rising.section.warnings).toEqual(['The B-factor is out of the interval [-300, 0] Å². It is oversharpened.']);
  });

  it('does not apply without a resolution or above 8 Å; notes a resolution finer than Nyquist; a map of zeros cannot be fitted', async () => {
    const { volume } = bFactorDecayMap([32, 32, 32], 1, 50, { seed: 6 });
    const none = await globalBFactorAnalysis(volume, {});
    expect(none.section.status).toBe('not-applicable');
    expect(none.section.reason).toMatch(/resolution was not reported/);
    const coarse = await globalBFactorAnalysis(volume, { resolution: 8.5 });
    expect(coarse.section.status).toBe('not-applicable');
    expect(coarse.section.reason).toBe('This method cannot be applied to maps with a resolution worse than 8 Å (the reported resolution is 8.5 Å).');
    expect(coarse.sharpenedMap).toBeUndefined();
    const fine = await globalBFactorAnalysis(volume, { resolution: 1.5 });
    expect(fine.section.status).toBe('ok');
    expect(fine.section.notes?.[0]).toMatch(/finer than the Nyquist limit of the map \(2 Å\)/);
    const zeros = await globalBFactorAnalysis(Volume.zeros([32, 32, 32]), { resolution: 4 });
    expect(zeros.section.status).toBe('failed');
    // a 32 Å box has shells 32/i Å: i = 3…8 (10.7 … 4 Å) lie in [4, 15], six of them, all empty
    expect(zeros.section.reason).toContain('only 0 of the 6 Fourier shells between 15 Å and 4 Å have a non-zero mean amplitude');
  });
});
