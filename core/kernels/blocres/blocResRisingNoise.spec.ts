import { beforeAll, describe, expect, it } from 'vitest';
import { irfft3dSync, rfft3dSync } from '../../fft/index.js';
import { percentile } from '../../stats/index.js';
import type { Vec3 } from '../../volume/index.js';
import { halfSpectrumGrid } from '../halfSpectrumGrid.js';
import { risingNoiseHalves, type RisingNoiseHalves } from '../monores/risingNoiseHalves.js';
import { blocRes, type BlocResResult } from './blocRes.js';

/**
 * The local FSC blocres should read on half maps made as the synthetic level-1 data are
 * (risingNoiseHalves: noise power 0.05 + (w/w_t)², rising with frequency, tuned for FSC 0.143 at
 * the design resolution; here the signal is stationary over the box), from the construction: a
 * field of power spectrum P has autocorrelation C = IFFT(P); the Hann-tapered box (taper h, box
 * lags |d| < box, padded period 2·box) has expected power DFT_2box[C(d)·A(d)], A(d) = Π a(d_k),
 * a the autocorrelation of the 1-D Hann window — for the signal and, separately, for one half's
 * noise, which is no longer flat. With Bsoft's linear shell split the expected FSC of a shell is
 * ΣS/(ΣS + ΣN) of the shell sums; the resolution is where it falls below the cutoff 0.5.
 */
function expectedBoxFsc(n: number, halves: RisingNoiseHalves, box = 20): { resolution: number; fsc: number[] } {
  const dims: Vec3 = [n, n, n];
  const { half, fx, fy, fz } = halfSpectrumGrid(dims);
  const autocorrelation = (power: (w: number) => number) => {
    const spectrum = new Float64Array(2 * half[0] * half[1] * half[2]);
    for (let kz = 0, p = 0; kz < half[2]; kz++)
      for (let ky = 0; ky < half[1]; ky++)
        for (let kx = 0; kx < half[0]; kx++, p += 2) spectrum[p] = power(Math.hypot(fx[kx]!, fy[ky]!, fz[kz]!));
    return irfft3dSync(spectrum, dims);
  };
  const P = 2 * box;
  const hann = Float64Array.from({ length: box }, (_, i) => 0.5 * (1 - Math.cos((2 * Math.PI * i) / (box - 1))));
  const a = Float64Array.from({ length: box }, (_, d) => {
    let s = 0;
    for (let i = 0; i + d < box; i++) s += hann[i]! * hann[i + d]!;
    return s;
  });
  const wrap = (d: number, m: number) => ((d % m) + m) % m;
  const boxSpectrum = (C: Float64Array) => {
    const G = new Float64Array(P ** 3);
    for (let dz = 1 - box; dz < box; dz++)
      for (let dy = 1 - box; dy < box; dy++)
        for (let dx = 1 - box; dx < box; dx++) {
          const c = C[(wrap(dz, n) * n + wrap(dy, n)) * n + wrap(dx, n)]!;
          G[(wrap(dz, P) * P + wrap(dy, P)) * P + wrap(dx, P)] = c * a[Math.abs(dx)]! * a[Math.abs(dy)]! * a[Math.abs(dz)]!;
        }
    return rfft3dSync(G, [P, P, P]);
  };
  const S = boxSpectrum(autocorrelation(halves.signalPower));
  const N = boxSpectrum(autocorrelation(halves.noisePower));
  const ts = 1;
  const radScale = P * ts;
  const shells = Math.floor(2 + radScale / (2 * ts) + 1e-9);
  const signalSum = new Float64Array(shells);
  const noiseSum = new Float64Array(shells);
  const signed = (k: number, m: number) => (k <= m / 2 ? k : k - m);
  const hx = P / 2 + 1;
  for (let z = 0; z < P; z++)
    for (let y = 0; y < P; y++)
      for (let x = 0; x < P / 2; x++) {
        const r = Math.hypot(x, signed(y, P), signed(z, P));
        const low = Math.floor(r);
        if (low + 1 >= shells) continue;
        const frac = r - low;
        const q = 2 * ((z * P + y) * hx + x);
        signalSum[low] += (1 - frac) * S[q]!;
        signalSum[low + 1] += frac * S[q]!;
        noiseSum[low] += (1 - frac) * N[q]!;
        noiseSum[low + 1] += frac * N[q]!;
      }
  const fsc = Array.from(signalSum, (s, i) => (i === 0 ? 1 : s / (s + noiseSum[i]!)));
  for (let i = 0; i + 1 < shells; i++) {
    if (fsc[i]! >= 0.5 && fsc[i + 1]! < 0.5) return { resolution: radScale / (i + (0.5 - fsc[i]!) / (fsc[i + 1]! - fsc[i]!)), fsc };
  }
  throw new Error('the expected FSC never falls below 0.5');
}

describe.each([8, 6])('blocRes with noise rising with frequency (the level-1 recipe), design %d Å', (design) => {
  const n = 64;
  const dims: Vec3 = [n, n, n];
  // 5³ voxels 10 apart (10 … 50 on each axis): 125 boxes of 20³ in the box, overlapping by half
  // at most, so that the median is not one region's sampling error (the signal is stationary).
  const onGrid = (c: number) => c % 10 === 0 && c >= 10 && c <= 50;
  const targets = Uint8Array.from({ length: n ** 3 }, (_, i) => (onGrid(i % n) && onGrid(Math.floor(i / n) % n) && onGrid(Math.floor(i / n / n)) ? 1 : 0));
  let halves: RisingNoiseHalves;
  let result: BlocResResult;
  beforeAll(async () => {
    halves = risingNoiseHalves(n, 1, design, 61);
    result = await blocRes(halves.half1, halves.half2, targets, dims, { voxelSize: 1, step: 1, threads: 1 });
  }, 60_000);

  it('reads the expected local FSC of the construction at 0.5 (median within 4 %)', () => {
    const values = Array.from(result.resolution).filter((_, i) => targets[i]);
    expect(values).toHaveLength(125);
    const median = percentile(values, 50);
    const expected = expectedBoxFsc(n, halves);
    expect(Math.abs(median / expected.resolution - 1), `median ${median}, expected ${expected.resolution}`).toBeLessThan(0.04);
    // At 0.5 the boxes read coarser than the FSC-0.143 design resolution of the whole map.
    expect(expected.resolution).toBeGreaterThan(design);
  });
});
