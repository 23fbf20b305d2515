import { beforeAll, describe, expect, it } from 'vitest';
import { rfft3dSync } from '../../fft/index.js';
import { coneSpectrumPoints } from './coneSpectrumPoints.js';
import { directionalFscAnalysis, type DirectionalFscResult } from './directionalFscAnalysis.js';
import { fourierShellOccupancy, type FsoResult } from './fourierShellOccupancy.js';
import { starBodySphericity } from './fscSphericity.js';
import { coneNoiseHalves, expectedCrossing } from './testing/coneNoiseHalves.js';

// 64³ halves of 10 Å voxels (the 200 Å high-pass then spares shells 1–3, as on real boxes): signal
// amplitude exp(−(|w|/0.2)²), white noise of power σ² = 0.01, thirty times stronger within 35° of ±z.
const N = 64;
const TS = 10;
const W0 = 0.2;
const NOISE = 0.01;
const FACTOR = 30;
const CONE = 35;

function analyse(conePowerFactor: number, identical = false): { dfsc: DirectionalFscResult; fso: FsoResult } {
  const { half1, half2 } = coneNoiseHalves({ n: N, voxelSize: TS, seed: 11, w0: W0, noiseSd: Math.sqrt(NOISE), conePowerFactor, coneHalfAngle: CONE });
  const s1 = rfft3dSync(half1.data, half1.dims);
  const points = coneSpectrumPoints(s1, identical ? s1 : rfft3dSync(half2.data, half1.dims), half1.dims);
  return { dfsc: directionalFscAnalysis(points, TS), fso: fourierShellOccupancy(points, TS) };
}

/** Expected 0.143 resolution (Å) for a noise-power factor g². */
const expectedResolution = (g2: number) => TS / expectedCrossing(0.143, W0, NOISE * g2);
const near = (value: number | null, expected: number, tolerance: number) => {
  expect(value).not.toBeNull();
  expect(Math.abs(value! / expected - 1)).toBeLessThan(tolerance);
};

describe('directional FSC on halves with noise in a cone about z', () => {
  let anisotropic: { dfsc: DirectionalFscResult; fso: FsoResult };
  let isotropic: { dfsc: DirectionalFscResult; fso: FsoResult };
  beforeAll(() => {
    anisotropic = analyse(FACTOR);
    isotropic = analyse(1);
  });

  it('3DFSC family: Z worse, X ≈ Y, each near A²/(A² + σ²g²) = 0.143', () => {
    const { dfsc } = anisotropic;
    // 20° cones about x and y lie wholly outside the noisy 35° cone about z, the one about z wholly inside.
    near(dfsc.resolutionX, expectedResolution(1), 0.06);
    near(dfsc.resolutionY, expectedResolution(1), 0.06);
    near(dfsc.resolutionZ, expectedResolution(FACTOR), 0.06);
    expect(Math.abs(dfsc.resolutionX! / dfsc.resolutionY! - 1)).toBeLessThan(0.06);
    expect(dfsc.resolutionZ!).toBeGreaterThan(1.3 * Math.max(dfsc.resolutionX!, dfsc.resolutionY!));
    // The global FSC averages the noise power over the sphere: g² = 1 + (30 − 1)(1 − cos 35°).
    near(dfsc.resolutionGlobal, expectedResolution(1 + (FACTOR - 1) * (1 - Math.cos((CONE * Math.PI) / 180))), 0.04);
  });

  it('3DFSC family: the FSC ≥ 0.5 region is flattened along z, its sphericity clearly below a ball’s', () => {
    const { dfsc } = anisotropic;
    const meanRadius = (keep: (tilt: number) => boolean) => {
      const r = Array.from(dfsc.sphericityRadius).filter((_, d) => keep(dfsc.directions.tilt[d]!));
      return r.reduce((a, b) => a + b, 0) / r.length;
    };
    // Expected radii (shells): 0.5-crossing at N·w = 9.9 about z, 19.4 about the equator.
    const polar = meanRadius((t) => t <= 10);
    const equatorial = meanRadius((t) => t >= 80);
    expect(equatorial).toBeCloseTo(N * expectedCrossing(0.5, W0, NOISE), -0.5);
    expect(polar).toBeLessThan(0.7 * equatorial);
    expect(dfsc.sphericity).toBeLessThan(0.9);
    expect(isotropic.dfsc.sphericity).toBeGreaterThan(0.98);
  });

  it('3DFSC family: isotropic halves give X ≈ Y ≈ Z ≈ global at the analytic resolution', () => {
    const { dfsc } = isotropic;
    for (const r of [dfsc.resolutionX, dfsc.resolutionY, dfsc.resolutionZ]) near(r, expectedResolution(1), 0.06);
    near(dfsc.resolutionGlobal, expectedResolution(1), 0.03);
  });

  it('FSO: occupancy drops early and the passing directions are far from uniform', () => {
    // Shell 19 (index 18): expected FSC 0.55 off the cone, 0.04 inside it. Directions tilted ≤ 18°
    // (cone inside the noise) fail, those beyond 52° pass: FSO between cos 52° = 0.62 and 0.95.
    const shell = 18;
    expect(isotropic.fso.fso[shell]).toBeGreaterThanOrEqual(0.98);
    expect(anisotropic.fso.fso[shell]).toBeGreaterThan(0.62);
    expect(anisotropic.fso.fso[shell]).toBeLessThan(0.95);
    // Shells 18–21: all directions pass in the isotropic case (S = 0); the anisotropic case misses a
    // polar cap (from shell 16, where the z cone crosses, the cap grows), which makes S large.
    for (const s of [17, 18, 19, 20]) {
      expect(isotropic.fso.anisotropy[s]).toBeLessThan(0.01);
      expect(anisotropic.fso.anisotropy[s]).toBeGreaterThan(0.99);
    }
  });

  it('identical halves: FSC 1 in every cone, nothing crosses, the FSC ≥ 0.5 region is the whole ball', () => {
    const { dfsc, fso } = analyse(FACTOR, true);
    expect([dfsc.resolutionX, dfsc.resolutionY, dfsc.resolutionZ, dfsc.resolutionGlobal]).toEqual([null, null, null, null]);
    expect(dfsc.directionalResolution.every((r) => r === null)).toBe(true);
    for (const c of [dfsc.fscX, dfsc.fscY, dfsc.fscZ, dfsc.globalFsc]) for (const v of c) if (!Number.isNaN(v)) expect(v).toBeCloseTo(1, 12);
    expect(Array.from(dfsc.sphericityRadius).every((r) => r === N / 2)).toBe(true);
    expect(dfsc.sphericity).toBeCloseTo(starBodySphericity(() => 1).sphericity, 12);
    expect(Array.from(fso.fso).every((v) => v === 1)).toBe(true);
    expect(fso.directionalResolution.every((r) => r === null)).toBe(true);
  });
});
