import type { Compatibility, Volume } from '../../../core/index.js';

/** Low-resolution end of the LocSpiral sweeps (Å), the UCM protocols' default. */
export const SWEEP_LOW_RESOLUTION = 15;

/**
 * Why a LocSpiral-family check does not apply to this map, or null when it does:
 * - no reported resolution (the sweep ends at 1/R);
 * - corrected behaviour (vrs-spec §19 B22): R ≥ 15 Å, where the sweep from 1/15 to 1/R is empty
 *   or runs backwards — the original runs anyway (`compatibility: original` keeps that);
 * - 1/R beyond the map's Nyquist frequency (R finer than twice the voxel size): the shell would lie
 *   outside the measured spectrum. On the resized map Ts' = R/2, so 1/R is exactly its Nyquist.
 */
export function locSpiralNotApplicable(resolution: number | undefined, map: Volume<Float32Array>, compatibility: Compatibility): string | null {
  if (resolution === undefined) return 'The resolution was not reported; the frequency sweep ends at 1/resolution.';
  if (compatibility === 'corrected' && resolution >= SWEEP_LOW_RESOLUTION) {
    return `The reported resolution (${resolution} Å) is not finer than ${SWEEP_LOW_RESOLUTION} Å, so the frequency sweep from 1/${SWEEP_LOW_RESOLUTION} Å⁻¹ to 1/resolution is empty.`;
  }
  const coarsest = Math.max(...map.voxelSize);
  if (resolution < 2 * coarsest * (1 - 1e-6)) {
    return `The reported resolution (${resolution} Å) is finer than twice the voxel size of the map it is measured on (${coarsest.toPrecision(4)} Å): frequencies up to 1/resolution are not in the map.`;
  }
  return null;
}

/** Number of NaN or infinite voxels. */
export function countNonFinite(data: Float32Array): number {
  let count = 0;
  for (let i = 0; i < data.length; i++) if (!Number.isFinite(data[i]!)) count++;
  return count;
}
