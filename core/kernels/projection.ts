import type { Volume, VoxelArray } from '../volume/index.js';
import { type Plane, type Axis, planeShape } from './orthogonalSlice.js';

/** Sum along `axis` (a projection), orientation as planeShape; float64 sums stored as float32. */
export function projection(volume: Volume<VoxelArray>, axis: Axis): Plane {
  const [nx, ny, nz] = volume.dims;
  const { width, height } = planeShape(volume.dims, axis);
  const acc = new Float64Array(width * height);
  const v = volume.data;
  let i = 0;
  for (let z = 0; z < nz; z++)
    for (let y = 0; y < ny; y++)
      for (let x = 0; x < nx; x++, i++) {
        const p = axis === 'z' ? y * nx + x : axis === 'y' ? z * nx + x : z * ny + y;
        acc[p]! += v[i]!;
      }
  return { data: Float32Array.from(acc), width, height };
}
