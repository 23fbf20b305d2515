import { describe, expect, it } from 'vitest';
import { irfft3dSync, rfft3dSync } from '../../fft/index.js';
import { SeededRandom } from '../../stats/index.js';
import type { Vec3 } from '../../volume/index.js';
import { BLOB, blobHalves, blobPowers } from '../fsc/testing.js';
import { fdrFsc, fdrResolutionOf } from './fdrFsc.js';

function noise(n: number, seed: number, sd = 1): Float32Array {
  const random = new SeededRandom(seed);
  return Float32Array.from({ length: n ** 3 }, () => sd * random.normal());
}

function signedIndex(k: number, n: number): number {
  return k <= n / 2 ? k : k - n;
}

/** White noise keeping only the Fourier points of SPOC shells 0 … K (|k| < K + ½ in index units). */
function bandLimited(n: number, shells: number, seed: number): Float32Array {
  const dims: Vec3 = [n, n, n];
  const spectrum = rfft3dSync(Float64Array.from(noise(n, seed)), dims);
  let p = 0;
  for (let kz = 0; kz < n; kz++)
    for (let ky = 0; ky < n; ky++)
      for (let kx = 0; kx <= n / 2; kx++, p++) {
        if (Math.sqrt(kx * kx + signedIndex(ky, n) ** 2 + signedIndex(kz, n) ** 2) < shells + 0.5) continue;
        spectrum[2 * p] = 0;
        spectrum[2 * p + 1] = 0;
      }
  return Float32Array.from(irfft3dSync(spectrum, dims));
}

function plus(a: Float32Array, b: Float32Array): Float32Array {
  return a.map((v, i) => v + b[i]!);
}

describe('fdrFsc', () => {
  it('finds every shell significant for identical halves: q = 0 everywhere, resolution 2·Ts (Nyquist)', async () => {
    const n = 32;
    const half = noise(n, 1);
    const result = await fdrFsc(half, half, [n, n, n], { voxelSize: [1.3, 1.3, 1.3], threads: 1 });
    for (const v of result.fsc.subarray(1)) expect(v).toBeCloseTo(1, 12);
    expect(Array.from(result.qValue)).toEqual(new Array(n / 2 + 1).fill(0));
    expect(result.outcome).toBe('nyquist');
    expect(result.fdrShell).toBe(n / 2);
    expect(result.fdrResolution).toBeCloseTo(2.6, 12);
    // Shell 1 has 13 points (0.7·13 < 10): judged by FSC ≥ 0.75. The others are permuted and stop
    // after one block at p = 0.
    expect(result.shellSize[1]).toBe(13);
    expect(result.test[1]).toBe('threshold');
    expect(result.test.slice(2).every((t) => t === 'permutation')).toBe(true);
    expect(Array.from(result.permutations.subarray(2))).toEqual(new Array(n / 2 - 1).fill(200));
  });

  it('finds no significant shell (or only the first few) for independent noise halves', async () => {
    const n = 40;
    const result = await fdrFsc(noise(n, 2), noise(n, 3), [n, n, n], { voxelSize: [1, 1, 1], threads: 1 });
    // Under the null hypothesis p is uniform: BY keeps the chance of any false discovery at ~1 %,
    // and a run of significant shells from shell 1 on is far less likely still.
    if (result.outcome !== 'none') {
      expect(result.outcome).toBe('shell');
      expect(result.fdrShell!).toBeLessThanOrEqual(2);
    }
    expect(result.qValue.subarray(1).filter((q) => q <= 0.01).length).toBeLessThanOrEqual(1);
  });

  it('ends the significant shells exactly where a band-limited signal stops (FSC 0.9 up to shell K, 0 after)', async () => {
    const n = 32;
    const k = 6;
    const ts = 1.5;
    const signal = bandLimited(n, k, 4);
    // white signal of unit variance before the cut: per Fourier point the signal power is that of
    // unit white noise, so noise of standard deviation 1/3 gives S/(S+N) = 1/(1 + 1/9) = 0.9.
    const result = await fdrFsc(plus(signal, noise(n, 5, 1 / 3)), plus(signal, noise(n, 6, 1 / 3)), [n, n, n], { voxelSize: [ts, ts, ts], threads: 1 });
    // Shell K + 1 has no signal: its p is uniform, and it would be significant only for
    // p ≲ 0.01·(K + 2)/(m·c(m)) ≈ 0.0014 (m = 17 shells, c(17) ≈ 3.44).
    expect(result.outcome).toBe('shell');
    expect(result.fdrShell).toBe(k);
    expect(result.fdrResolution).toBeCloseTo((n * ts) / k, 12);
    for (let s = 1; s <= k; s++) expect(result.qValue[s]).toBeLessThanOrEqual(0.01);
    expect(result.qValue[k + 1]).toBeGreaterThan(0.01);
  });

  it('puts the end of significance of a halfMapPair phantom between the shells where S/(S+N) is 5σ and 1σ of the permutation null', async () => {
    const { n, ts } = BLOB;
    const { half1, half2 } = blobHalves(7);
    const result = await fdrFsc(half1.data, half2.data, [n, n, n], { voxelSize: [ts, ts, ts], threads: 1 });
    // Expected FSC per SPOC shell S/(S+N): Gaussian power (2πσ²)³·exp(−4π²σ²|w|²), noise N³σn²g².
    const m = n / 2 + 1;
    const sPow = new Float64Array(m);
    const nPow = new Float64Array(m);
    const count = new Float64Array(m);
    for (let kz = 0; kz < n; kz++)
      for (let ky = 0; ky < n; ky++)
        for (let kx = 0; kx <= n / 2; kx++) {
          const r = Math.sqrt(kx * kx + signedIndex(ky, n) ** 2 + signedIndex(kz, n) ** 2);
          const s = Math.round(r);
          if (s >= m) continue;
          const w = r / n;
          const power = blobPowers(w);
          sPow[s]! += power.signal;
          nPow[s]! += power.noise;
          count[s]!++;
        }
    expect(Array.from(result.shellSize)).toEqual(Array.from(count));
    const rho = Array.from(sPow, (sp, s) => sp / (sp + nPow[s]!));
    // The permuted correlation of the 0.7·n subsampled points has standard deviation ≈ 1/√(2·0.7n).
    const sd = Array.from(count, (c) => 1 / Math.sqrt(2 * Math.floor(0.7 * c)));
    // Shell 1 (13 points) is judged by FSC ≥ 0.75 rather than permuted.
    expect(result.test[1]).toBe('threshold');
    expect(rho[1]).toBeGreaterThan(0.9);
    let kLow = 1;
    while (kLow + 1 < m && rho[kLow + 1]! > 5 * sd[kLow + 1]!) kLow++;
    let kHigh = 1;
    while (kHigh < m && rho[kHigh]! > sd[kHigh]!) kHigh++;
    expect(kLow).toBeGreaterThan(3);
    expect(kHigh).toBeLessThan(m);
    expect(result.outcome).toBe('shell');
    expect(result.fdrShell!).toBeGreaterThanOrEqual(kLow);
    expect(result.fdrShell!).toBeLessThanOrEqual(kHigh - 1);
    // An FSC of 0.143 is ≥ 5σ of the null in these shells: every shell before the 0.143 crossing is significant.
    const below = Array.from(result.fsc).findIndex((v, s) => s > 0 && v < 0.143);
    expect(result.fdrShell!).toBeGreaterThanOrEqual(below - 1);
  });

  it('is deterministic: the same seed gives the same bits, 1 or 2 threads alike; another seed other p-values', async () => {
    const n = 50;
    const dims: Vec3 = [n, n, n];
    const signal = bandLimited(n, 10, 8);
    const h1 = plus(signal, noise(n, 9, 1.5));
    const h2 = plus(signal, noise(n, 10, 1.5));
    const one = await fdrFsc(h1, h2, dims, { voxelSize: [1, 1, 1], seed: 3, threads: 1 });
    const again = await fdrFsc(h1, h2, dims, { voxelSize: [1, 1, 1], seed: 3, threads: 1 });
    const two = await fdrFsc(h1, h2, dims, { voxelSize: [1, 1, 1], seed: 3, threads: 2 });
    expect(one.threads).toBe(1);
    expect(two.threads).toBe(2);
    for (const other of [again, two]) {
      expect(other.pValue).toEqual(one.pValue);
      expect(other.qValue).toEqual(one.qValue);
      expect(other.permutations).toEqual(one.permutations);
      expect(other.fsc).toEqual(one.fsc);
      expect(other.fdrResolution).toBe(one.fdrResolution);
    }
    const seeded = await fdrFsc(h1, h2, dims, { voxelSize: [1, 1, 1], seed: 4, threads: 1 });
    expect(seeded.seed).toBe(4);
    expect(seeded.pValue).not.toEqual(one.pValue);
  });

  it('multiplies both halves by the mask before the transform', async () => {
    const n = 24;
    const h1 = noise(n, 11);
    const h2 = plus(h1, noise(n, 12));
    const mask = Float32Array.from({ length: n ** 3 }, (_, i) => ((i * 7919) % 101) / 100);
    const masked = await fdrFsc(h1, h2, [n, n, n], { voxelSize: [1, 1, 1], mask, threads: 1 });
    const premultiplied = await fdrFsc(h1.map((v, i) => v * mask[i]!), h2.map((v, i) => v * mask[i]!), [n, n, n], { voxelSize: [1, 1, 1], threads: 1 });
    expect(masked.fsc).toEqual(premultiplied.fsc);
    expect(masked.pValue).toEqual(premultiplied.pValue);
  });

  it('reads the resolution as SPOC: shell before the first q > level, none at shell 0, Nyquist when none exceeds', () => {
    const f = [0, 0.1, 0.2, 0.3];
    expect(fdrResolutionOf([0, 0, 0.5, 0], f, 0.01, 1)).toEqual({ outcome: 'shell', fdrShell: 1, fdrResolution: 10 });
    expect(fdrResolutionOf([0, 0.02, 0, 0], f, 0.01, 1)).toEqual({ outcome: 'none', fdrShell: null, fdrResolution: null });
    expect(fdrResolutionOf([0, 0.01, 0.001, 0.01], f, 0.01, 1.7)).toEqual({ outcome: 'nyquist', fdrShell: 3, fdrResolution: 3.4 });
  });

  it('rejects halves, masks and options that do not fit', async () => {
    const h = noise(8, 1);
    await expect(fdrFsc(h, h.subarray(1), [8, 8, 8], { voxelSize: [1, 1, 1] })).rejects.toThrow(/voxels/);
    await expect(fdrFsc(h, h, [8, 8, 8], { voxelSize: [1, 1, 1], mask: new Float32Array(5) })).rejects.toThrow(/mask/);
    await expect(fdrFsc(h, h, [8, 8, 8], { voxelSize: [0, 1, 1] })).rejects.toThrow(/voxel size/);
    await expect(fdrFsc(h, h, [8, 8, 8], { voxelSize: [1, 1, 1], fdr: 0 })).rejects.toThrow(/fdr/);
    await expect(fdrFsc(h, h, [8, 8, 8], { voxelSize: [1, 1, 1], seed: 1.5 })).rejects.toThrow(/seed/);
  });
});
