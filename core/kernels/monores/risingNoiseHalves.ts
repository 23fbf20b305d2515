// Test helper (MonoRes and BlocRes specs): half maps built with the recipe of the synthetic level-1
// data (../shared/data/level1/README.md), on a signal whose power spectrum is known exactly.
import { irfft3dSync, rfft3dSync } from '../../fft/index.js';
import { halfMapPair } from '../../phantom/index.js';
import { SeededRandom } from '../../stats/index.js';
import { Volume, type Vec3 } from '../../volume/index.js';
import { applyRadialFilter } from '../applyRadialFilter.js';
import { gaussianLowPass } from '../radialResponses.js';

export interface RisingNoiseHalves {
  half1: Float32Array;
  half2: Float32Array;
  /** Expected power per Fourier point (numpy scaling, ÷ n³) of the signal and of one half's noise, |w| digital. */
  signalPower: (w: number) => number;
  noisePower: (w: number) => number;
  /** The noise scale c of the recipe. */
  scale: number;
}

/**
 * Signal: white Gaussian noise filtered by 1/(1 + (w/w0)²), w0 = 0.02 (power falling as w⁻⁴ like
 * a real map's, Porod's law), then by the recipe's Gaussian exp(−w²/(2(1.5 w_t)²)), w_t =
 * Ts/design: power P(w) = exp(−w²/(1.5 w_t)²)/(1 + (w/w0)²)², known without estimating it. It
 * fills the box, so its local spectrum is the global one (a molecule cut out of it would leak its
 * strong low frequencies into every high-pass band through its edge, and the local answers would
 * no longer follow from P alone). Noise of each half: white noise coloured to power c·g(w),
 * g(w) = 0.05 + (w/w_t)², rising with frequency; as in the recipe, c puts the expected FSC
 * P/(P + c·g) at 0.143 exactly at w_t. Digital frequencies throughout.
 */
export function risingNoiseHalves(n: number, voxelSize: number, design: number, seed: number): RisingNoiseHalves {
  const dims: Vec3 = [n, n, n];
  const wt = voxelSize / design;
  const random = new SeededRandom(seed);
  const porod = (w: number) => 1 / (1 + (w / 0.02) ** 2);
  const white = new Float64Array(n ** 3);
  for (let i = 0; i < white.length; i++) white[i] = random.normal();
  const gaussian = gaussianLowPass(1.5 * wt);
  const spectrum = applyRadialFilter(rfft3dSync(white, dims), dims, (w) => porod(w) * gaussian(w));
  const signal = Float32Array.from(irfft3dSync(spectrum, dims));
  const signalPower = (w: number) => (porod(w) * gaussian(w)) ** 2;
  const g = (w: number) => 0.05 + (w / wt) ** 2;
  const scale = (signalPower(wt) * (1 / 0.143 - 1)) / g(wt);
  const grid = new Volume(signal, { dims, voxelSize: [voxelSize, voxelSize, voxelSize], origin: [0, 0, 0] });
  const { half1, half2 } = halfMapPair(grid, {
    seed: seed + 1,
    noiseSd: 1,
    noiseFilter: (wx, wy, wz) => Math.sqrt(scale * g(Math.hypot(wx, wy, wz))),
  });
  return { half1: half1.data as Float32Array, half2: half2.data as Float32Array, signalPower, noisePower: (w) => scale * g(w), scale };
}
