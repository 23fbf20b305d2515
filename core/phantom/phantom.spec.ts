import { describe, expect, it } from 'vitest';
import { irfft3dSync, rfft3dSync } from '../fft/index.js';
import { applyRadialFilter, connectedComponents, radialProfile, shellIndex, threshold } from '../kernels/index.js';
import { leastSquaresLine, standardDeviation } from '../stats/index.js';
import type { Vec3 } from '../volume/index.js';
import { bFactorDecayMap } from './bFactorDecayMap.js';
import { gaussianBlob } from './gaussianBlob.js';
import { mirror } from './mirror.js';
import { phantomMap } from './phantomMap.js';
import { planeWave } from './planeWave.js';
import { pointMassSpectrum } from './pointMassSpectrum.js';

describe('pointMassSpectrum', () => {
  it('renders a point mass blurred by B as a Gaussian of variance B/(8π²) per axis', () => {
    const dims: Vec3 = [48, 44, 40];
    const ts: Vec3 = [0.5, 0.5, 0.5]; // Nyquist 1 Å⁻¹: exp(−B/4) = e⁻²⁰ at B = 80, nothing lost
    const r: Vec3 = [11.3, 10.85, 9.6];
    const B = 80;
    const spec = pointMassSpectrum([{ position: r, weight: 6 }], dims, ts, [0, 0, 0], 10);
    applyRadialFilter(spec, dims, (s) => Math.exp((-B * s * s) / 4), { voxelSize: ts });
    const map = irfft3dSync(spec, dims);
    const s2 = B / (8 * Math.PI * Math.PI);
    const norm = 6 / (2 * Math.PI * s2) ** 1.5;
    let err = 0;
    for (let z = 0, i = 0; z < dims[2]; z++)
      for (let y = 0; y < dims[1]; y++)
        for (let x = 0; x < dims[0]; x++, i++) {
          const d2 = (x * 0.5 - r[0]) ** 2 + (y * 0.5 - r[1]) ** 2 + (z * 0.5 - r[2]) ** 2;
          err = Math.max(err, Math.abs(map[i]! - norm * Math.exp(-d2 / (2 * s2))));
        }
    expect(err / norm).toBeLessThan(1e-9);
  });
});

describe('phantomMap', () => {
  it('is deterministic per seed and looks like a map: positive density on a zero-mean background', () => {
    const a = phantomMap();
    const b = phantomMap();
    const c = phantomMap({ seed: 2 });
    expect(Array.from(a.volume.data.subarray(0, 5000))).toEqual(Array.from(b.volume.data.subarray(0, 5000)));
    expect(a.volume.data[123456]).not.toBe(c.volume.data[123456]);
    expect(a.volume.dims).toEqual([64, 64, 64]);
    expect(a.volume.voxelSize).toEqual([1.2, 1.2, 1.2]);
    expect(a.truth.atoms.length).toBe(4 * 14 * 5);
    let s = 0;
    let max = -Infinity;
    a.truth.signal.data.forEach((v) => ((s += v), (max = Math.max(max, v))));
    expect(Math.abs(s / a.truth.signal.size)).toBeLessThan(1e-6 * max);
    // the density peaks on the bundle: the maximum lies within 3 Å of some atom
    let imax = 0;
    a.truth.signal.data.forEach((v, i) => v > a.truth.signal.data[imax]! && (imax = i));
    const p = [imax % 64, Math.floor(imax / 64) % 64, Math.floor(imax / 4096)].map((j) => j * 1.2);
    const nearest = Math.min(...a.truth.atoms.map((t) => Math.hypot(t.position[0] - p[0]!, t.position[1] - p[1]!, t.position[2] - p[2]!)));
    expect(nearest).toBeLessThan(3);
  });

  it('adds white noise of the stated SNR', () => {
    const { volume, truth } = phantomMap({ snr: 2 });
    const noise = volume.data.map((v, i) => v - truth.signal.data[i]!);
    expect(standardDeviation(noise)).toBeCloseTo(truth.noiseSigma, 3);
    expect(truth.signalVariance / truth.noiseSigma ** 2).toBeCloseTo(2, 10);
    const clean = phantomMap({ snr: Infinity });
    expect(clean.truth.noiseSigma).toBe(0);
    expect(Array.from(clean.volume.data.subarray(0, 1000))).toEqual(Array.from(clean.truth.signal.data.subarray(0, 1000)));
  });

  it('gives one dominant component at the suggested threshold', () => {
    const { volume, truth } = phantomMap();
    const cc = connectedComponents(threshold(volume, truth.suggestedThreshold));
    const sizes = cc.sizes.slice(1).sort((x, y) => y - x);
    expect(sizes[0]! / sizes.reduce((x, y) => x + y, 0)).toBeGreaterThan(0.9);
    expect(sizes[0]! * 1.2 ** 3).toBeGreaterThan(2000); // Å³: the bundle, not a speck
  });

  it('refuses a resolution beyond Nyquist', () => {
    expect(() => phantomMap({ resolution: 2 })).toThrow(RangeError);
  });
});

describe('bFactorDecayMap', () => {
  it('has Fourier amplitudes exactly ∝ exp(−B s²/4) and a Guinier slope of −B/4', () => {
    const dims: Vec3 = [48, 48, 48];
    const ts = 1.5;
    const B = 120;
    const { volume } = bFactorDecayMap(dims, ts, B, { seed: 3 });
    expect(standardDeviation(volume.data)).toBeCloseTo(1, 5);
    const F = rfft3dSync(volume.data, dims);
    // |F(k)| / exp(−B s²/4) is the same constant at every non-DC bin (up to the float32 storage
    // of the map, ~1e-7 of the largest amplitudes: checked where the decay is below e⁻⁶)
    const ratio: number[] = [];
    for (const [kx, ky, kz] of [[1, 0, 0], [0, 5, 0], [3, 47, 2], [24, 0, 12], [10, 7, 30]] as Vec3[]) {
      const w = [kx / 48, (ky <= 24 ? ky : ky - 48) / 48, (kz <= 24 ? kz : kz - 48) / 48];
      const s2 = (w[0]! ** 2 + w[1]! ** 2 + w[2]! ** 2) / ts ** 2;
      const p = 2 * ((kz * 48 + ky) * 25 + kx);
      ratio.push(Math.hypot(F[p]!, F[p + 1]!) / Math.exp((-B * s2) / 4));
    }
    ratio.forEach((r) => expect(r / ratio[0]!).toBeCloseTo(1, 4));
    // VRS-style Guinier: ln(mean |F|) per Xmipp shell against s² between 15 Å and 4 Å
    const shells = shellIndex(dims);
    const prof = radialProfile(F, shells);
    const x: number[] = [];
    const y: number[] = [];
    for (let i = 1; i < shells.count; i++) {
      const res = (48 * ts) / i;
      if (res <= 15 && res >= 4) {
        x.push(1 / res ** 2);
        y.push(Math.log(prof.mean[i]!));
      }
    }
    expect((-4 * leastSquaresLine(x, y).slope) / B).toBeCloseTo(1, 2);
  });
});

describe('analytic test volumes', () => {
  it('gaussianBlob peaks at its centre with the right width', () => {
    const g = gaussianBlob([21, 21, 21], [10, 10, 10], 2, { amplitude: 3 });
    expect(g.get(10, 10, 10)).toBeCloseTo(3, 6);
    expect(g.get(12, 10, 10)).toBeCloseTo(3 * Math.exp(-0.5), 6);
    let s = 0;
    g.data.forEach((v) => (s += v));
    expect(s).toBeCloseTo(3 * (2 * Math.PI) ** 1.5 * 8, 3);
  });

  it('planeWave has a single pair of Fourier coefficients', () => {
    const dims: Vec3 = [12, 10, 8];
    const F = rfft3dSync(planeWave(dims, [2, -3, 1], { amplitude: 2, phase: 0.4 }).data, dims);
    // bin (2, −3 mod 10, 1) holds A·N/2·e^{iφ}
    const p = 2 * ((1 * 10 + 7) * 7 + 2);
    expect(F[p]).toBeCloseTo(960 * Math.cos(0.4), 3);
    expect(F[p + 1]).toBeCloseTo(960 * Math.sin(0.4), 3);
    let other = 0;
    for (let q = 0; q < F.length; q += 2) if (q !== p) other = Math.max(other, Math.hypot(F[q]!, F[q + 1]!));
    expect(other).toBeLessThan(1e-3);
  });

  it('mirror flips one axis and is its own inverse', () => {
    const v = gaussianBlob([7, 6, 5], [1, 2, 3], 1.3);
    const m = mirror(v, 'x');
    expect(m.get(6 - 1, 2, 3)).toBe(v.get(1, 2, 3));
    expect(mirror(v, 'z').get(1, 2, 4 - 3)).toBe(v.get(1, 2, 3));
    expect(Array.from(mirror(mirror(v, 'y'), 'y').data)).toEqual(Array.from(v.data));
  });
});
