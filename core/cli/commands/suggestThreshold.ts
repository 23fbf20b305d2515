import { outerShellThreshold } from '../../kernels/index.js';
import { quantile } from '../../stats/index.js';
import type { Volume, VoxelArray } from '../../volume/index.js';

export interface ThresholdSuggestion {
  /** The suggested contour level. */
  value: number;
  /** How it was found, as a phrase for the message. */
  rule: string;
  /** The other rule's value, for the user to compare. */
  alternative?: { value: number; rule: string };
}

/** Fraction of the box enclosed by the fallback level (Chimera/ChimeraX open maps at such a level). */
const ENCLOSED_FRACTION = 0.01;

/**
 * A contour level to suggest when none is given. Primary rule: the solvent noise of the box's outer
 * shell, μ + 3σ (outerShellThreshold: voxels within 10 % of the smallest dimension from a face).
 * When that cannot work — a masked map whose shell is constant (σ = 0), or a level no voxel
 * reaches — the level enclosing 1 % of the box, the initial level Chimera and ChimeraX show, is
 * suggested instead. Both are starting points for the user, not a replacement for the authors'
 * recommended contour.
 */
export function suggestThreshold(volume: Volume<VoxelArray>): ThresholdSuggestion {
  const shell = outerShellThreshold(volume);
  const finite = Float32Array.from(volume.data).filter((v) => Number.isFinite(v));
  const enclosing = finite.length > 0 ? quantile(finite, 1 - ENCLOSED_FRACTION) : Number.NaN;
  let max = -Infinity;
  for (let i = 0; i < finite.length; i++) if (finite[i]! > max) max = finite[i]!;
  const shellRule = `mean + 3σ of the ${shell.voxels} voxels within ${shell.thickness} voxel${shell.thickness === 1 ? '' : 's'} of the box faces (the solvent noise)`;
  const enclosingRule = 'the level enclosing 1 % of the box (the initial level of Chimera and ChimeraX)';
  const shellUsable = shell.std > 0 && Number.isFinite(shell.threshold) && shell.threshold < max;
  if (shellUsable) return { value: shell.threshold, rule: shellRule, ...(Number.isFinite(enclosing) ? { alternative: { value: enclosing, rule: enclosingRule } } : {}) };
  return { value: enclosing, rule: `${enclosingRule}; the outer shell ${shell.std > 0 ? 'gives a level no voxel reaches' : 'is constant (a masked map?)'}` };
}
