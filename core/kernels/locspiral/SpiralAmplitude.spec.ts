import { describe, expect, it } from 'vitest';
import { fft3dSync, ifft3dSync } from '../../fft/index.js';
import { SeededRandom } from '../../stats/index.js';
import type { Vec3 } from '../../volume/index.js';
import { SpiralAmplitude } from './SpiralAmplitude.js';

/** numpy.fft.fftfreq(n, d)[i]: index n/2 of an even axis is −½ (the labelling the original uses). */
const fftfreq = (i: number, n: number, d: number) => (i < Math.ceil(n / 2) ? i : i - n) / (n * d);

/**
 * The original's recipe on the full complex grid, step by step: F = fftn(v); S = G/ΣG over every
 * bin; v0 = ifftn(S·F), v_k = ifftn(−i·f_k/|f|·S·F) with numpy's frequency labels; m² = Σ|v|²
 * (real and imaginary parts). `realOnly` keeps only the real parts.
 */
function bruteForceAmplitude(volume: Float64Array, dims: Vec3, ts: Vec3, phi: number, sigma: number, realOnly = false): Float64Array {
  const [nx, ny, nz] = dims;
  const n = nx * ny * nz;
  const complex = new Float64Array(2 * n);
  for (let i = 0; i < n; i++) complex[2 * i] = volume[i]!;
  const F = fft3dSync(complex, dims);
  const freq: number[][] = [];
  const shell = new Float64Array(n);
  let sum = 0;
  for (let z = 0, i = 0; z < nz; z++)
    for (let y = 0; y < ny; y++)
      for (let x = 0; x < nx; x++, i++) {
        const f = [fftfreq(x, nx, ts[0]), fftfreq(y, ny, ts[1]), fftfreq(z, nz, ts[2])];
        freq.push(f);
        const r = Math.hypot(f[0]!, f[1]!, f[2]!);
        shell[i] = Math.exp(-((r - phi) ** 2) / (2 * sigma * sigma));
        sum += shell[i]!;
      }
  const m2 = new Float64Array(n);
  for (let component = -1; component < 3; component++) {
    const spec = new Float64Array(2 * n);
    for (let i = 0; i < n; i++) {
      const s = shell[i]! / sum;
      const re = s * F[2 * i]!;
      const im = s * F[2 * i + 1]!;
      if (component < 0) {
        spec[2 * i] = re;
        spec[2 * i + 1] = im;
        continue;
      }
      const f = freq[i]!;
      const r = Math.hypot(f[0]!, f[1]!, f[2]!);
      const h = r === 0 ? 0 : f[component]! / r;
      spec[2 * i] = h * im; // −i·h·(re + i·im)
      spec[2 * i + 1] = -h * re;
    }
    const v = ifft3dSync(spec, dims);
    for (let i = 0; i < n; i++) m2[i]! += v[2 * i]! ** 2 + (realOnly ? 0 : v[2 * i + 1]! ** 2);
  }
  return m2.map(Math.sqrt);
}

function randomVolume(dims: Vec3, seed: number): Float64Array {
  const rnd = new SeededRandom(seed);
  return Float64Array.from({ length: dims[0] * dims[1] * dims[2] }, () => rnd.normal());
}

function maxRelativeError(actual: ArrayLike<number>, expected: ArrayLike<number>): number {
  let peak = 0;
  for (let i = 0; i < expected.length; i++) peak = Math.max(peak, Math.abs(expected[i]!));
  let err = 0;
  for (let i = 0; i < expected.length; i++) err = Math.max(err, Math.abs(actual[i]! - expected[i]!));
  return err / peak;
}

describe('SpiralAmplitude', () => {
  const cases: { dims: Vec3; ts: Vec3 }[] = [
    { dims: [12, 10, 8], ts: [1.5, 1.5, 1.5] },
    { dims: [9, 10, 7], ts: [1.1, 1.3, 0.9] },
    { dims: [8, 8, 8], ts: [2, 2, 2] },
  ];

  it('equals the full-grid complex recipe (numpy labels and Nyquist remainders) on random maps', async () => {
    for (const { dims, ts } of cases) {
      const volume = randomVolume(dims, dims[0]);
      const spiral = await SpiralAmplitude.create(volume, dims, ts, { threads: 1 });
      const sigma = 4.8 / (Math.min(...dims) * Math.min(...ts));
      // A low frequency, one in the middle, and the Nyquist frequency of the coarsest axis.
      for (const phi of [0.05, 0.17, 0.5 / Math.max(...ts)]) {
        const expected = bruteForceAmplitude(volume, dims, ts, phi, sigma);
        expect(maxRelativeError(await spiral.amplitude(phi, sigma), expected), `${dims.join('×')} φ=${phi}`).toBeLessThan(1e-12);
      }
    }
  });

  it("'real' mode keeps only the real parts of the Riesz maps", async () => {
    for (const { dims, ts } of cases) {
      const volume = randomVolume(dims, 7 + dims[1]);
      const spiral = await SpiralAmplitude.create(volume, dims, ts, { threads: 1, nyquist: 'real' });
      const phi = 0.45 / Math.max(...ts);
      const sigma = 0.08;
      const expected = bruteForceAmplitude(volume, dims, ts, phi, sigma, true);
      expect(maxRelativeError(await spiral.amplitude(phi, sigma), expected)).toBeLessThan(1e-12);
    }
  });

  it('gives a plane wave the constant amplitude a·S_φ(|k|), S normalised over the whole grid', async () => {
    // a·cos(2π k·x + θ): the shell scales both Fourier peaks by S_φ(|k|); v0 = a·S·cos, the Riesz
    // maps are a·S·(k_j/|k|)·sin, so m = a·S_φ(|k|) at every voxel.
    const dims: Vec3 = [20, 18, 16];
    const ts = 1.25;
    const k: Vec3 = [3, -2, 1];
    const a = 2.5;
    const volume = new Float64Array(dims[0] * dims[1] * dims[2]);
    for (let z = 0, i = 0; z < dims[2]; z++)
      for (let y = 0; y < dims[1]; y++)
        for (let x = 0; x < dims[0]; x++, i++) volume[i] = a * Math.cos(2 * Math.PI * ((k[0] * x) / dims[0] + (k[1] * y) / dims[1] + (k[2] * z) / dims[2]) + 0.4);
    const f0 = Math.hypot(k[0] / (dims[0] * ts), k[1] / (dims[1] * ts), k[2] / (dims[2] * ts));
    const sigma = 0.04;
    const spiral = await SpiralAmplitude.create(volume, dims, [ts, ts, ts], { threads: 1 });
    for (const phi of [0.05, f0, 0.15]) {
      // Σ over the full grid of exp(−(|f| − φ)²/2σ²), |f| from integer indices (sign does not matter).
      let sum = 0;
      for (let z = 0; z < dims[2]; z++)
        for (let y = 0; y < dims[1]; y++)
          for (let x = 0; x < dims[0]; x++) {
            const r = Math.hypot(fftfreq(x, dims[0], ts), fftfreq(y, dims[1], ts), fftfreq(z, dims[2], ts));
            sum += Math.exp(-((r - phi) ** 2) / (2 * sigma * sigma));
          }
      const expected = (a * Math.exp(-((f0 - phi) ** 2) / (2 * sigma * sigma))) / sum;
      const m = await spiral.amplitude(phi, sigma);
      let err = 0;
      for (const v of m) err = Math.max(err, Math.abs(v - expected));
      expect(err / expected).toBeLessThan(1e-10);
    }
  });

  it('runs threaded transforms on a larger grid with the same result', async () => {
    const dims: Vec3 = [40, 36, 34];
    const volume = randomVolume(dims, 3);
    const phi = 0.2;
    const sigma = 4.8 / (34 * 1.2);
    const one = await (await SpiralAmplitude.create(volume, dims, [1.2, 1.2, 1.2], { threads: 1 })).amplitude(phi, sigma);
    const two = await (await SpiralAmplitude.create(volume, dims, [1.2, 1.2, 1.2], { threads: 2 })).amplitude(phi, sigma);
    expect(maxRelativeError(two, one)).toBeLessThan(1e-12);
  });
});
