import { describe, expect, it } from 'vitest';
import { rfft3dSync } from '../fft/index.js';
import type { Vec3 } from '../volume/index.js';
import { monogenicAmplitude } from './monogenicAmplitude.js';

function planeWave(dims: Vec3, k: Vec3, amplitude: number, phase = 0): Float64Array {
  const out = new Float64Array(dims[0] * dims[1] * dims[2]);
  for (let z = 0, i = 0; z < dims[2]; z++)
    for (let y = 0; y < dims[1]; y++)
      for (let x = 0; x < dims[0]; x++, i++) out[i] = amplitude * Math.cos(2 * Math.PI * ((k[0] * x) / dims[0] + (k[1] * y) / dims[1] + (k[2] * z) / dims[2]) + phase);
  return out;
}

const maxDeviation = (a: ArrayLike<number>, value: number) => {
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i]! - value));
  return m;
};

describe('monogenicAmplitude', () => {
  it('is the constant amplitude of a plane wave (v0 = A cos θ, Σv_k² = A² sin² θ)', async () => {
    for (const [dims, k] of [
      [[16, 12, 10], [2, 3, 1]],
      [[15, 9, 7], [-4, 2, 3]],
      [[16, 16, 16], [0, 0, 5]],
    ] as [Vec3, Vec3][]) {
      const a = await monogenicAmplitude(rfft3dSync(planeWave(dims, k, 2.5, 0.7), dims), dims, { threads: 1 });
      expect(maxDeviation(a, 2.5)).toBeLessThan(1e-12);
    }
  });

  it('drops the Riesz term on Nyquist planes by default; numpy mode adds numpy’s imaginary remainder', async () => {
    // cos(πx): v0 = ±1, the x-Riesz map of a Nyquist wave is sin(πx) = 0 on the grid → A = 1.
    // numpy's complex ifftn(−i·(−½/½)·F) is i·cos(πx) → |vx| = 1 → A = √2.
    const dims: Vec3 = [8, 8, 8];
    const nyq = rfft3dSync(planeWave(dims, [4, 0, 0], 1), dims);
    expect(maxDeviation(await monogenicAmplitude(nyq, dims, { threads: 1 }), 1)).toBeLessThan(1e-12);
    expect(maxDeviation(await monogenicAmplitude(nyq, dims, { threads: 1, nyquist: 'numpy' }), Math.SQRT2)).toBeLessThan(1e-12);

    // k = (1, 4, 0) on 8³: |w| = √(⅛² + ½²); real: A² = cos²θ + (w_x/|w|)² sin²θ (y term on its Nyquist
    // plane dropped); numpy adds (½/|w|)² cos²θ.
    const f = rfft3dSync(planeWave(dims, [1, 4, 0], 1), dims);
    const w = Math.hypot(1 / 8, 0.5);
    const real = await monogenicAmplitude(f, dims, { threads: 1 });
    const numpy = await monogenicAmplitude(f, dims, { threads: 1, nyquist: 'numpy' });
    let errReal = 0;
    let errNumpy = 0;
    for (let z = 0, i = 0; z < 8; z++)
      for (let y = 0; y < 8; y++)
        for (let x = 0; x < 8; x++, i++) {
          const th = 2 * Math.PI * (x / 8 + (4 * y) / 8);
          const a2 = Math.cos(th) ** 2 + (1 / 8 / w) ** 2 * Math.sin(th) ** 2;
          errReal = Math.max(errReal, Math.abs(real[i]! - Math.sqrt(a2)));
          errNumpy = Math.max(errNumpy, Math.abs(numpy[i]! - Math.sqrt(a2 + (0.5 / w) ** 2 * Math.cos(th) ** 2)));
        }
    expect(errReal).toBeLessThan(1e-12);
    expect(errNumpy).toBeLessThan(1e-12);
  });

  it('writes into a float32 out and leaves the spectrum untouched', async () => {
    const dims: Vec3 = [12, 12, 12];
    const f = rfft3dSync(planeWave(dims, [1, 2, 3], 1), dims);
    const copy = f.slice();
    const out = new Float32Array(12 ** 3);
    const a = await monogenicAmplitude(f, dims, { threads: 1, out });
    expect(a).toBe(out);
    expect(maxDeviation(out, 1)).toBeLessThan(1e-6);
    expect(Array.from(f)).toEqual(Array.from(copy));
  });
});
