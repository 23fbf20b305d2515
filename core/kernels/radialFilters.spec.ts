import { describe, expect, it } from 'vitest';
import { irfft3dSync, rfft3dSync } from '../fft/index.js';
import type { Vec3 } from '../volume/index.js';
import { applyRadialFilter } from './applyRadialFilter.js';
import { filterVolume } from './filterVolume.js';
import { gaussianBlur, gaussianLowPass, raisedCosineHighPass, raisedCosineLowPass, xmippRealGaussian } from './radialResponses.js';
import { maxAbsDifference, sampledGaussian } from './testing.js';

describe('radial filters', () => {
  it('a Gaussian blur of σ₁ turns a Gaussian of σ₀ into one of √(σ₀² + σ₁²), integral kept', async () => {
    const dims: Vec3 = [48, 40, 44];
    const c: Vec3 = [23.3, 19.6, 21.1];
    const blob = sampledGaussian(dims, c, 2);
    const out = await filterVolume(blob, gaussianBlur(1.5), { threads: 1 });
    // σ = 2.5; an unnormalised Gaussian keeps its integral, so the peak scales by (σ₀/σ)³
    const expected = sampledGaussian(dims, c, 2.5);
    expected.data.forEach((v, i) => (expected.data[i] = v * (2 / 2.5) ** 3));
    expect(maxAbsDifference(out.data, expected.data)).toBeLessThan(1e-6);
  });

  it('works in Å⁻¹ with the voxel size', async () => {
    const dims: Vec3 = [40, 40, 40];
    const c: Vec3 = [20, 20, 20];
    const blob = sampledGaussian(dims, c, 2, [2, 2, 2]); // σ₀ = 2 voxels = 4 Å
    const out = await filterVolume(blob, gaussianBlur(3), { physicalUnits: true, threads: 1 }); // 3 Å
    const expected = sampledGaussian(dims, c, 2.5); // 5 Å = 2.5 voxels
    expected.data.forEach((v, i) => (expected.data[i] = v * (4 / 5) ** 3));
    expect(maxAbsDifference(out.data, expected.data)).toBeLessThan(1e-6);
  });

  it('Xmipp real_gaussian σ is a blur of σ/√2 and a Gaussian low-pass of σ_f is a blur of 1/(2πσ_f)', () => {
    for (const f of [0, 0.1, 0.3, 0.5]) {
      expect(xmippRealGaussian(2)(f)).toBeCloseTo(gaussianBlur(Math.SQRT2)(f), 15);
      expect(gaussianLowPass(0.1)(f)).toBeCloseTo(gaussianBlur(1 / (2 * Math.PI * 0.1))(f), 15);
    }
  });

  it('raised-cosine shapes pass, roll off and stop where stated', () => {
    const lp = raisedCosineLowPass(0.25, 0.02);
    expect([lp(0), lp(0.25), lp(0.26), lp(0.27), lp(0.4)]).toEqual([1, 1, expect.closeTo(0.5, 12), 0, 0]);
    const hp = raisedCosineHighPass(0.2, 0.22);
    expect([hp(0.1), hp(0.2), hp(0.21), hp(0.22), hp(0.5)]).toEqual([0, 0, expect.closeTo(0.5, 12), 1, 1]);
  });

  it('a band-pass keeps exactly the plane wave inside the band', () => {
    const dims: Vec3 = [16, 12, 10];
    const n = dims[0] * dims[1] * dims[2];
    const data = new Float64Array(n);
    // cos at (kx, ky, kz) = (1, 0, 0) (|w| = 1/16) plus cos at (4, 3, 0) (|w| = √(0.25² + 0.25²) = 0.354)
    for (let z = 0, i = 0; z < dims[2]; z++)
      for (let y = 0; y < dims[1]; y++)
        for (let x = 0; x < dims[0]; x++, i++) data[i] = Math.cos((2 * Math.PI * x) / 16) + 0.5 * Math.cos(2 * Math.PI * ((4 * x) / 16 + (3 * y) / 12));
    const spectrum = rfft3dSync(data, dims);
    applyRadialFilter(spectrum, dims, (f) => (f > 0.3 && f < 0.4 ? 1 : 0));
    const out = irfft3dSync(spectrum, dims);
    let err = 0;
    for (let z = 0, i = 0; z < dims[2]; z++)
      for (let y = 0; y < dims[1]; y++)
        for (let x = 0; x < dims[0]; x++, i++) err = Math.max(err, Math.abs(out[i]! - 0.5 * Math.cos(2 * Math.PI * ((4 * x) / 16 + (3 * y) / 12))));
    expect(err).toBeLessThan(1e-12);
  });
});
