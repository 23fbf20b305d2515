import type { BinaryMask, Volume } from '../volume/index.js';
import { filterVolume } from './filterVolume.js';
import { xmippRealGaussian } from './radialResponses.js';

/**
 * The VRS "mask with soft borders" from a hard mask (vrs-spec §3.3, algorithms §2.2 steps 4–5):
 * Xmipp `transform_filter --fourier real_gaussian σ` (σ = 2: a periodic Gaussian blur of std
 * σ/√2 ≈ 1.41 voxels, see xmippRealGaussian), then negatives clamped to 0. Values lie in [0, ~1].
 */
export async function softMask(hardMask: BinaryMask, opts: { sigma?: number; threads?: number } = {}): Promise<Volume<Float32Array>> {
  const sigma = opts.sigma ?? 2;
  const out = await filterVolume(hardMask, xmippRealGaussian(sigma), opts.threads === undefined ? {} : { threads: opts.threads });
  const d = out.data;
  for (let i = 0; i < d.length; i++) if (d[i]! < 0) d[i] = 0;
  return out;
}
