import { describe, expect, it } from 'vitest';
import { fitSlopeWeights } from './fitSlopeWeights.js';
import { localBFactor } from './localBFactor.js';
import { sweepFrequencies } from './sweepFrequencies.js';
import { GaussianSpiralAmplitudeLaw } from './testing/gaussianSpiralAmplitudeLaw.js';
import { bandVariances, fftfreq, halfBoxPartition, randomPhaseField } from './testing/randomPhaseFields.js';

const n = 64;
const ts = 1.5;
const resolution = 3.5;
const frequencies = sweepFrequencies(15, resolution, 10);
/** Textbook least-squares slope, written out (independent of fitSlopeWeights). */
function slope(x: number[], y: number[]): number {
  const mx = x.reduce((a, b) => a + b) / x.length;
  const my = y.reduce((a, b) => a + b) / y.length;
  let sxy = 0;
  let sxx = 0;
  x.forEach((xi, j) => {
    sxy += (xi - mx) * (y[j]! - my);
    sxx += (xi - mx) ** 2;
  });
  return sxy / sxx;
}
const phi2 = Array.from(frequencies, (f) => f * f);

function meanOver(values: Float32Array, select: (i: number) => boolean): number {
  let sum = 0;
  let count = 0;
  for (let i = 0; i < values.length; i++) {
    if (!select(i)) continue;
    sum += values[i]!;
    count++;
  }
  return sum / count;
}

describe('localBFactor', () => {
  it('gives a plane wave 4·slope of ln(a·S_φ(f0)/2) against φ² at every voxel', async () => {
    // The amplitude is a·S_φ(f0) everywhere, so the background quantile q equals it and
    // L = ln(m²/(m + m)) = ln(m/2); S_φ(f0) = exp(−(f0 − φ)²/2σ²)/Σ_grid exp(…).
    const size = 24;
    const k = [2, 3, 1];
    const a = 3;
    const volume = new Float64Array(size ** 3);
    for (let z = 0, i = 0; z < size; z++)
      for (let y = 0; y < size; y++) for (let x = 0; x < size; x++, i++) volume[i] = a * Math.cos((2 * Math.PI * (k[0]! * x + k[1]! * y + k[2]! * z)) / size);
    const mask = new Uint8Array(size ** 3);
    mask.fill(1, 0, (size ** 3) / 2);
    const result = await localBFactor(volume, [size, size, size], [ts, ts, ts], mask, { resolution, threads: 1 });
    const f0 = Math.hypot(...k) / (size * ts);
    const sigma = 4.8 / (size * ts);
    const logs = Array.from(frequencies, (phi) => {
      let sum = 0;
      for (let z = 0; z < size; z++)
        for (let y = 0; y < size; y++)
          for (let x = 0; x < size; x++) sum += Math.exp(-((Math.hypot(fftfreq(x, size, ts), fftfreq(y, size, ts), fftfreq(z, size, ts)) - phi) ** 2) / (2 * sigma * sigma));
      return Math.log((a * Math.exp(-((f0 - phi) ** 2) / (2 * sigma * sigma))) / sum / 2);
    });
    const expected = 4 * slope(phi2, logs);
    let err = 0;
    for (const b of result.bFactor) err = Math.max(err, Math.abs(b - expected));
    expect(err).toBeLessThan(1e-5 * Math.abs(expected));
    expect(result.frequencies).toEqual(Array.from(frequencies));
    expect(result.backgroundVoxels).toBeGreaterThan(0);
  });

  it('recovers the expected mean local B of random-phase maps with |F| ∝ exp(−B s²/4)', async () => {
    // For a random-phase field m_φ² = σ(φ)²·T with T of the same law at every φ, and with the
    // background being the same field q_φ ∝ σ(φ): E[L_φ] = ln σ(φ) + const, so
    // E[local B] = 4·slope(ln σ(φ) against φ²), σ(φ)² = Σ S_φ²|F|²/Σ|F|² (direct sum over the grid).
    // It is not −B: the unit-sum shell scales the amplitude by ≈ 1/φ (and smears it over the shell
    // width), which adds about −54 Å² here. Tolerance: per-voxel SD ≈ 60 Å², ≈ 300 independent
    // kernels (σ_r = n/30 voxels) in half the box → standard error ≈ 3.5 Å²; we allow 6.
    const mask = new Uint8Array(n ** 3);
    for (let i = 0; i < mask.length; i++) mask[i] = i % n < n / 2 ? 1 : 0;
    const means: number[] = [];
    for (const b of [0, 50, 150]) {
      const result = await localBFactor(randomPhaseField(n, ts, b, 3), [n, n, n], [ts, ts, ts], mask, { resolution });
      const expected = 4 * slope(phi2, bandVariances(n, ts, b, frequencies).map((v) => 0.5 * Math.log(v)));
      const mean = meanOver(result.bFactor, (i) => mask[i] === 1);
      expect(Math.abs(mean - expected), `B = ${b}: mean ${mean}, expected ${expected}`).toBeLessThan(6);
      means.push(mean - expected);
    }
    // Same phases for the three maps: the sampling error is shared, the differences are tight.
    expect(Math.abs(means[1]! - means[0]!)).toBeLessThan(1.5);
    expect(Math.abs(means[2]! - means[0]!)).toBeLessThan(1.5);
  });

  it('tells two regions of different B apart, with the noise-weighting term predicted', async () => {
    // Left half B = 30, right half B = 130 (independent phases), mask a central z slab; the noise
    // comes from both halves outside the slab. With q_φ solving ½F_T(q²/σ1²) + ½F_T(q²/σ2²) = 0.9,
    // E[L_φ] in region i = ln σ_i + E[ln(T/(√T + q/σ_i))] (T's law: GaussianSpiralAmplitudeLaw).
    const field1 = randomPhaseField(n, ts, 30, 7);
    const field2 = randomPhaseField(n, ts, 130, 8);
    const volume = new Float32Array(n ** 3);
    const mask = new Uint8Array(n ** 3);
    const region = new Int8Array(n ** 3);
    for (let z = 0, i = 0; z < n; z++)
      for (let y = 0; y < n; y++)
        for (let x = 0; x < n; x++, i++) {
          const p = halfBoxPartition(x, n);
          volume[i] = p * field1[i]! + (1 - p) * field2[i]!;
          mask[i] = Math.abs(z - n / 2) < n / 4 ? 1 : 0;
          // Region cores: at least n/8 voxels (≈ 4 kernel widths) from the partition's edges.
          if (mask[i]) region[i] = x >= n / 8 && x < (3 * n) / 8 ? 1 : x >= (5 * n) / 8 && x < (7 * n) / 8 ? 2 : 0;
        }
    const result = await localBFactor(volume, [n, n, n], [ts, ts, ts], mask, { resolution });

    const law = new GaussianSpiralAmplitudeLaw();
    const sigma1 = bandVariances(n, ts, 30, frequencies).map(Math.sqrt);
    const sigma2 = bandVariances(n, ts, 130, frequencies).map(Math.sqrt);
    const expected = [0, 0];
    frequencies.forEach((_, j) => {
      const q2 = GaussianSpiralAmplitudeLaw.solve((t) => 0.5 * law.cdfAt(t / sigma1[j]! ** 2) + 0.5 * law.cdfAt(t / sigma2[j]! ** 2), 0.9);
      const q = Math.sqrt(q2);
      // The predicted noise level is what the method measured (to sampling error).
      expect(Math.abs(result.noiseLevels[j]! / q - 1)).toBeLessThan(0.05);
      [sigma1[j]!, sigma2[j]!].forEach((s, r) => {
        const weightTerm = law.expectation((t) => Math.log(t / (Math.sqrt(t) + q / s)));
        expected[r]! += 4 * fitSlopeWeights(phi2)[j]! * (Math.log(s) + weightTerm);
      });
    });
    const mean1 = meanOver(result.bFactor, (i) => region[i] === 1);
    const mean2 = meanOver(result.bFactor, (i) => region[i] === 2);
    // Each region core holds ≈ 32k voxels (≈ 75 kernels): standard error ≈ 60/√75 ≈ 7 Å² at worst
    // (observed across seeds: within ±4 Å²); we allow 10.
    expect(Math.abs(mean1 - expected[0]!), `region B=30: ${mean1} vs ${expected[0]}`).toBeLessThan(10);
    expect(Math.abs(mean2 - expected[1]!), `region B=130: ${mean2} vs ${expected[1]}`).toBeLessThan(10);
    expect(mean2 - mean1).toBeLessThan(-100);
  });

  it('rejects a mask that leaves no background inside the inscribed sphere', async () => {
    const size = 8;
    await expect(localBFactor(new Float32Array(size ** 3), [size, size, size], [1, 1, 1], new Uint8Array(size ** 3).fill(1), { resolution: 3 })).rejects.toThrow(/no background/);
  });
});
