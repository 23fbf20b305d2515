import type { Volume, VoxelArray } from '../volume/index.js';
import type { Axis } from './orthogonalSlice.js';

/**
 * Index of the slice perpendicular to `axis` with the largest population variance (np.var of the
 * 2D slice, float64 sums); the first maximum wins (np.argmax).
 */
export function maxVarianceSliceIndex(volume: Volume<VoxelArray>, axis: Axis): number {
  const [nx, ny, nz] = volume.dims;
  const n = axis === 'x' ? nx : axis === 'y' ? ny : nz;
  const sum = new Float64Array(n);
  const sumSq = new Float64Array(n);
  const v = volume.data;
  // First pass: slice means (so the variance is a sum of squared deviations, not Σv² − n·mean²).
  let i = 0;
  for (let z = 0; z < nz; z++)
    for (let y = 0; y < ny; y++)
      for (let x = 0; x < nx; x++, i++) sum[axis === 'x' ? x : axis === 'y' ? y : z]! += v[i]!;
  const count = (nx * ny * nz) / n;
  const mean = Float64Array.from(sum, (s) => s / count);
  i = 0;
  for (let z = 0; z < nz; z++)
    for (let y = 0; y < ny; y++)
      for (let x = 0; x < nx; x++, i++) {
        const k = axis === 'x' ? x : axis === 'y' ? y : z;
        const d = v[i]! - mean[k]!;
        sumSq[k]! += d * d;
      }
  let best = 0;
  for (let k = 1; k < n; k++) if (sumSq[k]! > sumSq[best]!) best = k;
  return best;
}
