import { describe, expect, it } from 'vitest';
import { rfft3dSync } from '../../fft/index.js';
import { SeededRandom } from '../../stats/index.js';
import type { Vec3 } from '../../volume/index.js';
import { firstCrossing } from './firstCrossing.js';
import { fourierShellCorrelation, fscFromSpectra } from './fourierShellCorrelation.js';
import { BLOB, blobHalves, blobPowers } from './testing.js';

function noiseMap(dims: Vec3, seed: number): Float32Array {
  const random = new SeededRandom(seed);
  return Float32Array.from({ length: dims[0] * dims[1] * dims[2] }, () => random.normal());
}

/** Digital frequency of index i on an axis of n points (Nyquist of an even axis +0.5). */
function digital(i: number, n: number): number {
  return i <= Math.floor(n / 2) ? i / n : (i - n) / n;
}

/**
 * FSC and DPR by the definition: each half-spectrum coefficient as a plain triple sum over the
 * voxels (no FFT), shells round(|w|·Nx) for |w| ≤ 0.5, every point once.
 */
function slowFscDpr(h1: Float32Array, h2: Float32Array, dims: Vec3) {
  const [nx, ny, nz] = dims;
  const shells = Math.floor(nx / 2) + 1;
  const acc = Array.from({ length: shells }, () => ({ num: 0, d1: 0, d2: 0, pn: 0, pd: 0 }));
  for (let kz = 0; kz < nz; kz++)
    for (let ky = 0; ky < ny; ky++)
      for (let kx = 0; kx <= Math.floor(nx / 2); kx++) {
        const wz = digital(kz, nz);
        const wy = digital(ky, ny);
        const wx = kx / nx;
        const w2 = wz * wz + wy * wy + wx * wx;
        if (w2 > 0.25) continue;
        const s = Math.round(Math.sqrt(w2) * nx);
        if (s >= shells) continue;
        let r1 = 0;
        let i1 = 0;
        let r2 = 0;
        let i2 = 0;
        for (let z = 0; z < nz; z++)
          for (let y = 0; y < ny; y++)
            for (let x = 0; x < nx; x++) {
              const angle = -2 * Math.PI * ((kx * x) / nx + (ky * y) / ny + (kz * z) / nz);
              const c = Math.cos(angle);
              const sn = Math.sin(angle);
              const v = (z * ny + y) * nx + x;
              r1 += h1[v]! * c;
              i1 += h1[v]! * sn;
              r2 += h2[v]! * c;
              i2 += h2[v]! * sn;
            }
        const a = acc[s]!;
        a.num += r1 * r2 + i1 * i2;
        a.d1 += r1 * r1 + i1 * i1;
        a.d2 += r2 * r2 + i2 * i2;
        let dphi = ((Math.atan2(i1, r1) - Math.atan2(i2, r2)) * 180) / Math.PI;
        while (dphi >= 180) dphi -= 360;
        while (dphi < -180) dphi += 360;
        const weight = Math.hypot(r1, i1) + Math.hypot(r2, i2);
        a.pn += weight * dphi * dphi;
        a.pd += weight;
      }
  return {
    fsc: acc.slice(1).map((a) => a.num / Math.sqrt(a.d1 * a.d2)),
    dpr: acc.slice(1).map((a) => Math.sqrt(a.pn / a.pd)),
  };
}

describe('fourierShellCorrelation', () => {
  it('gives FSC 1 and DPR 0 in every shell for identical halves, frequencies i/(Nx·Ts) for shells 1…Nx/2', async () => {
    const dims: Vec3 = [16, 16, 16];
    const map = noiseMap(dims, 1);
    const curves = await fourierShellCorrelation(map, map, dims, 1.25);
    expect(Array.from(curves.shell)).toEqual(Array.from({ length: 8 }, (_, i) => i + 1));
    for (let k = 0; k < 8; k++) {
      expect(curves.frequency[k]).toBeCloseTo((k + 1) / (16 * 1.25), 14);
      expect(curves.fsc[k]).toBeCloseTo(1, 12);
      expect(curves.dpr[k]).toBeCloseTo(0, 5);
    }
  });

  it('gives FSC ≈ 0 for two independent white-noise maps: every shell within 3/√n, at most one of 16 outside 2/√n', async () => {
    // Each complex point adds two independent real products, so the FSC of pure noise has a
    // standard deviation ≈ 1/√(2n): 2/√n is ≈ 2.8 σ (≈ 0.5 % of shells outside by chance),
    // 3/√n ≈ 4.2 σ (never, in practice).
    const dims: Vec3 = [32, 32, 32];
    const curves = await fourierShellCorrelation(noiseMap(dims, 11), noiseMap(dims, 12), dims, 1);
    let outside2 = 0;
    for (let k = 0; k < curves.fsc.length; k++) {
      const n = curves.count[k]!;
      expect(curves.noise[k]).toBeCloseTo(2 / Math.sqrt(n), 14);
      expect(Math.abs(curves.fsc[k]!)).toBeLessThan(3 / Math.sqrt(n));
      if (Math.abs(curves.fsc[k]!) > 2 / Math.sqrt(n)) outside2++;
    }
    expect(outside2).toBeLessThanOrEqual(1);
  });

  it('matches a plain triple-loop DFT FSC and DPR on a 10×12×14 box (shells on the x size)', async () => {
    const dims: Vec3 = [10, 12, 14];
    const signal = noiseMap(dims, 3);
    const h1 = Float32Array.from(signal, (v, i) => v + 0.8 * Math.sin(i));
    const h2 = Float32Array.from(signal, (v, i) => v + 0.8 * Math.cos(3 * i));
    const curves = await fourierShellCorrelation(h1, h2, dims, 2);
    const slow = slowFscDpr(h1, h2, dims);
    expect(curves.fsc.length).toBe(5);
    for (let k = 0; k < 5; k++) {
      expect(curves.fsc[k]).toBeCloseTo(slow.fsc[k]!, 10);
      expect(curves.dpr[k]).toBeCloseTo(slow.dpr[k]!, 8);
      expect(curves.frequency[k]).toBeCloseTo((k + 1) / 20, 14);
    }
  });

  it('measures a constant phase shift: DPR = |Δφ| wrapped to [−180°, 180°), FSC = cos Δφ', () => {
    const dims: Vec3 = [12, 12, 12];
    const spectrum = rfft3dSync(noiseMap(dims, 4), dims);
    for (const shiftDeg of [30, 200]) {
      const t = (shiftDeg * Math.PI) / 180;
      // F2 = F1·e^(−iΔφ): every point's phase difference is exactly Δφ.
      const shifted = new Float64Array(spectrum.length);
      for (let p = 0; p < spectrum.length / 2; p++) {
        const re = spectrum[2 * p]!;
        const im = spectrum[2 * p + 1]!;
        shifted[2 * p] = re * Math.cos(t) + im * Math.sin(t);
        shifted[2 * p + 1] = im * Math.cos(t) - re * Math.sin(t);
      }
      const curves = fscFromSpectra(spectrum, shifted, dims, 1);
      const wrapped = shiftDeg >= 180 ? 360 - shiftDeg : shiftDeg;
      for (let k = 0; k < curves.dpr.length; k++) {
        expect(curves.dpr[k]).toBeCloseTo(wrapped, 8);
        expect(curves.fsc[k]).toBeCloseTo(Math.cos(t), 12);
      }
    }
  });

  it('follows the analytic S/(S+N) of a Gaussian blob with coloured noise (halfMapPair), and its 0.143 crossing', async () => {
    const { n, ts } = BLOB;
    const dims: Vec3 = [n, n, n];
    const { half1, half2 } = blobHalves(7);
    const curves = await fourierShellCorrelation(half1.data, half2.data, dims, ts);
    const sPow = new Float64Array(n / 2 + 1);
    const nPow = new Float64Array(n / 2 + 1);
    for (let kz = 0; kz < n; kz++)
      for (let ky = 0; ky < n; ky++)
        for (let kx = 0; kx <= n / 2; kx++) {
          const w = Math.hypot(kx / n, digital(ky, n), digital(kz, n));
          if (w > 0.5) continue;
          const s = Math.round(w * n);
          const power = blobPowers(w);
          sPow[s]! += power.signal;
          nPow[s]! += power.noise;
        }
    const expected = Array.from({ length: n / 2 }, (_, k) => sPow[k + 1]! / (sPow[k + 1]! + nPow[k + 1]!));
    // Per shell the sample FSC scatters by at most ≈ 1/√(2n) around S/(S+N); 4/√n is ≈ 5.7 σ.
    for (let k = 0; k < n / 2; k++) expect(Math.abs(curves.fsc[k]! - expected[k]!)).toBeLessThan(4 / Math.sqrt(curves.count[k]!));
    const fExpected = firstCrossing(curves.frequency, expected, 0.143)!;
    const fMeasured = firstCrossing(curves.frequency, curves.fsc, 0.143)!;
    expect(fExpected).toBeGreaterThan(curves.frequency[4]!);
    expect(fExpected).toBeLessThan(curves.frequency[n / 2 - 4]!);
    // Around the crossing the expected FSC falls by ≈ 0.1 per shell and the sample scatter is
    // ≈ 0.02: a quarter of a shell (1/(4·n·Ts)) is a generous bound for the crossing.
    expect(Math.abs(fMeasured - fExpected)).toBeLessThan(1 / (4 * n * ts));
  });

  it('rejects spectra of the wrong size and a non-positive voxel size', () => {
    const dims: Vec3 = [8, 8, 8];
    const spectrum = rfft3dSync(noiseMap(dims, 5), dims);
    expect(() => fscFromSpectra(spectrum, spectrum.subarray(2), dims, 1)).toThrow(RangeError);
    expect(() => fscFromSpectra(spectrum, spectrum, dims, 0)).toThrow(RangeError);
  });
});
