import { irfft3d, rfft3d } from '../../fft/index.js';
import type { Vec3 } from '../../volume/index.js';
import { applyRadialFilter } from '../applyRadialFilter.js';
import { xmippRealGaussian } from '../radialResponses.js';
import { selectKth } from './selectKth.js';

export interface PostProcessedLocalResolution {
  /** Smoothed local resolution (Å) on the voxels that received one, 0 elsewhere. */
  resolution: Float32Array;
  /**
   * The same everywhere in the box: outside `mask` the smoothed median-filled map (MonoRes
   * `monoresResolutionChimera`), for colouring surfaces that extend beyond the measured voxels.
   */
  display: Float32Array;
  /** 1 where a resolution was assigned (MonoRes `refinedMask`), 0 elsewhere. */
  mask: Uint8Array;
  /** The median that replaced the unresolved voxels before smoothing. */
  fillValue: number;
  /** Voxels with a resolution. */
  voxels: number;
}

/**
 * MonoRes post-processing (algorithms §3.5 steps 11–13; Xmipp `postProcessingLocalResolutions`):
 * 1. the median of the assigned resolutions (values above lastResolution − 0.001, sorted, element
 *    floor(N/2)) replaces every voxel below lastResolution — unresolved voxels and the outside —
 *    so that smoothing does not drag the edges of the molecule towards 0;
 * 2. the filled map is smoothed with Xmipp's real Gaussian σ = 3 (exp(−π²·9·|w|²));
 * 3. on voxels with a resolution the smoothed value is kept unless it is above the raw value (the
 *    smoothing may only improve a resolution) or below Nyquist (2·Ts), where the raw value stays.
 * Returns null when no voxel has a resolution.
 */
export async function postProcessLocalResolution(
  raw: Float32Array, dims: Vec3, lastResolution: number, nyquist: number, opts: { threads?: number } = {},
): Promise<PostProcessedLocalResolution | null> {
  const voxels = raw.length;
  let count = 0;
  for (let i = 0; i < voxels; i++) if (raw[i]! > lastResolution - 0.001) count++;
  if (count === 0) return null;
  const assigned = new Float64Array(count);
  for (let i = 0, k = 0; i < voxels; i++) if (raw[i]! > lastResolution - 0.001) assigned[k++] = raw[i]!;
  const fillValue = selectKth(assigned, Math.floor(0.5 * count));

  const mask = new Uint8Array(voxels);
  const filled = new Float64Array(voxels);
  for (let i = 0; i < voxels; i++) {
    if (raw[i]! < lastResolution) filled[i] = fillValue;
    else {
      filled[i] = raw[i]!;
      mask[i] = 1;
    }
  }
  const fftOpts = opts.threads === undefined ? {} : { threads: opts.threads };
  const spectrum = await rfft3d(filled, dims, fftOpts);
  applyRadialFilter(spectrum, dims, xmippRealGaussian(3));
  const smoothed = await irfft3d(spectrum, dims, { ...fftOpts, overwriteInput: true });

  const resolution = new Float32Array(voxels);
  const display = new Float32Array(voxels);
  let withValue = 0;
  for (let i = 0; i < voxels; i++) {
    const s = smoothed[i]!;
    if (mask[i] === 0) {
      display[i] = s;
      continue;
    }
    const r = raw[i]!;
    resolution[i] = s > r || s < nyquist ? r : s;
    display[i] = resolution[i]!;
    withValue++;
  }
  return { resolution, display, mask, fillValue, voxels: withValue };
}
