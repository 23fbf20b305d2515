import { beforeAll, describe, expect, it } from 'vitest';
import { irfft3d, rfft3d } from '../../fft/index.js';
import { percentile } from '../../stats/index.js';
import type { Vec3 } from '../../volume/index.js';
import { applyRadialFilter } from '../applyRadialFilter.js';
import { halfSpectrumGrid } from '../halfSpectrumGrid.js';
import { monogenicAmplitude } from '../monogenicAmplitude.js';
import { raisedCosineHighPass, raisedCosineLowPass } from '../radialResponses.js';
import { monoResHalfMaps, type MonoResHalfMapsResult } from './monoResHalfMaps.js';
import { resolutionSweep } from './resolutionSweep.js';
import { risingNoiseHalves, type RisingNoiseHalves } from './risingNoiseHalves.js';

/**
 * Half maps made as the synthetic level-1 data are (risingNoiseHalves: Gaussian low-passed signal,
 * noise power 0.05 + (w/w_t)² tuned for FSC 0.143 at the design resolution). The expected answer
 * comes from the construction, not from the kernel:
 * - MonoRes compares the amplitude of the mean map high-passed at f (everything above f, tail
 *   f − 0.02 … f) with that of the half difference. Both are isotropic Gaussian fields, whose
 *   monogenic amplitude is σ times a fixed distribution (a0 and the three Riesz components are
 *   uncorrelated, their variances summing to σ²); smoothing is linear with unit gain at 0. So the
 *   signal-to-noise amplitude ratio is √(1 + SNR_band(f)) with
 *   SNR_band(f) = Σ H_f²·S / Σ H_f²·N/2 over the Fourier grid (the mean's noise and the half
 *   difference both have power N/2), computed here from the known spectra.
 * - The typical (median) voxel passes while √(1 + SNR_band) exceeds κ(f) = q95/median of the
 *   smoothed noise amplitude over the mask, which depends only on the noise spectrum's shape:
 *   it is measured on an independent noise realisation with the library's plain kernels
 *   (high-pass, monogenicAmplitude, low-pass), not with MonoResAmplitudes or the sweep.
 */
const n = 64;
const dims: Vec3 = [n, n, n];
const design = 3;
const maxResolution = 20;

/** The direct amplitude (definition of algorithms §3.5 step 6) from the library's plain kernels. */
async function directAmplitude(map: Float32Array, f: number): Promise<Float64Array> {
  const spectrum = await rfft3d(map, dims, { threads: 1 });
  applyRadialFilter(spectrum, dims, raisedCosineHighPass(Math.max(0, f - 0.02), f));
  const amplitude = await monogenicAmplitude(spectrum, dims, { threads: 1 });
  const smooth = await rfft3d(amplitude, dims, { threads: 1 });
  applyRadialFilter(smooth, dims, raisedCosineLowPass(f, Math.min(0.5, f + 0.02) - f));
  return irfft3d(smooth, dims, { threads: 1 });
}

/** SNR of the band the high-pass at f keeps, from the known spectra (Hermitian weights on the half grid). */
function bandSnr(halves: RisingNoiseHalves, f: number): number {
  const { half, fx, fy, fz } = halfSpectrumGrid(dims);
  const h = raisedCosineHighPass(Math.max(0, f - 0.02), f);
  let s = 0;
  let noise = 0;
  // E[A²] = Σ (1 + Σ_k r_k²)·power, r_k = w_k/|w| set to 0 on axis k's own Nyquist plane (the
  // Riesz maps are real): the noise, strongest there, loses more of its Riesz part than the signal.
  for (let kz = 0; kz < half[2]; kz++)
    for (let ky = 0; ky < half[1]; ky++)
      for (let kx = 0; kx < half[0]; kx++) {
        const w = Math.hypot(fx[kx]!, fy[ky]!, fz[kz]!);
        const nyq = [kx === n / 2, ky === n / 2, kz === n / 2];
        const riesz = w === 0 ? 0 : [fx[kx]!, fy[ky]!, fz[kz]!].reduce((acc, c, k) => acc + (nyq[k] ? 0 : (c / w) ** 2), 0);
        const weight = (kx === 0 || kx === n / 2 ? 1 : 2) * h(w) ** 2;
        s += weight * (1 + riesz) * halves.signalPower(w);
        noise += (weight * (1 + riesz) * halves.noisePower(w)) / 2;
      }
  return s / noise;
}

/** FSC of the construction at frequency w: S/(S + N). */
const fscAt = (halves: RisingNoiseHalves, w: number) => halves.signalPower(w) / (halves.signalPower(w) + halves.noisePower(w));

describe('monoResHalfMaps with noise rising with frequency (the level-1 recipe)', () => {
  // The signal fills the box, so the FSC the noise is tuned on (0.143 at the design resolution)
  // is also the local one.
  const ball = Uint8Array.from({ length: n ** 3 }, (_, i) => (Math.hypot((i % n) - 32, (Math.floor(i / n) % n) - 32, Math.floor(i / n / n) - 32) <= 16 ? 1 : 0));
  const sweep = resolutionSweep({ voxelSize: 1, boxSize: n, maxResolution, minResolution: 2, step: 0.5 });
  let halves: RisingNoiseHalves;
  let result: MonoResHalfMapsResult;
  const expected: { resolution: number; ratio: number; kappa: number; fsc: number }[] = [];
  beforeAll(async () => {
    halves = risingNoiseHalves(n, 1, design, 51);
    result = await monoResHalfMaps(halves.half1, halves.half2, ball, dims, { voxelSize: 1, maxResolution, threads: 1 });
    const other = risingNoiseHalves(n, 1, design, 77);
    const noiseOnly = Float32Array.from(other.half1, (v, i) => (v - other.half2[i]!) / 2);
    for (const s of sweep.slice(0, 9)) {
      const a = await directAmplitude(noiseOnly, s.frequency);
      const inMask = Array.from(a).filter((_, i) => ball[i]);
      const kappa = percentile(inMask, 95) / percentile(inMask, 50);
      expected.push({ resolution: s.resolution, ratio: Math.sqrt(1 + bandSnr(halves, s.frequency)), kappa, fsc: fscAt(halves, s.frequency) });
    }
  }, 60_000);

  it('reads the signal-to-noise amplitude ratio the spectra predict while every voxel is active', () => {
    // Sampling error: the signal's amplitude varies over ~1/bandwidth (≈ 25 voxels at the first
    // frequencies), so a 16-voxel ball holds few independent values: 25 % of the excess, plus 0.01.
    for (const [k, record] of result.frequencies.slice(0, 3).entries()) {
      const predicted = expected[k]!.ratio;
      expect(record.activeVoxels).toBeGreaterThan(0.95 * result.evaluatedVoxels);
      expect(Math.abs(record.meanSignal / record.meanNoise - predicted), `${record.resolution} Å`).toBeLessThan(0.25 * (predicted - 1) + 0.01);
    }
  });

  it('gives the typical voxel the last frequency where the predicted ratio beats the noise quantile (± one sweep step)', () => {
    const firstFail = expected.findIndex((e) => e.ratio < e.kappa);
    expect(firstFail).toBeGreaterThan(1);
    const predicted = firstFail - 1;
    const median = percentile(Array.from(result.rawResolution).filter((_, i) => ball[i]), 50);
    const index = sweep.findIndex((s) => Math.abs(s.resolution - median) < 1e-4);
    expect(index, `median ${median} Å, predicted ${expected[predicted]!.resolution} Å`).toBeGreaterThanOrEqual(predicted - 1);
    expect(index).toBeLessThanOrEqual(predicted + 1);
    // The construction itself puts that far below the design resolution: where the typical voxel
    // stops, the shell FSC is still above 0.9 (the band above f holds all the noise up to the
    // corners, whose power rises as w², while the signal sits near f).
    expect(expected[predicted]!.fsc).toBeGreaterThan(0.9);
    expect(median).toBeGreaterThan(2.5 * design);
  });
});
