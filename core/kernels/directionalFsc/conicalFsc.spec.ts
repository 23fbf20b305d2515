import { describe, expect, it } from 'vitest';
import { rfft3dSync } from '../../fft/index.js';
import { SeededRandom } from '../../stats/index.js';
import type { Vec3 } from '../../volume/index.js';
import { fscFromSpectra } from '../fsc/fourierShellCorrelation.js';
import { coneSpectrumPoints } from './coneSpectrumPoints.js';
import { coneFscCurve, conicalFsc, type ConeOptions } from './conicalFsc.js';
import { directionsFromVectors, hemisphereDirections } from './geodesicSphere.js';

function noise(dims: Vec3, seed: number): Float32Array {
  const random = new SeededRandom(seed);
  return Float32Array.from({ length: dims[0] * dims[1] * dims[2] }, () => random.normal());
}

/** h + scale·(independent noise). */
function plusNoise(h: Float32Array, dims: Vec3, seed: number, scale = 1): Float32Array {
  const extra = noise(dims, seed);
  return Float32Array.from(h, (v, i) => v + scale * extra[i]!);
}

function digital(i: number, n: number): number {
  return i <= Math.floor(n / 2) ? i / n : (i - n) / n;
}

/**
 * A single cone about d over the FULL spectrum, every coefficient a plain triple sum over the voxels
 * (no FFT, no half spectrum, no Friedel bookkeeping): the definition the kernel must reproduce.
 */
function bruteForceCone(h1: Float32Array, h2: Float32Array, n: number, d: [number, number, number], options: ConeOptions): Float64Array {
  const shells = Math.floor(n / 2) + 1;
  const num = new Float64Array(shells);
  const den1 = new Float64Array(shells);
  const den2 = new Float64Array(shells);
  const cosLimit = Math.cos((options.halfAngle * Math.PI) / 180);
  for (let kz = 0; kz < n; kz++)
    for (let ky = 0; ky < n; ky++)
      for (let kx = 0; kx < n; kx++) {
        const w = [digital(kx, n), digital(ky, n), digital(kz, n)];
        const norm = Math.hypot(w[0]!, w[1]!, w[2]!);
        if (norm === 0 || norm > 0.5) continue;
        const c = (w[0]! * d[0] + w[1]! * d[1] + w[2]! * d[2]) / norm;
        if (c < cosLimit) continue;
        const g = options.weighting === 'gaussian' ? Math.exp((-(c - 1) * (c - 1) * 4) / (cosLimit - 1) ** 2) : 1;
        const s = Math.round(norm * n);
        let r1 = 0;
        let i1 = 0;
        let r2 = 0;
        let i2 = 0;
        for (let z = 0; z < n; z++)
          for (let y = 0; y < n; y++)
            for (let x = 0; x < n; x++) {
              const phase = (-2 * Math.PI * (kx * x + ky * y + kz * z)) / n;
              const cos = Math.cos(phase);
              const sin = Math.sin(phase);
              const v = x + n * (y + n * z);
              r1 += h1[v]! * cos;
              i1 += h1[v]! * sin;
              r2 += h2[v]! * cos;
              i2 += h2[v]! * sin;
            }
        num[s]! += g * (r1 * r2 + i1 * i2);
        den1[s]! += g * (r1 * r1 + i1 * i1);
        den2[s]! += g * (r2 * r2 + i2 * i2);
      }
  return Float64Array.from(num, (v, s) => (den1[s]! * den2[s]! > 0 ? v / Math.sqrt(den1[s]! * den2[s]!) : Number.NaN));
}

describe('conicalFsc', () => {
  it('a cone over the whole sphere is the plain shell FSC (core/kernels/fsc), bit for bit', () => {
    for (const dims of [[24, 24, 24], [17, 20, 22]] as Vec3[]) {
      const h1 = noise(dims, 1);
      const h2 = plusNoise(h1, dims, 2, 0.7);
      const s1 = rfft3dSync(h1, dims);
      const s2 = rfft3dSync(h2, dims);
      const plain = fscFromSpectra(s1, s2, dims, 1.3);
      const points = coneSpectrumPoints(s1, s2, dims, { pairsOnce: false });
      const sums = conicalFsc(points, directionsFromVectors([[0.3, -0.2, 0.9]]), { halfAngle: 90, weighting: 'uniform' });
      const cone = coneFscCurve(sums, 0);
      expect(Array.from(cone.slice(1))).toEqual(Array.from(plain.fsc));
      expect(Array.from(sums.weight.slice(1))).toEqual(Array.from(plain.count));
    }
  });

  it('double cones over the half spectrum equal single cones over the full spectrum by triple-sum DFT (11³)', () => {
    const n = 11;
    const dims: Vec3 = [n, n, n];
    const h1 = noise(dims, 3);
    const h2 = plusNoise(h1, dims, 4);
    const points = coneSpectrumPoints(rfft3dSync(h1, dims), rfft3dSync(h2, dims), dims);
    const axes: [number, number, number][] = [[0, 0, 1], [1, 0, 0], [0.48, -0.6, 0.64]];
    for (const options of [{ halfAngle: 30, weighting: 'uniform' }, { halfAngle: 40, weighting: 'gaussian' }] as ConeOptions[]) {
      const sums = conicalFsc(points, directionsFromVectors(axes), options);
      axes.forEach((axis, d) => {
        const expected = bruteForceCone(h1, h2, n, axis, options);
        const got = coneFscCurve(sums, d);
        for (let s = 1; s < expected.length; s++) {
          if (Number.isNaN(expected[s]!)) expect(got[s]).toBeNaN();
          // The kernel keeps unit vectors in float32 (as Xmipp): the Gaussian weights move by ~1e-7.
          else expect(got[s]).toBeCloseTo(expected[s]!, options.weighting === 'uniform' ? 10 : 6);
        }
      });
    }
  });

  it('binning by direction changes nothing: narrow cones equal a scan of every point', () => {
    const dims: Vec3 = [20, 20, 20];
    const h1 = noise(dims, 5);
    const h2 = plusNoise(h1, dims, 6);
    const points = coneSpectrumPoints(rfft3dSync(h1, dims), rfft3dSync(h2, dims), dims);
    const dirs = hemisphereDirections(2);
    const sums = conicalFsc(points, dirs, { halfAngle: 17, weighting: 'gaussian' });
    const cosLimit = Math.cos((17 * Math.PI) / 180);
    for (let d = 0; d < dirs.count; d += 7) {
      const num = new Float64Array(points.shellCount);
      for (let p = 0; p < points.count; p++) {
        const c = Math.abs(dirs.vectors[3 * d]! * points.ux[p]! + dirs.vectors[3 * d + 1]! * points.uy[p]! + dirs.vectors[3 * d + 2]! * points.uz[p]!);
        if (c >= cosLimit) num[points.shell[p]!]! += Math.exp((-(c - 1) * (c - 1) * 4) / (cosLimit - 1) ** 2) * points.cross[p]!;
      }
      for (let s = 0; s < points.shellCount; s++) expect(sums.num[d * points.shellCount + s]).toBeCloseTo(num[s]!, 8);
    }
  });

  it('identical halves: every cone FSC is 1 (or undefined where a cone holds no point)', () => {
    const dims: Vec3 = [32, 32, 32];
    const h = noise(dims, 7);
    const spectrum = rfft3dSync(h, dims);
    const points = coneSpectrumPoints(spectrum, spectrum, dims);
    const dirs = hemisphereDirections(3);
    const sums = conicalFsc(points, dirs, { halfAngle: 20, weighting: 'uniform' });
    let defined = 0;
    for (let d = 0; d < dirs.count; d++) {
      const curve = coneFscCurve(sums, d);
      for (let s = 1; s < curve.length; s++) {
        if (Number.isNaN(curve[s]!)) continue;
        defined++;
        expect(curve[s]).toBeCloseTo(1, 12);
      }
      // From shell 3 on a 20° cone always holds points.
      for (let s = 3; s < curve.length; s++) expect(curve[s]).not.toBeNaN();
    }
    expect(defined).toBeGreaterThan(321 * 13);
  });

  it('rejects spectra of another grid and a non-positive angle', () => {
    const dims: Vec3 = [8, 8, 8];
    const s = rfft3dSync(noise(dims, 8), dims);
    expect(() => coneSpectrumPoints(s, s.subarray(2), dims)).toThrow(/8×8×8/);
    const points = coneSpectrumPoints(s, s, dims);
    expect(() => conicalFsc(points, hemisphereDirections(0), { halfAngle: 0, weighting: 'uniform' })).toThrow(/half-angle/);
  });
});
