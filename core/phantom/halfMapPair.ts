import { irfft3dSync, rfft3dSync } from '../fft/index.js';
import { halfSpectrumGrid } from '../kernels/halfSpectrumGrid.js';
import { SeededRandom } from '../stats/index.js';
import type { Volume } from '../volume/index.js';

/**
 * Noise amplitude filter in digital frequency (cycles/voxel per axis, |w| ≤ 0.5·√3): the factor by
 * which white noise is multiplied at that Fourier point. Direction-dependent filters make
 * anisotropic noise (noise only in a cone of directions).
 */
export type NoiseFilter = (wx: number, wy: number, wz: number) => number;

export interface HalfMapPairOptions {
  seed: number;
  /** Standard deviation of the white noise before filtering (per voxel). */
  noiseSd: number;
  /** Colours the noise; default white (factor 1 everywhere). */
  noiseFilter?: NoiseFilter;
}

/**
 * Two half maps of a known signal: half_k = signal + n_k with n_1, n_2 independent Gaussian fields
 * (drawn in that order from one seeded generator) coloured by `noiseFilter` — the recipe of the
 * synthetic level-1 data (../shared/data/level1/README.md) with our own generator. The expected FSC
 * per shell is S/(S + N) with S and N the signal and noise powers of the shell, which tests use as
 * the independent answer. Deterministic for a seed.
 */
export function halfMapPair(signal: Volume, opts: HalfMapPairOptions): { half1: Volume; half2: Volume } {
  const random = new SeededRandom(opts.seed);
  const noise = () => {
    const white = new Float64Array(signal.data.length);
    for (let i = 0; i < white.length; i++) white[i] = opts.noiseSd * random.normal();
    return opts.noiseFilter ? colour(white, signal, opts.noiseFilter) : white;
  };
  const n1 = noise();
  const n2 = noise();
  const half = (n: Float64Array) => {
    const data = new Float32Array(signal.data.length);
    for (let i = 0; i < data.length; i++) data[i] = signal.data[i]! + n[i]!;
    return signal.withData(data);
  };
  return { half1: half(n1), half2: half(n2) };
}

function colour(white: Float64Array, grid: Volume, filter: NoiseFilter): Float64Array {
  const spectrum = rfft3dSync(white, grid.dims);
  const { half, fx, fy, fz } = halfSpectrumGrid(grid.dims);
  let p = 0;
  for (let kz = 0; kz < half[2]; kz++)
    for (let ky = 0; ky < half[1]; ky++)
      for (let kx = 0; kx < half[0]; kx++, p++) {
        const g = filter(fx[kx]!, fy[ky]!, fz[kz]!);
        spectrum[2 * p]! *= g;
        spectrum[2 * p + 1]! *= g;
      }
  return irfft3dSync(spectrum, grid.dims);
}
