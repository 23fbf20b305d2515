import type { Vec3 } from '../../../core/index.js';

/** The original runs MonoDir only for maps of 10 Å or better (algorithms §3.6). */
export const MONODIR_RESOLUTION_LIMIT = 10;

/**
 * Why 1.f does not apply to this input, or null when it does: a reported resolution is needed
 * (the original's gate and criterion), no worse than 10 Å, not beyond Nyquist; MonoDir measures
 * directions in voxel units, so the box must be cubic with cubic voxels.
 */
export function monoDirNotApplicable(resolution: number | undefined, dims: Vec3, voxelSize: Vec3): string | null {
  if (resolution === undefined) {
    return 'No resolution was reported: the original runs MonoDir only for maps of 10 Å or better, and its criterion compares the reported resolution with the directional one.';
  }
  if (resolution > MONODIR_RESOLUTION_LIMIT) {
    return `The reported resolution (${resolution} Å) is worse than ${MONODIR_RESOLUTION_LIMIT} Å: the original runs the directional analysis only for maps of ${MONODIR_RESOLUTION_LIMIT} Å or better.`;
  }
  const [sx, sy, sz] = voxelSize;
  if (Math.abs(sx - sy) > 1e-4 * sx || Math.abs(sx - sz) > 1e-4 * sx) {
    return `The voxels are not cubic (${[sx, sy, sz].map((s) => s.toFixed(4)).join(' × ')} Å): MonoDir compares directions in voxel units and needs the same sampling along every axis.`;
  }
  if (dims[0] !== dims[1] || dims[0] !== dims[2]) {
    return `The box is not cubic (${dims.join(' × ')} voxels): MonoDir's directions, cones and radial shells assume a cubic box.`;
  }
  if (resolution < 2 * sx) {
    return `The reported resolution (${resolution} Å) is finer than the Nyquist limit of the map (2 × ${sx.toFixed(4)} = ${(2 * sx).toFixed(3)} Å).`;
  }
  return null;
}
