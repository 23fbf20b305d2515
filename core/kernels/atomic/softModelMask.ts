import type { VolumeGeometry } from '../../volume/index.js';
import { gaussianFilterReflect } from '../localSinusoid/gaussianFilterReflect.js';

/**
 * A soft mask from a binary one (the protocol passes the molecular mask grown by `radius`): blurred by
 * a Gaussian of σ = radius/2, so ½ on the binary mask's edge and ~0.02 one radius outside it; values
 * in [0, 1]. Phenix multiplies map and model map by such a mask for its "masked" resolutions and
 * reports the smoothing radius; the exact kernel is ours. σ is converted to voxels with the mean voxel
 * size (one σ for the three axes; exact on cubic voxels). Edges of the box reflect.
 */
export function softModelMask(mask: Uint8Array, geometry: VolumeGeometry, radius: number): Float32Array {
  if (!(radius > 0)) throw new RangeError(`softModelMask: smoothing radius must be positive, got ${radius}`);
  const [sx, sy, sz] = geometry.voxelSize;
  const sigma = radius / 2 / ((sx + sy + sz) / 3);
  const blurred = gaussianFilterReflect(mask, geometry.dims, sigma);
  const out = new Float32Array(blurred.length);
  for (let i = 0; i < out.length; i++) out[i] = Math.min(1, Math.max(0, blurred[i]!));
  return out;
}
