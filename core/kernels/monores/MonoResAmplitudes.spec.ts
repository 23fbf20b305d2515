import { afterAll, describe, expect, it } from 'vitest';
import { irfft3d, rfft3d } from '../../fft/index.js';
import { SeededRandom } from '../../stats/index.js';
import type { Vec3 } from '../../volume/index.js';
import { applyRadialFilter } from '../applyRadialFilter.js';
import { monogenicAmplitude } from '../monogenicAmplitude.js';
import { raisedCosineHighPass, raisedCosineLowPass } from '../radialResponses.js';
import { MonoResAmplitudes } from './MonoResAmplitudes.js';

/**
 * The direct computation, written from the definition with the library's plain kernels: high-pass
 * the spectrum, take the monogenic amplitude (four full inverse FFTs), low-pass it (two more).
 */
async function directAmplitude(map: Float32Array, dims: Vec3, f: number, fH: number, fL: number): Promise<Float64Array> {
  const spectrum = await rfft3d(map, dims, { threads: 1 });
  applyRadialFilter(spectrum, dims, raisedCosineHighPass(fH, f));
  const amplitude = await monogenicAmplitude(spectrum, dims, { threads: 1 });
  const smooth = await rfft3d(amplitude, dims, { threads: 1 });
  applyRadialFilter(smooth, dims, raisedCosineLowPass(f, fL - f));
  return irfft3d(smooth, dims, { threads: 1 });
}

function noiseMap(dims: Vec3, seed: number): Float32Array {
  const random = new SeededRandom(seed);
  const map = new Float32Array(dims[0] * dims[1] * dims[2]);
  for (let i = 0; i < map.length; i++) map[i] = random.normal() + 0.3;
  return map;
}

function relativeError(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let diff = 0;
  let scale = 0;
  for (let i = 0; i < a.length; i++) {
    diff = Math.max(diff, Math.abs(a[i]! - b[i]!));
    scale = Math.max(scale, Math.abs(b[i]!));
  }
  return diff / scale;
}

const opened: MonoResAmplitudes[] = [];
afterAll(async () => {
  for (const a of opened) await a.close();
});

describe('MonoResAmplitudes (pruned, fused passes) against the direct six-FFT computation', () => {
  const cases: { dims: Vec3; threads: number }[] = [
    { dims: [24, 20, 18], threads: 1 },
    { dims: [17, 16, 15], threads: 1 },
    { dims: [16, 19, 21], threads: 1 },
    { dims: [34, 33, 32], threads: 2 },
  ];
  for (const { dims, threads } of cases) {
    it(`${dims.join('×')}, ${threads} thread(s), low to Nyquist frequencies`, async () => {
      const map = noiseMap(dims, dims[0] * 7 + dims[2]);
      const amplitudes = await MonoResAmplitudes.create(map, dims, { threads });
      opened.push(amplitudes);
      for (const f of [1 / 12, 0.21, 0.33, 0.45, 0.5]) {
        const { highStart, lowEnd } = amplitudes.tails(f);
        expect(highStart).toBeCloseTo(Math.max(0, f - 0.02), 15);
        expect(lowEnd).toBeCloseTo(Math.min(0.5, f + 0.02), 15);
        const ours = Float64Array.from(await amplitudes.atFrequency(f));
        const direct = await directAmplitude(map, dims, f, highStart, lowEnd);
        // float32 output: relative 1e-6 is its rounding, not an algorithmic difference.
        expect(relativeError(ours, direct), `f = ${f}`).toBeLessThan(2e-6);
      }
    });
  }

  it('gives the full-band amplitude √(V² + Σ R_kV²): for a plane wave cos(2π k·x/n) it is 1 everywhere', async () => {
    const dims: Vec3 = [20, 20, 20];
    const map = new Float32Array(8000);
    for (let z = 0; z < 20; z++) for (let y = 0; y < 20; y++) for (let x = 0; x < 20; x++) {
      map[(z * 20 + y) * 20 + x] = Math.cos((2 * Math.PI * (3 * x + 2 * y - z)) / 20);
    }
    const amplitudes = await MonoResAmplitudes.create(map, dims, { threads: 1 });
    opened.push(amplitudes);
    const full = amplitudes.fullBandAmplitude();
    for (const v of full) expect(v).toBeCloseTo(1, 6);
  });

  it('refuses frequencies outside (0, ½]', async () => {
    const amplitudes = await MonoResAmplitudes.create(noiseMap([8, 8, 8], 1), [8, 8, 8], { threads: 1 });
    opened.push(amplitudes);
    await expect(amplitudes.atFrequency(0)).rejects.toThrow(RangeError);
    await expect(amplitudes.atFrequency(0.6)).rejects.toThrow(RangeError);
  });
});
