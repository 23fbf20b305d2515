import { describe, expect, it } from 'vitest';
import { SeededRandom } from '../../stats/index.js';
import { monoDir, MonoDirFailure } from './monoDir.js';

function ballMask(n: number, radius: number): Uint8Array {
  const c = Math.floor(n / 2);
  const mask = new Uint8Array(n * n * n);
  for (let z = 0, p = 0; z < n; z++) for (let y = 0; y < n; y++) for (let x = 0; x < n; x++, p++) {
    if ((x - c) ** 2 + (y - c) ** 2 + (z - c) ** 2 <= radius * radius) mask[p] = 1;
  }
  return mask;
}

describe('monoDir input requirements', () => {
  const n = 24;
  const random = new SeededRandom(5);
  const noise = Float32Array.from({ length: n ** 3 }, () => random.normal());

  it('refuses a mask that leaves no noise shell inside n/2 − 7 (the original\'s "map does not verify the requirements")', async () => {
    // n/2 − 7 = 5: a mask of radius 5 leaves nothing between the protein and the usable radius.
    await expect(monoDir(noise, ballMask(n, 5), [n, n, n], { voxelSize: 2, threads: 1 })).rejects.toThrow(MonoDirFailure);
    await expect(monoDir(noise, ballMask(n, 5), [n, n, n], { voxelSize: 2, threads: 1 })).rejects.toThrow(/no noise shell/);
  });

  it('finds the cliff of a map masked by a sphere and refuses when it hugs the protein', async () => {
    const masked = Float32Array.from(noise);
    const c = n / 2;
    for (let z = 0, p = 0; z < n; z++) for (let y = 0; y < n; y++) for (let x = 0; x < n; x++, p++) {
      if ((x - c) ** 2 + (y - c) ** 2 + (z - c) ** 2 >= 8 * 8) masked[p] = 0;
    }
    await expect(monoDir(masked, ballMask(n, 3), [n, n, n], { voxelSize: 2, threads: 1 })).rejects.toThrow(/masked at 14.0 Å/); // 7 voxels of 2 Å
  });

  it('refuses empty masks, constant maps, non-finite values and non-cubic boxes', async () => {
    await expect(monoDir(noise, new Uint8Array(n ** 3), [n, n, n], { voxelSize: 2 })).rejects.toThrow(/mask is empty/);
    await expect(monoDir(new Float32Array(n ** 3), ballMask(n, 2), [n, n, n], { voxelSize: 2 })).rejects.toThrow(/constant/);
    const bad = Float32Array.from(noise);
    bad[7] = NaN;
    await expect(monoDir(bad, ballMask(n, 2), [n, n, n], { voxelSize: 2 })).rejects.toThrow(/non-finite/);
    await expect(monoDir(new Float32Array(24 * 24 * 12), new Uint8Array(24 * 24 * 12), [24, 24, 12], { voxelSize: 2 })).rejects.toThrow(/cubic/);
  });
});
