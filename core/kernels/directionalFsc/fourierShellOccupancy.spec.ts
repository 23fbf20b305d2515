import { describe, expect, it } from 'vitest';
import { regularizedGammaP } from '../../stats/index.js';
import { directionBins, type ConeSpectrumPoints } from './coneSpectrumPoints.js';
import { fourierShellOccupancy, regularizedGammaP5, resolutionDistribution, xmippAnisotropy } from './fourierShellOccupancy.js';
import { hemisphereDirections } from './geodesicSphere.js';

/**
 * Hand-made points on a 20³ grid (Ts = 1 Å, shells 0…10): one point exactly on each of the six
 * axes of the icosahedron hemisphere (level 0; 63.4° apart, so each 17° cone holds only its own
 * point, with weight 1) at every shell 1…10, both powers 1 and the cross term chosen per axis:
 * each direction's FSC is then the cross term itself.
 */
function handPoints(cross: (axis: number, shell: number) => number): ConeSpectrumPoints {
  const axes = hemisphereDirections(0);
  const shell: number[] = [];
  const u: number[][] = [[], [], []];
  const c: number[] = [];
  for (let a = 0; a < axes.count; a++)
    for (let s = 1; s <= 10; s++) {
      shell.push(s);
      for (let k = 0; k < 3; k++) u[k]!.push(axes.vectors[3 * a + k]!);
      c.push(cross(a, s));
    }
  const count = shell.length;
  const packed = {
    dims: [20, 20, 20] as [number, number, number],
    shellCount: 11,
    shell: Int32Array.from(shell),
    ux: Float32Array.from(u[0]!),
    uy: Float32Array.from(u[1]!),
    uz: Float32Array.from(u[2]!),
    cross: Float64Array.from(c),
    power1: new Float64Array(count).fill(1),
    power2: new Float64Array(count).fill(1),
    count,
  };
  return { ...packed, bins: directionBins(packed) };
}

describe('fourierShellOccupancy', () => {
  // Axis 0 is the pole; 1…5 the ring at tilt 63.43°.
  // Pole: FSC 1 everywhere. Axis 1: 0.9 up to shell 7, then 0.1. Axes 2–5: 0.5 up to shell 6, then 0 (−0.3, clipped).
  const points = handPoints((a, s) => (a === 0 ? 1 : a === 1 ? (s <= 7 ? 0.9 : 0.1) : s <= 6 ? 0.5 : -0.3));
  const result = fourierShellOccupancy(points, 1, { sphereLevel: 0 });

  it('counts the passing directions per shell (shells 1–4 forced to 1)', () => {
    expect(Array.from(result.frequency)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10].map((i) => i / 20));
    expect(Array.from(result.passing)).toEqual([6, 6, 6, 6, 6, 6, 2, 1, 1, 1]);
    const fso = Array.from(result.fso);
    expect(fso.slice(0, 6)).toEqual([1, 1, 1, 1, 1, 1]);
    expect(fso[6]).toBeCloseTo(2 / 6, 15);
    expect(fso.slice(7)).toEqual([1 / 6, 1 / 6, 1 / 6]);
  });

  it('Bingham statistic and Xmipp’s anisotropy value by hand', () => {
    // Six icosahedron axes: Σ d dᵀ = 2·I, so T = I/3 and S = 0.
    for (let k = 0; k < 6; k++) expect(result.binghamStatistic[k]).toBeCloseTo(0, 10);
    // Pole and one ring axis (cos² = 1/5): tr T² = (2 + 2/5)/4 = 0.6, S = ½·3·5·(2·2)·(0.6 − 1/3) = 8.
    expect(result.binghamStatistic[6]).toBeCloseTo(8, 10);
    // The pole alone: tr T² = 1, S = ½·3·5·2·(2/3) = 10.
    expect(result.binghamStatistic[9]).toBeCloseTo(10, 10);
    // Xmipp's table entries 16 and 20 (gammainc(8, 5), gammainc(10, 5)).
    expect(result.anisotropy[6]).toBeCloseTo(0.90037, 5);
    expect(result.anisotropy[9]).toBeCloseTo(0.97075, 5);
    expect(result.anisotropy[0]).toBe(0);
  });

  it('directional resolution: Nx·Ts/i at the first shell i > 2 with FSC ≤ 0.143', () => {
    expect(result.directionalResolution).toEqual([null, 20 / 8, 20 / 7, 20 / 7, 20 / 7, 20 / 7]);
  });

  it('resolution distribution: cone-weighted mean of the directional resolutions', () => {
    const samples = resolutionDistribution(result.directions, result.directionalResolution, 17, 1);
    // At the pole only the pole's cone reaches, and the pole has no resolution: omitted.
    expect(samples.find((s) => s.rot === 0 && s.tilt === 0)).toBeUndefined();
    // Ring axis 2 sits at (rot 108°, tilt 63.43°); at (108, 63) only its own cone reaches.
    const near = samples.find((s) => s.rot === 108 && s.tilt === 63)!;
    expect(near.resolution).toBeCloseTo(20 / 7, 12);
    // Half-way between two ring axes no 17° cone reaches: no sample.
    expect(samples.find((s) => s.rot === 72 && s.tilt === 90)).toBeUndefined();
  });

  it('P(5, x) against Xmipp’s table and core/stats regularizedGammaP', () => {
    const table: [number, number][] = [[1, 0.00017212], [5, 0.10882], [10, 0.55951], [17, 0.92564], [30, 0.99914], [40, 0.99998]];
    for (const [index, value] of table) {
      expect(regularizedGammaP5(index / 2)).toBeCloseTo(value, 5);
      expect(xmippAnisotropy(index / 2)).toBeCloseTo(value, 5);
    }
    for (const x of [0.3, 2.5, 7.1, 19]) expect(regularizedGammaP5(x)).toBeCloseTo(regularizedGammaP(5, x), 12);
    // round(2S) is clipped to 40.
    expect(xmippAnisotropy(1000)).toBe(regularizedGammaP5(20));
  });
});
