import { describe, expect, it } from 'vitest';
import { Volume } from '../volume/index.js';
import { softMask } from './softMask.js';
import { maskWith } from './testing.js';

describe('softMask (Xmipp real_gaussian 2, clamp)', () => {
  it('spreads one voxel into a Gaussian of variance σ²/2 = 2 per axis, sum 1', async () => {
    const m = maskWith([32, 32, 32], [[16, 16, 16]]);
    const s = await softMask(m, { threads: 1 });
    let sum = 0;
    let m2 = 0;
    for (let z = 0; z < 32; z++)
      for (let y = 0; y < 32; y++)
        for (let x = 0; x < 32; x++) {
          const v = s.data[s.index(x, y, z)]!;
          sum += v;
          m2 += v * (x - 16) ** 2;
        }
    expect(sum).toBeCloseTo(1, 4); // clamping removes only tiny negative ripples
    expect(m2 / sum).toBeCloseTo(2, 2); // ~1e-3 from the cut at Nyquist (H(½) = e^−π²) and the clamp
    // peak of a 3D normalised Gaussian of variance 2: (2π·2)^(−3/2)
    expect(s.data[s.index(16, 16, 16)]).toBeCloseTo((4 * Math.PI) ** -1.5, 4);
  });

  it('gives ½ ± ½·g(0) on both sides of a flat face (g(0) = 1/√(2π·2))', async () => {
    const dims: [number, number, number] = [32, 32, 32];
    const m = new Volume(new Uint8Array(32 ** 3), { dims, voxelSize: [1, 1, 1], origin: [0, 0, 0] });
    for (let z = 4; z < 28; z++) for (let y = 4; y < 28; y++) for (let x = 8; x < 24; x++) m.data[m.index(x, y, z)] = 1;
    const s = await softMask(m, { threads: 1 });
    const g0 = 1 / Math.sqrt(4 * Math.PI);
    expect(s.data[s.index(23, 16, 16)]).toBeCloseTo(0.5 + 0.5 * g0, 4); // last voxel inside
    expect(s.data[s.index(24, 16, 16)]).toBeCloseTo(0.5 - 0.5 * g0, 4); // first voxel outside
    expect(s.data[s.index(16, 16, 16)]).toBeCloseTo(1, 4);
    expect(Math.min(...s.data)).toBeGreaterThanOrEqual(0);
  });
});
