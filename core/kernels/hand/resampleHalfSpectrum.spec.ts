import { describe, expect, it } from 'vitest';
import { irfft3dSync, rfft3dSync } from '../../fft/index.js';
import { raisedCosineLowPass } from '../index.js';
import type { Vec3 } from '../../volume/index.js';
import { fftFriendlySize } from './fftFriendlySize.js';
import { resampleHalfSpectrum } from './resampleHalfSpectrum.js';

/** exp(−|p − c|²/(2σ²)) at the voxel centres of a grid (σ, c in Å). */
function gaussian(dims: Vec3, voxel: Vec3, centre: Vec3, sigma: number): Float64Array {
  const out = new Float64Array(dims[0] * dims[1] * dims[2]);
  for (let z = 0, i = 0; z < dims[2]; z++)
    for (let y = 0; y < dims[1]; y++)
      for (let x = 0; x < dims[0]; x++, i++) {
        const r2 = (x * voxel[0] - centre[0]) ** 2 + (y * voxel[1] - centre[1]) ** 2 + (z * voxel[2] - centre[2]) ** 2;
        out[i] = Math.exp(-r2 / (2 * sigma * sigma));
      }
  return out;
}

describe('resampleHalfSpectrum', () => {
  it('moves a band-limited map to a finer and a coarser grid over the same box (Gaussian blob sampled analytically)', () => {
    // σ = 3.5 Å: its spectrum exp(−2π²σ²f²) is below 3e-7 beyond 0.25 Å⁻¹ (inside every Nyquist
    // used here) and its tails are below 1e-8 at the box edges.
    const dims: Vec3 = [40, 36, 38];
    const voxel: Vec3 = [1.3, 1.5, 1.2];
    const centre: Vec3 = [26.1, 27.3, 22.9];
    const spec = rfft3dSync(gaussian(dims, voxel, centre, 3.5), dims);
    for (const newDims of [[52, 54, 46], [32, 30, 30]] as Vec3[]) {
      const out = irfft3dSync(resampleHalfSpectrum(spec, dims, voxel, newDims, () => 1, 0.25), newDims);
      const newVoxel = newDims.map((m, k) => (dims[k]! * voxel[k]!) / m) as Vec3;
      const expected = gaussian(newDims, newVoxel, centre, 3.5);
      let err = 0;
      for (let i = 0; i < out.length; i++) err = Math.max(err, Math.abs(out[i]! - expected[i]!));
      expect(err).toBeLessThan(1e-5);
    }
  });

  it('applies the response: a Gaussian blur of σ_b turns σ into √(σ² + σ_b²) (amplitude (σ/σ′)³)', () => {
    const dims: Vec3 = [32, 32, 32];
    const voxel: Vec3 = [1.2, 1.2, 1.2];
    const centre: Vec3 = [18, 19, 20];
    const spec = rfft3dSync(gaussian(dims, voxel, centre, 2.5), dims);
    const blur = (f: number) => Math.exp(-2 * Math.PI * Math.PI * 4 * f * f); // σ_b = 2 Å
    const newDims: Vec3 = [40, 40, 40];
    const out = irfft3dSync(resampleHalfSpectrum(spec, dims, voxel, newDims, blur, 0.4), newDims);
    const sigma = Math.hypot(2.5, 2);
    const expected = gaussian(newDims, [0.96, 0.96, 0.96], centre, sigma);
    const amplitude = (2.5 / sigma) ** 3;
    let err = 0;
    for (let i = 0; i < out.length; i++) err = Math.max(err, Math.abs(out[i]! - amplitude * expected[i]!));
    expect(err).toBeLessThan(1e-6);
  });

  it('drops everything beyond fMax (a raised-cosine low-pass leaves no energy above its end)', () => {
    const dims: Vec3 = [20, 20, 20];
    const data = Float64Array.from({ length: 8000 }, (_, i) => Math.sin(i * 1.7) + ((i * 7919) % 13) / 13);
    const spec = rfft3dSync(data, dims);
    const out = resampleHalfSpectrum(spec, dims, [1, 1, 1], [24, 24, 24], raisedCosineLowPass(0.2, 0.05), 0.25);
    const [hx, ny, nz] = [13, 24, 24];
    for (let kz = 0; kz < nz; kz++)
      for (let ky = 0; ky < ny; ky++)
        for (let kx = 0; kx < hx; kx++) {
          const f = Math.hypot(kx / 20, (ky <= 12 ? ky : ky - 24) / 20, (kz <= 12 ? kz : kz - 24) / 20);
          const p = 2 * ((kz * ny + ky) * hx + kx);
          if (f > 0.25) expect(Math.abs(out[p]!) + Math.abs(out[p + 1]!)).toBe(0);
        }
  });

  it('refuses an fMax that reaches the Nyquist frequency of either grid', () => {
    const spec = rfft3dSync(new Float64Array(1000), [10, 10, 10]);
    expect(() => resampleHalfSpectrum(spec, [10, 10, 10], [1, 1, 1], [20, 20, 20], () => 1, 0.5)).toThrow(/Nyquist/);
    expect(() => resampleHalfSpectrum(spec, [10, 10, 10], [1, 1, 1], [6, 6, 6], () => 1, 0.3)).toThrow(/Nyquist/);
  });
});

describe('fftFriendlySize', () => {
  it('gives the next 5-smooth size', () => {
    expect([1, 7, 11, 97, 100, 121, 221, 295].map(fftFriendlySize)).toEqual([1, 8, 12, 100, 100, 125, 225, 300]);
    expect(() => fftFriendlySize(0)).toThrow(RangeError);
  });
});
