// Test fixture of the FSC-family tests (FSC, FDR FSC, 1.a): a Gaussian blob whose signal and noise
// powers are known in closed form, so the expected S/(S+N) of every shell is computed independently
// of the code under test.
import { halfMapPair } from '../../phantom/index.js';
import { Volume } from '../../volume/index.js';

/** 40³ box of 1.5 Å voxels, blob of σ = 1.5 voxels at (20, 20, 20), noise standard deviation 0.05. */
export const BLOB = { n: 40, ts: 1.5, sigma: 1.5, noiseSd: 0.05 } as const;

/** Amplitude gain of the coloured noise at digital frequency |w|. */
export function blobNoiseGain(w: number): number {
  return 0.5 + 2 * w;
}

/** The two halves: the blob plus independent coloured noise (seeded). */
export function blobHalves(seed: number): { half1: Volume<Float32Array>; half2: Volume<Float32Array> } {
  const { n, ts, sigma, noiseSd } = BLOB;
  const data = new Float32Array(n ** 3);
  for (let z = 0; z < n; z++)
    for (let y = 0; y < n; y++)
      for (let x = 0; x < n; x++) data[(z * n + y) * n + x] = Math.exp(-((x - 20) ** 2 + (y - 20) ** 2 + (z - 20) ** 2) / (2 * sigma * sigma));
  const signal = new Volume(data, { dims: [n, n, n], voxelSize: [ts, ts, ts], origin: [0, 0, 0] });
  const { half1, half2 } = halfMapPair(signal, { seed, noiseSd, noiseFilter: (wx, wy, wz) => blobNoiseGain(Math.hypot(wx, wy, wz)) });
  return { half1: half1 as Volume<Float32Array>, half2: half2 as Volume<Float32Array> };
}

/**
 * Expected power of one half-spectrum point at digital frequency |w| (unnormalised DFT): the
 * Gaussian's continuous transform (2πσ²)^{3/2}·exp(−2π²σ²|w|²) squared, and n³·σn²·g(|w|)² for the noise.
 */
export function blobPowers(w: number): { signal: number; noise: number } {
  const { n, sigma, noiseSd } = BLOB;
  return {
    signal: (2 * Math.PI * sigma * sigma) ** 3 * Math.exp(-4 * Math.PI ** 2 * sigma * sigma * w * w),
    noise: n ** 3 * noiseSd ** 2 * blobNoiseGain(w) ** 2,
  };
}
