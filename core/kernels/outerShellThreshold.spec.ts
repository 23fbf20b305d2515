import { describe, expect, it } from 'vitest';
import { SeededRandom } from '../stats/index.js';
import { Volume, type Vec3 } from '../volume/index.js';
import { outerShellThreshold } from './outerShellThreshold.js';

describe('outerShellThreshold', () => {
  it('is μ + 3σ of the voxels within the shell, found by distance to the nearest face', () => {
    const dims: Vec3 = [23, 17, 29];
    const v = Volume.zeros(dims);
    const rnd = new SeededRandom(11);
    for (let i = 0; i < v.size; i++) v.data[i] = rnd.normal() + (i % 7);
    const r = outerShellThreshold(v, { thickness: 3 });
    const shell: number[] = [];
    for (let z = 0; z < dims[2]; z++)
      for (let y = 0; y < dims[1]; y++)
        for (let x = 0; x < dims[0]; x++) {
          const distance = Math.min(x, y, z, dims[0] - 1 - x, dims[1] - 1 - y, dims[2] - 1 - z);
          if (distance < 3) shell.push(v.get(x, y, z));
        }
    const mean = shell.reduce((a, b) => a + b, 0) / shell.length;
    const std = Math.sqrt(shell.reduce((a, b) => a + (b - mean) ** 2, 0) / shell.length);
    expect(r.voxels).toBe(shell.length);
    expect(r.mean).toBeCloseTo(mean, 10);
    expect(r.std).toBeCloseTo(std, 10);
    expect(r.threshold).toBeCloseTo(mean + 3 * std, 10);
  });

  it('sees only the solvent noise around a centred particle (default shell: 10 % of the box)', () => {
    const n = 60;
    const v = Volume.zeros([n, n, n]);
    const rnd = new SeededRandom(2);
    const noiseMean = 0.2;
    const noiseSd = 0.5;
    for (let z = 0; z < n; z++)
      for (let y = 0; y < n; y++)
        for (let x = 0; x < n; x++) {
          const r2 = (x - 30) ** 2 + (y - 30) ** 2 + (z - 30) ** 2;
          v.data[v.index(x, y, z)] = noiseMean + noiseSd * rnd.normal() + (r2 < 15 ** 2 ? 10 : 0);
        }
    const r = outerShellThreshold(v);
    expect(r.thickness).toBe(6);
    // 6-voxel shell: 60³ − 48³ = 105 408 noise voxels; standard errors ≈ σ/√n = 0.0015 (mean), 0.0011 (σ)
    expect(r.voxels).toBe(60 ** 3 - 48 ** 3);
    expect(r.mean).toBeCloseTo(noiseMean, 2);
    expect(r.std).toBeCloseTo(noiseSd, 2);
    expect(r.threshold).toBeCloseTo(noiseMean + 3 * noiseSd, 1);
  });

  it('gives the constant as level with σ = 0 for a masked map (the caller then needs another rule)', () => {
    const v = Volume.zeros([20, 20, 20]);
    v.data[v.index(10, 10, 10)] = 5;
    expect(outerShellThreshold(v)).toMatchObject({ threshold: 0, mean: 0, std: 0, thickness: 2 });
  });
});
