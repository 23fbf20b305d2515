import { describe, expect, it } from 'vitest';
import { rfft3dSync } from '../fft/index.js';
import { maskExtent } from './maskExtent.js';
import { sampledGaussian } from './testing.js';
import { threshold } from './threshold.js';
import { radialProfile, shellIndex, shellSums } from './shellIndex.js';

describe('Xmipp Fourier shells', () => {
  it('counts the 4³ half spectrum by hand', () => {
    // digital frequencies per axis {0, ¼, ½, −¼} (x: {0, ¼, ½}); shell = round(4|w|), |w|² ≤ ¼ only.
    // shell 0: DC. shell 1 (|w| ∈ [⅛, ⅜)): one axis at ±¼ → 5 points, two axes at ±¼ (|w| = 0.354) → 8.
    // shell 2: three axes at ±¼ (|w| = 0.433) → 4, one axis at ½ → 3. The other 27 points are beyond ½.
    const s = shellIndex([4, 4, 4]);
    expect(s.count).toBe(3);
    const ones = new Float64Array(s.index.length).fill(1);
    expect(Array.from(shellSums(ones, s).count)).toEqual([1, 13, 7]);
    expect(s.index.filter((i) => i < 0).length).toBe(27);
  });

  it('rounds half away from zero and uses Nx for every axis', () => {
    // nx = 5, ny = 10: point (0, 1, 0) has |w| = 0.1 → 5·0.1 = 0.5 → shell 1
    const s = shellIndex([5, 10, 3]);
    const hx = 3;
    expect(s.index[(0 * 10 + 1) * hx + 0]).toBe(1);
  });

  it('puts a plane wave in its shell with amplitude N/2', () => {
    const dims: [number, number, number] = [16, 16, 16];
    const data = new Float64Array(16 ** 3);
    for (let z = 0, i = 0; z < 16; z++) for (let y = 0; y < 16; y++) for (let x = 0; x < 16; x++, i++) data[i] = Math.cos((2 * Math.PI * 3 * y) / 16);
    const sh = shellIndex(dims);
    const prof = radialProfile(rfft3dSync(data, dims), sh);
    // bins (0, ±3, 0) both stored (y is a full axis), |F| = 16³/2 each, shell 3
    prof.mean.forEach((m, s) => (s === 3 ? expect(m * prof.count[3]!).toBeCloseTo(2 * 2048, 6) : expect(m).toBeLessThan(1e-9)));
  });

  it('gives a Gaussian blob the Gaussian radial profile (2π)^{3/2}σ³·exp(−2π²σ²|w|²)', () => {
    const dims: [number, number, number] = [32, 32, 32];
    const sigma = 2;
    const blob = sampledGaussian(dims, [16, 16, 16], sigma);
    const sh = shellIndex(dims);
    const prof = radialProfile(rfft3dSync(blob.data, dims), sh);
    // expected: the analytic |F| averaged over the points of each shell (membership checked above)
    const sum = new Float64Array(sh.count);
    const hx = 17;
    for (let p = 0; p < sh.index.length; p++) {
      const s = sh.index[p]!;
      if (s < 0) continue;
      const kx = p % hx;
      const ky = Math.floor(p / hx) % 32;
      const kz = Math.floor(p / (hx * 32));
      const w2 = (kx / 32) ** 2 + ((ky <= 16 ? ky : ky - 32) / 32) ** 2 + ((kz <= 16 ? kz : kz - 32) / 32) ** 2;
      sum[s]! += (2 * Math.PI) ** 1.5 * sigma ** 3 * Math.exp(-2 * Math.PI ** 2 * sigma ** 2 * w2);
    }
    for (let s = 0; s < 8; s++) expect(prof.mean[s]! / (sum[s]! / prof.count[s]!)).toBeCloseTo(1, 5);
    // and its extent at exp(−2) (r ≤ 2σ = 4 voxels): planes 12..20 on every axis
    expect(maskExtent(threshold(blob, Math.exp(-2) - 1e-6))).toEqual({ first: [12, 12, 12], last: [20, 20, 20] });
  });
});
