import type { ScalarGrid } from './surfaceNets.js';

/**
 * Averages `factor`³ blocks of a grid (for display only: a 432³ map drawn in a 480-pixel view
 * has more voxels than pixels). Partial blocks at the far edges are averaged over what exists.
 * The new grid point sits at the centre of its block, so positions in Å are preserved.
 */
export function downsampleGrid(grid: ScalarGrid, factor: number): ScalarGrid {
  if (factor <= 1) return grid;
  const [nx, ny, nz] = grid.dims;
  const mx = Math.ceil(nx / factor);
  const my = Math.ceil(ny / factor);
  const mz = Math.ceil(nz / factor);
  const sums = new Float64Array(mx * my * mz);
  const counts = new Uint32Array(mx * my * mz);
  const data = grid.data;
  for (let z = 0; z < nz; z++) {
    const bz = Math.floor(z / factor) * my;
    for (let y = 0; y < ny; y++) {
      const row = (bz + Math.floor(y / factor)) * mx;
      let source = (z * ny + y) * nx;
      for (let x = 0; x < nx; x++, source++) {
        const target = row + Math.floor(x / factor);
        sums[target] = sums[target]! + data[source]!;
        counts[target] = counts[target]! + 1;
      }
    }
  }
  const out = new Float32Array(mx * my * mz);
  for (let i = 0; i < out.length; i++) out[i] = sums[i]! / counts[i]!;
  const half = (factor - 1) / 2;
  return {
    data: out,
    dims: [mx, my, mz],
    spacing: [grid.spacing[0] * factor, grid.spacing[1] * factor, grid.spacing[2] * factor],
    origin: [grid.origin[0] + half * grid.spacing[0], grid.origin[1] + half * grid.spacing[1], grid.origin[2] + half * grid.spacing[2]],
  };
}
