import type { Volume, VoxelArray } from '../volume/index.js';

/**
 * Mirror image along one axis: v′[..., i, ...] = v[..., n − 1 − i, ...] (numpy flip), same geometry.
 * A map and its mirror have opposite hands (the DeepHand sanity check, algorithms §5.2).
 */
export function mirror<T extends VoxelArray>(volume: Volume<T>, axis: 'x' | 'y' | 'z'): Volume<T> {
  const [nx, ny, nz] = volume.dims;
  const src = volume.data;
  const out = volume.clone();
  const d = out.data;
  let i = 0;
  for (let z = 0; z < nz; z++)
    for (let y = 0; y < ny; y++)
      for (let x = 0; x < nx; x++, i++) {
        const j = axis === 'x' ? (z * ny + y) * nx + (nx - 1 - x) : axis === 'y' ? (z * ny + (ny - 1 - y)) * nx + x : ((nz - 1 - z) * ny + y) * nx + x;
        d[i] = src[j]!;
      }
  return out;
}
