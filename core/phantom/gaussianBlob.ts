import { type Vec3, Volume } from '../volume/index.js';

/**
 * amplitude·exp(−|p − centre|²/(2σ²)) sampled at the voxel indices p (centre and σ in voxels; the
 * voxel size only labels the result). Not periodic: the tails are cut by the box.
 */
export function gaussianBlob(dims: Vec3, centre: Vec3, sigma: number, opts: { amplitude?: number; voxelSize?: Vec3 } = {}): Volume {
  if (!(sigma > 0)) throw new RangeError(`gaussianBlob sigma must be > 0, got ${sigma}`);
  const amplitude = opts.amplitude ?? 1;
  const v = Volume.zeros(dims, opts.voxelSize ?? [1, 1, 1]);
  const k = -1 / (2 * sigma * sigma);
  const gx = Float64Array.from({ length: dims[0] }, (_, x) => Math.exp(k * (x - centre[0]) ** 2));
  const gy = Float64Array.from({ length: dims[1] }, (_, y) => Math.exp(k * (y - centre[1]) ** 2));
  const gz = Float64Array.from({ length: dims[2] }, (_, z) => Math.exp(k * (z - centre[2]) ** 2));
  let i = 0;
  for (let z = 0; z < dims[2]; z++)
    for (let y = 0; y < dims[1]; y++) {
      const a = amplitude * gz[z]! * gy[y]!;
      for (let x = 0; x < dims[0]; x++, i++) v.data[i] = a * gx[x]!;
    }
  return v;
}
