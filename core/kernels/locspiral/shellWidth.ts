import type { Vec3 } from '../../volume/index.js';

/** The LocSpiral shell width in Fourier voxels used by LocBFactor and LocOccupancy (UCM defaults). */
export const DEFAULT_SHELL_VOXELS = 4.8;

/**
 * Standard deviation σf (Å⁻¹) of the Gaussian frequency shell: `voxels` Fourier voxels of a box of
 * n voxels of Ts Å, σf = voxels/(n·Ts) (algorithms §2.8 step 4). The original assumes a cubic box;
 * for other boxes we use the smallest extent n_k·Ts_k (the coarsest Fourier sampling), so that the
 * shell spans at least `voxels` samples along every axis.
 */
export function shellWidth(dims: Vec3, voxelSize: Vec3, voxels = DEFAULT_SHELL_VOXELS): number {
  if (!(voxels > 0 && Number.isFinite(voxels))) throw new RangeError(`shell width must be a positive number of Fourier voxels, got ${voxels}`);
  const extent = Math.min(dims[0] * voxelSize[0], dims[1] * voxelSize[1], dims[2] * voxelSize[2]);
  if (!(extent > 0 && Number.isFinite(extent))) throw new RangeError(`shellWidth: box extent must be positive, got dims ${dims.join('×')} and voxel ${voxelSize.join('×')}`);
  return voxels / extent;
}
