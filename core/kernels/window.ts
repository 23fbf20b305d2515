import { type Vec3, Volume, type VoxelArray } from '../volume/index.js';

/**
 * Centred crop or pad (Xmipp `transform_window --size`, `selfWindow` around the logical origin):
 * the voxel at floor(n/2) of each input axis lands on floor(n'/2) of the output, so the box centre
 * stays where Xmipp puts it; new voxels get `fill`. The origin moves so that every kept voxel keeps
 * its position in Å. Per axis, so non-cubic and mixed crop/pad work.
 */
export function window<T extends VoxelArray>(volume: Volume<T>, newDims: Vec3, fill = 0): Volume<T> {
  if (!newDims.every((d) => Number.isInteger(d) && d >= 1)) throw new RangeError(`window dims must be positive integers, got ${newDims.join('×')}`);
  const [nx, ny, nz] = volume.dims;
  const [mx, my, mz] = newDims;
  // input index = output index + shift
  const shift: Vec3 = [0, 1, 2].map((k) => Math.floor(volume.dims[k]! / 2) - Math.floor(newDims[k]! / 2)) as Vec3;
  const Ctor = volume.data.constructor as new (length: number) => T;
  const out = new Ctor(mx * my * mz);
  if (fill !== 0) out.fill(fill);
  const src = volume.data;
  const x0 = Math.max(0, -shift[0]);
  const x1 = Math.min(mx, nx - shift[0]);
  for (let z = 0; z < mz; z++) {
    const zi = z + shift[2];
    if (zi < 0 || zi >= nz) continue;
    for (let y = 0; y < my; y++) {
      const yi = y + shift[1];
      if (yi < 0 || yi >= ny) continue;
      if (x1 <= x0) continue;
      const srcRow = (zi * ny + yi) * nx + shift[0];
      const dstRow = (z * my + y) * mx;
      out.set(src.subarray(srcRow + x0, srcRow + x1) as unknown as ArrayLike<number>, dstRow + x0);
    }
  }
  const { voxelSize, origin } = volume.geometry;
  return new Volume(out, {
    dims: [mx, my, mz],
    voxelSize: [...voxelSize],
    origin: [origin[0] + shift[0] * voxelSize[0], origin[1] + shift[1] * voxelSize[1], origin[2] + shift[2] * voxelSize[2]],
  });
}
