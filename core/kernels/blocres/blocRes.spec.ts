import { beforeAll, describe, expect, it } from 'vitest';
import { irfft3dSync, rfft3dSync } from '../../fft/index.js';
import { halfMapPair, regionalResolutionPhantom, type ResolutionRegion } from '../../phantom/index.js';
import { percentile } from '../../stats/index.js';
import type { Vec3 } from '../../volume/index.js';
import { blocRes, type BlocResResult } from './blocRes.js';
import { blocResTargets, chooseStep, countEvaluationPoints } from './blocResEvaluation.js';

/**
 * The local resolution blocres should find, in expectation, at a voxel whose box lies inside one
 * region of regionalResolutionPhantom (unit-variance texture low-passed by a raised cosine that
 * ends at 1/R, width 0.02·Ts) with independent white noise of standard deviation σ in each half.
 * Worked out from the construction, not from the kernel: the texture's autocorrelation C(d) is the
 * inverse transform of the filter's squared response (normalised to C(0) = 1); the Hann-tapered
 * box has the expected power spectrum DFT_P[C(d)·A(d)], with A(d) = Π a(d_k) and a(d) the
 * autocorrelation of the 1-D Hann window (lags |d| < box fit the padded period P = 2·box without
 * wrapping), and the noise the flat σ²·A(0). With Bsoft's linear shell split the expected FSC of
 * a shell is S/(S + N) of the shell sums; the resolution is where it falls below 0.5.
 * It is finer than R when the signal is strong: the taper spreads the band edge by about 2/box.
 */
function expectedBoxResolution(n: number, ts: number, resolution: number, sigma: number, box = 20): number {
  const P = 2 * box;
  const half = n / 2 + 1;
  const spectrum = new Float64Array(2 * half * n * n);
  const width = 0.02 * ts;
  const start = ts / resolution - width / 2;
  const signed = (k: number, m: number) => (k <= m / 2 ? k : k - m);
  for (let z = 0, p = 0; z < n; z++) {
    for (let y = 0; y < n; y++) {
      for (let x = 0; x < half; x++, p += 2) {
        const f = Math.hypot(x / n, signed(y, n) / n, signed(z, n) / n);
        const h = f <= start ? 1 : f >= start + width ? 0 : 0.5 * (1 + Math.cos((Math.PI * (f - start)) / width));
        spectrum[p] = h * h;
      }
    }
  }
  const C = irfft3dSync(spectrum, [n, n, n]);
  const hann = Float64Array.from({ length: box }, (_, i) => 0.5 * (1 - Math.cos((2 * Math.PI * i) / (box - 1))));
  const a = Float64Array.from({ length: box }, (_, d) => {
    let s = 0;
    for (let i = 0; i + d < box; i++) s += hann[i]! * hann[i + d]!;
    return s;
  });
  const wrap = (d: number, m: number) => ((d % m) + m) % m;
  const G = new Float64Array(P ** 3);
  for (let dz = 1 - box; dz < box; dz++) {
    for (let dy = 1 - box; dy < box; dy++) {
      for (let dx = 1 - box; dx < box; dx++) {
        const c = C[(wrap(dz, n) * n + wrap(dy, n)) * n + wrap(dx, n)]! / C[0]!;
        G[(wrap(dz, P) * P + wrap(dy, P)) * P + wrap(dx, P)] = c * a[Math.abs(dx)]! * a[Math.abs(dy)]! * a[Math.abs(dz)]!;
      }
    }
  }
  const S = rfft3dSync(G, [P, P, P]);
  const noise = sigma * sigma * a[0]! ** 3;
  const radScale = P * ts;
  const shells = Math.floor(2 + radScale / (2 * ts) + 1e-9);
  const signalSum = new Float64Array(shells);
  const weightSum = new Float64Array(shells);
  const hx = P / 2 + 1;
  for (let z = 0; z < P; z++) {
    for (let y = 0; y < P; y++) {
      for (let x = 0; x < P / 2; x++) {
        const r = Math.hypot(x, signed(y, P), signed(z, P));
        const low = Math.floor(r);
        if (low + 1 >= shells) continue;
        const frac = r - low;
        const s = S[2 * ((z * P + y) * hx + x)]!;
        signalSum[low] += (1 - frac) * s;
        signalSum[low + 1] += frac * s;
        weightSum[low] += 1 - frac;
        weightSum[low + 1] += frac;
      }
    }
  }
  const fsc = Array.from(signalSum, (s, i) => (i === 0 ? 1 : s / (s + noise * weightSum[i]!)));
  for (let i = 0; i + 1 < shells; i++) {
    if (fsc[i]! >= 0.5 && fsc[i + 1]! < 0.5) return radScale / (i + (0.5 - fsc[i]!) / (fsc[i + 1]! - fsc[i]!));
  }
  throw new Error('the expected FSC never falls below 0.5');
}

function ballAround(dims: Vec3, centres: Vec3[], radius: number): Uint8Array {
  const [nx, ny, nz] = dims;
  const out = new Uint8Array(nx * ny * nz);
  for (let z = 0, i = 0; z < nz; z++) {
    for (let y = 0; y < ny; y++) {
      for (let x = 0; x < nx; x++, i++) {
        centres.forEach((c, k) => {
          if (Math.hypot(x - c[0], y - c[1], z - c[2]) <= radius) out[i] = k + 1;
        });
      }
    }
  }
  return out;
}

describe('blocRes on regions of known local resolution', () => {
  const n = 64;
  const dims: Vec3 = [n, n, n];
  const sigma = 2;
  const regions: ResolutionRegion[] = [
    { centre: [18, 32, 32], radius: 15, resolution: 4 },
    { centre: [46, 32, 32], radius: 15, resolution: 8 },
  ];
  // Voxels within 3 of a region centre: their 20³ boxes lie inside the region's uniform core (12 voxels).
  const centres = ballAround(dims, regions.map((r) => r.centre), 3);
  let halves: { half1: Float32Array; half2: Float32Array };
  let single: BlocResResult;
  beforeAll(async () => {
    const phantom = regionalResolutionPhantom(dims, 1, regions, { seed: 3 });
    const pair = halfMapPair(phantom.signal, { seed: 5, noiseSd: sigma });
    halves = { half1: pair.half1.data as Float32Array, half2: pair.half2.data as Float32Array };
    single = await blocRes(halves.half1, halves.half2, centres, dims, { voxelSize: 1, step: 1, threads: 1 });
  });

  it('recovers each region\'s expected local resolution (box taper included) within 5 %', () => {
    const medians = regions.map((region, k) => {
      const values: number[] = [];
      for (let i = 0; i < centres.length; i++) if (centres[i] === k + 1) values.push(single.resolution[i]!);
      expect(values.every((v) => v > 0)).toBe(true);
      const median = percentile(values, 50);
      const expected = expectedBoxResolution(n, 1, region.resolution, sigma);
      expect(Math.abs(median / expected - 1), `${region.resolution} Å region: median ${median}, expected ${expected}`).toBeLessThan(0.05);
      return median;
    });
    // Expected 3.80 and 5.71 Å: the 8 Å region is read finer than its band edge at this SNR.
    expect(medians[1]! / medians[0]!).toBeGreaterThan(1.4);
    expect(single.boxes).toBe(centres.reduce((s, v) => s + (v > 0 ? 1 : 0), 0));
    expect(single.step).toBe(1);
    expect(single.hiRes).toBe(2);
    expect(single.padded).toBe(40);
    // Voxels outside the mask keep the fill value.
    for (let i = 0; i < centres.length; i++) if (!centres[i]) expect(single.resolution[i]).toBe(0);
  });

  it('gives the same values on two worker threads', async () => {
    const threaded = await blocRes(halves.half1, halves.half2, centres, dims, { voxelSize: 1, step: 1, threads: 2 });
    expect(threaded.threads).toBe(2);
    expect(Array.from(threaded.resolution)).toEqual(Array.from(single.resolution));
  });
});

describe('blocRes step > 1: measured on the step grid, filled trilinearly', () => {
  const n = 40;
  const dims: Vec3 = [n, n, n];
  const step = 3;
  // Targets run from 10 to 30 on each axis (box 20): multiples of 3 from 12 to 30 are measured.
  const mask = ballAround(dims, [[20, 20, 20]], 6);
  // Every voxel that is a grid corner of the ball, measured directly.
  const around = ballAround(dims, [[20, 20, 20]], 6 + step * Math.sqrt(3) + 0.01);
  let every: BlocResResult;
  let stepped: BlocResResult;
  beforeAll(async () => {
    const phantom = regionalResolutionPhantom(dims, 1, [{ centre: [20, 20, 20], radius: 18, resolution: 5 }], { seed: 11 });
    const { half1, half2 } = halfMapPair(phantom.signal, { seed: 12, noiseSd: 1.5 });
    every = await blocRes(half1.data, half2.data, around, dims, { voxelSize: 1, step: 1, threads: 2 });
    stepped = await blocRes(half1.data, half2.data, mask, dims, { voxelSize: 1, step, threads: 1 });
  });

  it('equals measuring every voxel on the grid points, and the trilinear mix of those values between them', () => {
    const at = (x: number, y: number, z: number) => every.resolution[(z * n + y) * n + x]!;
    let checked = 0;
    for (let z = 12; z <= 30; z++) {
      for (let y = 12; y <= 30; y++) {
        for (let x = 12; x <= 30; x++) {
          const i = (z * n + y) * n + x;
          if (!mask[i]) continue;
          const [x0, y0, z0] = [x, y, z].map((c) => c - (c % step)) as Vec3;
          const [tx, ty, tz] = [(x - x0) / step, (y - y0) / step, (z - z0) / step];
          let value = 0;
          for (const [dz, wz] of [[0, 1 - tz], [step, tz]] as const) {
            for (const [dy, wy] of [[0, 1 - ty], [step, ty]] as const) {
              for (const [dx, wx] of [[0, 1 - tx], [step, tx]] as const) {
                if (wx * wy * wz > 0) value += wx * wy * wz * at(x0 + dx, y0 + dy, z0 + dz);
              }
            }
          }
          expect(stepped.resolution[i]).toBeCloseTo(value, 4);
          checked++;
        }
      }
    }
    expect(checked).toBeGreaterThan(800);
    expect(stepped.boxes).toBeLessThan(checked / 5);
  });

  it('stays close to measuring every voxel (median relative difference under 3 %)', () => {
    const differences: number[] = [];
    for (let i = 0; i < mask.length; i++) {
      if (!mask[i]) continue;
      expect(stepped.resolution[i]).toBeGreaterThan(0);
      differences.push(Math.abs(stepped.resolution[i]! / every.resolution[i]! - 1));
    }
    expect(percentile(differences, 50)).toBeLessThan(0.03);
  });

  it('measures a target itself when no grid point along an axis has room for its box', async () => {
    // 24³, box 20: targets 10…14 per axis; no multiple of 15 lies in [10, 14].
    const d: Vec3 = [24, 24, 24];
    const ones = new Uint8Array(24 ** 3).fill(1);
    const phantom = regionalResolutionPhantom(d, 1, [{ centre: [12, 12, 12], radius: 12, resolution: 5 }], { seed: 2 });
    const { half1, half2 } = halfMapPair(phantom.signal, { seed: 4, noiseSd: 1 });
    const a = await blocRes(half1.data, half2.data, ones, d, { voxelSize: 1, step: 1, threads: 1 });
    const b = await blocRes(half1.data, half2.data, ones, d, { voxelSize: 1, step: 15, threads: 1 });
    expect(b.boxes).toBe(125);
    expect(Array.from(b.resolution)).toEqual(Array.from(a.resolution));
  });
});

describe('blocRes evaluation geometry and input checks', () => {
  it('targets the mask voxels whose box fits: coordinates box/2 … n − box/2 (hand count)', () => {
    const ones = new Uint8Array(30 ** 3).fill(1);
    const targets = blocResTargets(ones, [30, 30, 30], 20);
    expect(targets.reduce((s, v) => s + v, 0)).toBe(11 ** 3);
    expect(targets[(10 * 30 + 10) * 30 + 10]).toBe(1);
    expect(targets[(20 * 30 + 20) * 30 + 20]).toBe(1);
    expect(targets[(20 * 30 + 20) * 30 + 21]).toBe(0);
    expect(targets[(10 * 30 + 10) * 30 + 9]).toBe(0);
    // Odd box 21: the box runs from c − 10 for 21 voxels, so c ≤ n − 11.
    expect(blocResTargets(ones, [30, 30, 30], 21).reduce((s, v) => s + v, 0)).toBe(10 ** 3);
  });

  it('auto step: the smallest step measuring at most maxBoxes boxes (hand counts 21³ and 11³)', () => {
    const targets = blocResTargets(new Uint8Array(40 ** 3).fill(1), [40, 40, 40], 20);
    expect(countEvaluationPoints(targets, [40, 40, 40], 20, 1)).toBe(21 ** 3);
    expect(countEvaluationPoints(targets, [40, 40, 40], 20, 2)).toBe(11 ** 3);
    expect(chooseStep(targets, [40, 40, 40], 20, 21 ** 3)).toBe(1);
    expect(chooseStep(targets, [40, 40, 40], 20, 5000)).toBe(2);
  });

  it('refuses non-finite voxels and mismatched sizes, naming the half', async () => {
    const d: Vec3 = [24, 24, 24];
    const good = new Float32Array(24 ** 3).map((_, i) => Math.sin(i));
    const bad = good.slice();
    bad[77] = NaN;
    const mask = new Uint8Array(24 ** 3).fill(1);
    await expect(blocRes(good, bad, mask, d, { voxelSize: 1, threads: 1 })).rejects.toThrow(/half2 has a non-finite value \(NaN\) at voxel 77/);
    await expect(blocRes(good, good.subarray(1), mask, d, { voxelSize: 1, threads: 1 })).rejects.toThrow(/half2 has/);
  });
});
