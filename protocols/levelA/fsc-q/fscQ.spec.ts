import { beforeAll, describe, expect, it } from 'vitest';
import { halfMapPair, regionalResolutionPhantom, type Volume } from '../../../core/index.js';
import { computeFscQ, fscQStatistics, type FscQVolumes } from './fscQ.js';

// A 40³ phantom at 1.5 Å (Nyquist 3 Å): band-limited density at 6 Å inside a sphere of radius 14
// voxels, two halves with independent white noise. BlocRes measures the voxels 10 … 30 (box 20).
const n = 40;
const ts = 1.5;
const dims: [number, number, number] = [n, n, n];
const nyquist = 2 * ts;

describe('FSC-Q (computeFscQ, fscQStatistics)', () => {
  let signal: Volume;
  let mask: Float32Array;
  let half1: Float32Array;
  let half2: Float32Array;
  let map: Float32Array;
  const run = (modelMap: ArrayLike<number>, halves: [ArrayLike<number>, ArrayLike<number>] = [half1, half2], full: ArrayLike<number> = map) =>
    computeFscQ({ map: full, modelMap, half1: halves[0], half2: halves[1], softMask: mask }, dims, { voxelSize: ts, step: 3, threads: 1 });

  beforeAll(() => {
    const phantom = regionalResolutionPhantom(dims, ts, [{ centre: [20, 20, 20], radius: 14, resolution: 6 }], { seed: 31 });
    signal = phantom.signal;
    mask = Float32Array.from(phantom.mask);
    const halves = halfMapPair(signal, { seed: 32, noiseSd: 1.2 });
    half1 = halves.half1.data as Float32Array;
    half2 = halves.half2.data as Float32Array;
    map = half1.map((v, i) => (v + half2[i]!) / 2);
  });

  it('model map = the map: L_mm is the Nyquist limit everywhere, so FSC-Q ≤ 0 and FSC-Qr = 2·Ts/L_hh − 1', async () => {
    // The map correlates perfectly with itself: the local FSC never drops below 0.67 and BlocRes
    // returns its high-resolution limit, max(0.5 Å, 2·Ts) = 3 Å.
    const fsc = await run(map);
    let targets = 0;
    let negative = 0;
    for (let i = 0; i < fsc.fscQ.length; i++) {
      if (!fsc.targets[i]) {
        expect(fsc.fscQ[i]).toBe(0);
        continue;
      }
      targets++;
      expect(fsc.modelResolution[i]).toBeCloseTo(nyquist, 5);
      expect(fsc.fscQ[i]).toBeLessThanOrEqual(1e-5);
      expect(fsc.fscQr[i]).toBeCloseTo(nyquist / fsc.halvesResolution[i]! - 1, 5);
      if (fsc.fscQ[i]! < -0.1) negative++;
    }
    expect(targets).toBeGreaterThan(1000);
    // The halves are noisy: they do not reach Nyquist in most places.
    expect(negative / targets).toBeGreaterThan(0.8);
  });

  it('a perfect model (the noise-free density) agrees with the map at least as well as the halves with each other', async () => {
    // FSC(map, truth) = √(2C/(1+C)) with C the halves' FSC (map = mean of the halves): it is 0.82
    // where C = 0.5, so the 0.67 crossing lies at a finer frequency than the halves' 0.5 crossing.
    const fsc = await run(signal.data);
    const q: number[] = [];
    for (let i = 0; i < fsc.fscQ.length; i++) if (fsc.targets[i] && mask[i]) q.push(fsc.fscQ[i]!);
    const nonPositive = q.filter((v) => v <= 0).length / q.length;
    expect(nonPositive).toBeGreaterThan(0.8);
    const stats = fscQStatistics(fsc, signal.data)!;
    expect(stats.mean).toBeLessThan(0);
  });

  it('model density deleted in one half of the molecule: FSC-Q is positive there and negative in the intact half', async () => {
    const model = Float32Array.from(signal.data);
    for (let z = 0; z < 20; z++) model.fill(0, z * n * n, (z + 1) * n * n);
    const fsc = await run(model);
    const meanOver = (select: (z: number) => boolean) => {
      let sum = 0;
      let count = 0;
      for (let i = 0; i < fsc.fscQ.length; i++) {
        const z = Math.floor(i / (n * n));
        if (fsc.targets[i] && mask[i] && select(z)) {
          sum += fsc.fscQ[i]!;
          count++;
        }
      }
      return sum / count;
    };
    // Boxes centred at z ≤ 13 (spanning z ≤ 23) hold almost no model density.
    expect(meanOver((z) => z <= 13)).toBeGreaterThan(2);
    expect(meanOver((z) => z >= 27)).toBeLessThan(0);
  });

  it('statistics: mean, numpy percentiles and the share beyond ±1.5 over the measured voxels inside the atoms', () => {
    // Hand-made volumes: six voxels, of which four are inside the atoms and measured.
    const fsc: Pick<FscQVolumes, 'fscQ' | 'fscQr' | 'targets'> = {
      fscQ: Float32Array.from([1, 2, 3, 4, 5, 6]),
      fscQr: Float32Array.from([-2, 0.5, 1, 3, 9, 9]),
      targets: Uint8Array.from([1, 1, 1, 1, 0, 1]),
    };
    const modelMap = [1, 2, 0.98, 1.5, 2, 0.5];
    const stats = fscQStatistics(fsc, modelMap)!;
    // Sample: −2, 0.5, 1, 3 (voxel 4 is not measured, voxel 5 is outside the atoms).
    expect(Array.from(stats.values)).toEqual([-2, 0.5, 1, 3]);
    expect(stats.mean).toBeCloseTo(0.625, 12);
    // numpy.percentile([-2, .5, 1, 3], 2.5) = −2 + 0.075·2.5; 97.5 → 1 + 0.925·2 (indices 0.075 and 2.925).
    expect(stats.p2_5).toBeCloseTo(-2 + 0.075 * 2.5, 12);
    expect(stats.p97_5).toBeCloseTo(1 + 0.925 * 2, 12);
    expect(stats.percentAbsAbove15).toBeCloseTo(50, 12);
    // Clipped: −1.5, 0.5, 1, 1.5.
    expect(stats.clippedP2_5).toBeCloseTo(-1.5 + 0.075 * 2, 12);
    expect(stats.clippedP97_5).toBeCloseTo(1 + 0.925 * 0.5, 12);
    expect(stats.meanFscQ).toBeCloseTo(2.5, 12);
    expect(stats.unmeasuredInside).toBe(1);
    expect(fscQStatistics(fsc, [0, 0, 0, 0, 0, 0])).toBeNull();
  });
});
