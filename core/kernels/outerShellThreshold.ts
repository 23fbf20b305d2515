import type { Volume, VoxelArray } from '../volume/index.js';

export interface OuterShellThreshold {
  /** μ + k·σ of the outer shell: the suggested contour level. */
  threshold: number;
  /** Mean and population standard deviation of the shell voxels. */
  mean: number;
  std: number;
  /** Shell thickness in voxels and number of voxels in it. */
  thickness: number;
  voxels: number;
}

/**
 * A contour level from the noise of the box's outer shell, for maps given without one: the voxels
 * within `thickness` voxels of any face (default 10 % of the smallest dimension, at least 1) are
 * taken as solvent, and the level is their mean plus `sigmas` (default 3) standard deviations —
 * the classic "3σ above the background" contour. A masked map (constant shell) gives μ, which the
 * caller must treat as "no suggestion". NaN voxels are skipped.
 */
export function outerShellThreshold(volume: Volume<VoxelArray>, opts: { sigmas?: number; thickness?: number } = {}): OuterShellThreshold {
  const [nx, ny, nz] = volume.dims;
  const sigmas = opts.sigmas ?? 3;
  const thickness = Math.max(1, Math.min(opts.thickness ?? Math.floor(0.1 * Math.min(nx, ny, nz)), Math.ceil(Math.min(nx, ny, nz) / 2)));
  const v = volume.data;
  let n = 0;
  let sum = 0;
  const inShell = (k: number, size: number) => k < thickness || k >= size - thickness;
  // Two sweeps (mean, then squared deviations) over the shell rows only.
  for (let pass = 0; pass < 2; pass++) {
    const mean = pass === 1 ? sum / n : 0;
    let ss = 0;
    for (let z = 0; z < nz; z++) {
      const zEdge = inShell(z, nz);
      for (let y = 0; y < ny; y++) {
        const row = (z * ny + y) * nx;
        const full = zEdge || inShell(y, ny);
        for (let x = 0; x < nx; x++) {
          if (!full && x === thickness) x = nx - thickness; // skip the row's interior
          if (x >= nx) break;
          const value = v[row + x]!;
          if (value !== value) continue;
          if (pass === 0) {
            sum += value;
            n++;
          } else ss += (value - mean) * (value - mean);
        }
      }
    }
    if (pass === 1) {
      const std = n > 0 ? Math.sqrt(ss / n) : Number.NaN;
      return { threshold: mean + sigmas * std, mean, std, thickness, voxels: n };
    }
  }
  throw new Error('unreachable');
}
