import type { Vec3 } from '../../../core/index.js';

/**
 * Why 0.e does not apply to this input, or null when it does. MonoRes itself has no resolution
 * limits of its own (DeepRes's 2–13 Å window came from its training data); it needs:
 * - a reported resolution R: the sweep starts at max(10, 5·R) Å and the criterion compares R with
 *   the local resolutions;
 * - cubic voxels: frequencies are measured in voxel units along every axis;
 * - R ≥ 2·Ts: no local resolution finer than Nyquist can be measured, so a reported resolution
 *   beyond it cannot be placed in the distribution.
 */
export function localResolutionNotApplicable(resolution: number | undefined, voxelSize: Vec3): string | null {
  if (resolution === undefined) {
    return 'No resolution was reported: the MonoRes sweep starts at max(10 Å, 5 × resolution) and the criterion compares the reported resolution with the local ones.';
  }
  const [sx, sy, sz] = voxelSize;
  if (Math.abs(sx - sy) > 1e-4 * sx || Math.abs(sx - sz) > 1e-4 * sx) {
    return `The voxels are not cubic (${[sx, sy, sz].map((s) => s.toFixed(4)).join(' × ')} Å): MonoRes measures frequencies in voxel units and needs the same sampling along every axis.`;
  }
  if (resolution < 2 * sx) {
    return `The reported resolution (${resolution} Å) is finer than the Nyquist limit of the map (2 × ${sx.toFixed(4)} = ${(2 * sx).toFixed(3)} Å): no local resolution beyond Nyquist can be measured.`;
  }
  return null;
}
