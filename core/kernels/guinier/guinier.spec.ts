import { describe, expect, it } from 'vitest';
import { irfft3dSync, rfft3dSync } from '../../fft/index.js';
import { bFactorDecayMap } from '../../phantom/index.js';
import { SeededRandom } from '../../stats/index.js';
import { Volume, type Vec3 } from '../../volume/index.js';
import { radialProfile, shellIndex } from '../shellIndex.js';
import { applyBFactor } from './applyBFactor.js';
import { fitGuinier } from './fitGuinier.js';
import { guinierProfile } from './guinierProfile.js';

function spectrumOf(volume: Volume): Float64Array {
  return rfft3dSync(volume.data, volume.dims);
}

describe('guinierProfile', () => {
  it('equals Xmipp digital shells (shellIndex + radialProfile) for isotropic voxels, any box shape', () => {
    const rnd = new SeededRandom(3);
    for (const dims of [[16, 16, 16], [15, 12, 10], [9, 14, 11]] as Vec3[]) {
      const v = Volume.zeros(dims, [1.3, 1.3, 1.3]);
      for (let i = 0; i < v.size; i++) v.data[i] = rnd.normal();
      const F = spectrumOf(v);
      const ours = guinierProfile(F, dims, v.voxelSize);
      const xmipp = radialProfile(F, shellIndex(dims));
      expect(ours.meanAmplitude.length).toBe(xmipp.mean.length);
      ours.meanAmplitude.forEach((m, i) => expect(m).toBeCloseTo(xmipp.mean[i]!, 10));
      ours.count.forEach((c, i) => expect(c).toBe(xmipp.count[i]));
      expect(ours.resolution[2]).toBeCloseTo((dims[0] * 1.3) / 2, 12);
    }
  });
});

describe('fitGuinier', () => {
  // bFactorDecayMap has |F(s)| = c·exp(−B s²/4) exactly at every frequency, so ln|F| = −B/4 · s² + ln c
  // and the VRS B = 4·slope = −B. The shell mean averages exp(−B s²/4) over a shell one frequency step
  // wide; the spread of s² within a shell changes the slope by O(B·Δs²) (< 0.5 % here).
  it.each([
    { dims: [64, 64, 64] as Vec3, ts: [1, 1, 1] as Vec3, b: 80, r: 3 },
    { dims: [60, 50, 56] as Vec3, ts: [1.2, 1.2, 1.2] as Vec3, b: 150, r: 4 },
    { dims: [48, 56, 40] as Vec3, ts: [1.1, 0.9, 1.3] as Vec3, b: 120, r: 4 },
  ])('recovers B = −$b Å² from a map with that decay ($dims, voxel $ts)', ({ dims, ts, b, r }) => {
    const { volume } = bFactorDecayMap(dims, ts, b, { seed: 5 });
    const fit = fitGuinier(guinierProfile(spectrumOf(volume), dims, ts), { resolution: r });
    expect(fit.bFactor).toBeGreaterThan(-b * 1.01);
    expect(fit.bFactor).toBeLessThan(-b * 0.99);
    expect(fit.bFactor).toBeCloseTo(4 * fit.slope, 12);
    // every fitted point lies in [R, 15] Å, every point at d ≥ R
    for (const p of fit.points) {
      expect(p.resolution).toBeGreaterThanOrEqual(r);
      if (p.fitted) expect(p.resolution).toBeLessThanOrEqual(15);
    }
  });

  it('refuses a fit range with fewer than two shells', () => {
    const { volume } = bFactorDecayMap([12, 12, 12], 1, 50, { seed: 1 });
    const profile = guinierProfile(spectrumOf(volume), [12, 12, 12], [1, 1, 1]);
    // shells of a 12 Å box: 12, 6, 4, 3, 2.4, 2 Å; only 12 Å lies in [8, 15]
    expect(() => fitGuinier(profile, { resolution: 8 })).toThrow(/only 1 Fourier shell/);
  });

  it('says so when the shells are there but their amplitude is zero (a blank map)', () => {
    const dims: [number, number, number] = [32, 32, 32];
    const profile = guinierProfile(spectrumOf(Volume.zeros(dims, [1.5, 1.5, 1.5])), dims, [1.5, 1.5, 1.5]);
    // a 48 Å box has shells 48/i Å: i = 4…12 (12 … 4 Å) lie in [4, 15], nine of them
    expect(() => fitGuinier(profile, { resolution: 4 })).toThrow('only 0 of the 9 Fourier shells between 15 Å and 4 Å have a non-zero mean amplitude');
  });
});

describe('applyBFactor', () => {
  it('with the fitted B, flattens the spectrum up to R and leaves finer frequencies unchanged', () => {
    const dims: Vec3 = [40, 40, 40];
    const { volume } = bFactorDecayMap(dims, 1, 100, { seed: 9 });
    const F = spectrumOf(volume);
    const before = guinierProfile(F, dims, [1, 1, 1]);
    const fit = fitGuinier(before, { resolution: 3 });
    const corrected = applyBFactor(F.slice(), dims, [1, 1, 1], fit.bFactor, 3);
    const after = guinierProfile(corrected, dims, [1, 1, 1]);
    // Refit on shells lying wholly below 1/R (shell 13, d = 3.08 Å, straddles 1/3 Å⁻¹ and is only
    // partly corrected, as in Xmipp): d ≥ 3.3 Å keeps shells ≤ 12, whose points all have |s|·40 < 12.5.
    const refit = fitGuinier(after, { resolution: 3.3 });
    expect(Math.abs(refit.bFactor)).toBeLessThan(1.5); // from −100 to ≈ 0
    // shells finer than 3 Å (shell 14 of 40: 2.86 Å) keep their amplitude
    for (let i = 14; i < before.count.length; i++) expect(after.meanAmplitude[i]).toBeCloseTo(before.meanAmplitude[i]!, 10);
    // the correction is a real, Hermitian-symmetric gain: the corrected map is real and finite
    const map = irfft3dSync(corrected, dims);
    expect(map.every(Number.isFinite)).toBe(true);
  });
});
