import { describe, expect, it } from 'vitest';
import { fft3dSync } from '../../fft/index.js';
import { SeededRandom } from '../../stats/index.js';
import type { Vec3 } from '../../volume/index.js';
import { originalSsnrAxisFactor, spectralSignalToNoise } from './spectralSignalToNoise.js';

function noiseMap(dims: Vec3, seed: number): Float32Array {
  const random = new SeededRandom(seed);
  return Float32Array.from({ length: dims[0] * dims[1] * dims[2] }, () => random.normal());
}

/**
 * The original's computation on the full grid: complex FFTs of S = (H1+H2)/2 and N = (H1−H2)/2,
 * fftshift, |F(S)|/|F(N)| per point, mean in bins floor(distance to the centre N//2) for bins below
 * Nx/2. Distances along y and z are scaled by Nx/Ny and Nx/Nz (identity on a cube).
 */
function fullGridRatio(h1: Float32Array, h2: Float32Array, dims: Vec3): { ratio: number[]; count: number[] } {
  const [nx, ny, nz] = dims;
  const complexOf = (sign: 1 | -1) => {
    const out = new Float64Array(2 * h1.length);
    for (let i = 0; i < h1.length; i++) out[2 * i] = (h1[i]! + sign * h2[i]!) / 2;
    return out;
  };
  const fs = fft3dSync(complexOf(1), dims);
  const fn = fft3dSync(complexOf(-1), dims);
  const bins = Math.ceil(nx / 2);
  const sum = new Array<number>(bins).fill(0);
  const count = new Array<number>(bins).fill(0);
  const [cx, cy, cz] = [Math.floor(nx / 2), Math.floor(ny / 2), Math.floor(nz / 2)];
  // Walk the shifted grid: shifted position j holds unshifted index (j − N//2) mod N.
  for (let jz = 0; jz < nz; jz++)
    for (let jy = 0; jy < ny; jy++)
      for (let jx = 0; jx < nx; jx++) {
        const ux = (jx - cx + nx) % nx;
        const uy = (jy - cy + ny) % ny;
        const uz = (jz - cz + nz) % nz;
        const p = (uz * ny + uy) * nx + ux;
        const dist = Math.sqrt((jx - cx) ** 2 + ((jy - cy) * nx / ny) ** 2 + ((jz - cz) * nx / nz) ** 2);
        const bin = Math.floor(dist);
        if (bin >= nx / 2) continue;
        sum[bin]! += Math.hypot(fs[2 * p]!, fs[2 * p + 1]!) / Math.hypot(fn[2 * p]!, fn[2 * p + 1]!);
        count[bin]!++;
      }
  return { ratio: sum.map((s, k) => s / count[k]!), count };
}

describe('spectralSignalToNoise', () => {
  for (const dims of [[12, 12, 12], [11, 11, 11], [10, 12, 14]] as Vec3[]) {
    it(`averages the amplitude ratio as the full complex grid does (${dims.join('×')})`, async () => {
      const signal = noiseMap(dims, 21);
      const h1 = Float32Array.from(noiseMap(dims, 22), (v, i) => signal[i]! + 0.7 * v);
      const h2 = Float32Array.from(noiseMap(dims, 23), (v, i) => signal[i]! + 0.7 * v);
      const curve = await spectralSignalToNoise(h1, h2, dims, 1.3);
      const reference = fullGridRatio(h1, h2, dims);
      expect(curve.ratio.length).toBe(reference.ratio.length);
      for (let k = 0; k < curve.ratio.length; k++) {
        expect(curve.count[k]).toBe(reference.count[k]);
        expect(curve.ratio[k]).toBeCloseTo(reference.ratio[k]!, 9);
        expect(curve.frequency[k]).toBeCloseTo(k / (dims[0] * 1.3), 14);
        const expectedLog = Math.log10(reference.ratio[k]! - 1);
        if (Number.isNaN(expectedLog)) expect(curve.logSsnr[k]).toBeNaN();
        else expect(curve.logSsnr[k]).toBeCloseTo(expectedLog, 8);
      }
    });
  }

  it('is infinite for identical halves (no noise), and ≈ π/2 for independent pure-noise halves', async () => {
    const dims: Vec3 = [24, 24, 24];
    const map = noiseMap(dims, 31);
    const same = await spectralSignalToNoise(map, map, dims, 1);
    expect(same.ratio.slice(1).every((v) => v === Infinity)).toBe(true);
    // Independent white halves: S and N are independent complex Gaussians of equal power, so
    // |F(S)|/|F(N)| is a ratio of two independent Rayleigh variables, of mean
    // E|a|·E[1/|b|] = σ√(π/2)·√(π/2)/σ = π/2. Its variance is (logarithmically) infinite, so
    // single bins scatter widely: the check pools the outer bins (≈ 9000 points, half of them
    // independent) and allows 0.2.
    const independent = await spectralSignalToNoise(map, noiseMap(dims, 32), dims, 1);
    let sum = 0;
    let count = 0;
    for (let k = 6; k < independent.ratio.length; k++) {
      sum += independent.ratio[k]! * independent.count[k]!;
      count += independent.count[k]!;
    }
    expect(Math.abs(sum / count - Math.PI / 2)).toBeLessThan(0.2);
  });

  it('puts bin k at the physical frequency k/(N·Ts); the original axis k·2·Ts/N is 2·Ts² times it', async () => {
    const ts = 2.02;
    const dims: Vec3 = [20, 20, 20];
    const curve = await spectralSignalToNoise(noiseMap(dims, 41), noiseMap(dims, 42), dims, ts);
    for (let k = 1; k < curve.frequency.length; k++) {
      expect(curve.frequency[k]).toBeCloseTo(k / (20 * ts), 14);
      expect(((k * 2 * ts) / 20) / curve.frequency[k]!).toBeCloseTo(originalSsnrAxisFactor(ts), 10);
    }
  });
});
