import { describe, expect, it } from 'vitest';
import { rfft3dSync } from '../fft/index.js';
import { radialProfile, shellIndex, shellSums } from './shellIndex.js';

describe('Xmipp Fourier shells', () => {
  it('counts the 4³ half spectrum by hand', () => {
    // digital frequencies per axis {0, ¼, ½, −¼} (x: {0, ¼, ½}); shell = round(4|w|), |w|² ≤ ¼ only.
    // shell 0: DC. shell 1 (|w| ∈ [⅛, ⅜)): one axis at ±¼ → 5 points, two axes at ±¼ (|w| = 0.354) → 8.
    // shell 2: three axes at ±¼ (|w| = 0.433) → 4, one axis at ½ → 3. The other 27 points are beyond ½.
    const s = shellIndex([4, 4, 4]);
    expect(s.count).toBe(3);
    const ones = new Float64Array(s.index.length).fill(1);
    expect(Array.from(shellSums(ones, s).count)).toEqual([1, 13, 7]);
    expect(s.index.filter((i) => i < 0).length).toBe(27);
  });

  it('rounds half away from zero and uses Nx for every axis', () => {
    // nx = 5, ny = 10: point (0, 1, 0) has |w| = 0.1 → 5·0.1 = 0.5 → shell 1
    const s = shellIndex([5, 10, 3]);
    const hx = 3;
    expect(s.index[(0 * 10 + 1) * hx + 0]).toBe(1);
  });

  it('puts a plane wave in its shell with amplitude N/2', () => {
    const dims: [number, number, number] = [16, 16, 16];
    const data = new Float64Array(16 ** 3);
    for (let z = 0, i = 0; z < 16; z++) for (let y = 0; y < 16; y++) for (let x = 0; x < 16; x++, i++) data[i] = Math.cos((2 * Math.PI * 3 * y) / 16);
    const sh = shellIndex(dims);
    const prof = radialProfile(rfft3dSync(data, dims), sh);
    // bins (0, ±3, 0) both stored (y is a full axis), |F| = 16³/2 each, shell 3
    prof.mean.forEach((m, s) => (s === 3 ? expect(m * prof.count[3]!).toBeCloseTo(2 * 2048, 6) : expect(m).toBeLessThan(1e-9)));
  });
});
