// Test phantom: half maps whose FSC is known in every direction, for the directional-FSC checks.
import { irfft3dSync, rfft3dSync } from '../../../fft/index.js';
import { halfMapPair } from '../../../phantom/index.js';
import { SeededRandom } from '../../../stats/index.js';
import { Volume } from '../../../volume/index.js';
import { halfSpectrumGrid } from '../../halfSpectrumGrid.js';

export interface ConeNoiseHalvesOptions {
  n: number;
  voxelSize: number;
  seed: number;
  /** Signal amplitude exp(−(|w|/w0)²) in digital frequency. */
  w0: number;
  /** Standard deviation of the white noise everywhere. */
  noiseSd: number;
  /** Noise power multiplied by this inside the double cone about z (1: isotropic halves). */
  conePowerFactor: number;
  /** Half-angle of that cone, degrees. */
  coneHalfAngle: number;
}

/**
 * Two halves = S + N_k: S white noise shaped by the amplitude A(w) = exp(−(|w|/w0)²), N_k
 * independent white noise of `noiseSd` whose power is `conePowerFactor` times larger for
 * frequencies within `coneHalfAngle` of ±z. The expected FSC at frequency w is then
 * A²/(A² + σ²·g²) with g² the noise-power factor of that direction — the independent answer.
 */
export function coneNoiseHalves(o: ConeNoiseHalvesOptions): { half1: Volume<Float32Array>; half2: Volume<Float32Array> } {
  const dims: [number, number, number] = [o.n, o.n, o.n];
  const random = new SeededRandom(o.seed);
  const white = Float64Array.from({ length: o.n ** 3 }, () => random.normal());
  const spectrum = rfft3dSync(white, dims);
  const { half, fx, fy, fz } = halfSpectrumGrid(dims);
  let p = 0;
  for (let kz = 0; kz < half[2]; kz++)
    for (let ky = 0; ky < half[1]; ky++)
      for (let kx = 0; kx < half[0]; kx++, p++) {
        const a = Math.exp(-(fx[kx]! ** 2 + fy[ky]! ** 2 + fz[kz]! ** 2) / (o.w0 * o.w0));
        spectrum[2 * p]! *= a;
        spectrum[2 * p + 1]! *= a;
      }
  const signal = new Volume(Float32Array.from(irfft3dSync(spectrum, dims)), { dims, voxelSize: [o.voxelSize, o.voxelSize, o.voxelSize], origin: [0, 0, 0] });
  const cosCone = Math.cos((o.coneHalfAngle * Math.PI) / 180);
  const boost = Math.sqrt(o.conePowerFactor);
  return halfMapPair(signal, {
    seed: o.seed + 1,
    noiseSd: o.noiseSd,
    noiseFilter: (wx, wy, wz) => {
      const w = Math.hypot(wx, wy, wz);
      return w > 0 && Math.abs(wz) / w >= cosCone ? boost : 1;
    },
  });
}

/** Digital frequency where A²/(A² + σ²g²) = fsc: A² = fsc/(1 − fsc)·σ²g², A² = exp(−2(w/w0)²). */
export function expectedCrossing(fsc: number, w0: number, noisePower: number): number {
  return w0 * Math.sqrt(-Math.log((fsc / (1 - fsc)) * noisePower) / 2);
}
