import type { Vec3, Volume, VoxelArray } from '../volume/index.js';

export type Axis = 'x' | 'y' | 'z';

/**
 * A 2D image, row-major: data[row·width + col]. Row 0 is the lowest index of the vertical axis (no
 * flip: the VRS pictures flip rows when drawing, vrs-spec §4.8).
 */
export interface Plane {
  data: Float32Array;
  width: number;
  height: number;
}

/**
 * The orientation of numpy slicing of a [z][y][x] array:
 * - 'z' (V[k, :, :]): width nx, height ny, pixel (col = x, row = y);
 * - 'y' (V[:, k, :]): width nx, height nz, pixel (col = x, row = z);
 * - 'x' (V[:, :, k]): width ny, height nz, pixel (col = y, row = z).
 */
export function planeShape(dims: Vec3, axis: Axis): { width: number; height: number } {
  const [nx, ny, nz] = dims;
  return axis === 'z' ? { width: nx, height: ny } : axis === 'y' ? { width: nx, height: nz } : { width: ny, height: nz };
}

/** The slice at `index` perpendicular to `axis`, orientation as planeShape. */
export function orthogonalSlice(volume: Volume<VoxelArray>, axis: Axis, index: number): Plane {
  const [nx, ny, nz] = volume.dims;
  const n = axis === 'x' ? nx : axis === 'y' ? ny : nz;
  if (!Number.isInteger(index) || index < 0 || index >= n) throw new RangeError(`slice index ${index} outside 0..${n - 1} along ${axis}`);
  const { width, height } = planeShape(volume.dims, axis);
  const out = new Float32Array(width * height);
  const v = volume.data;
  if (axis === 'z') {
    const base = index * nx * ny;
    for (let i = 0; i < nx * ny; i++) out[i] = v[base + i]!;
  } else if (axis === 'y') {
    for (let z = 0; z < nz; z++) for (let x = 0; x < nx; x++) out[z * nx + x] = v[(z * ny + index) * nx + x]!;
  } else {
    for (let z = 0; z < nz; z++) for (let y = 0; y < ny; y++) out[z * ny + y] = v[(z * ny + y) * nx + index]!;
  }
  return { data: out, width, height };
}

/** The central slice index along each axis, floor(n/2) (numpy `N // 2`), as [x, y, z]. */
export function centralSliceIndex(dims: Vec3): Vec3 {
  return [Math.floor(dims[0] / 2), Math.floor(dims[1] / 2), Math.floor(dims[2] / 2)];
}
