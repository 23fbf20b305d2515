import { checkSameGrid, formatPrintf, type Volume } from '../../../core/index.js';

/**
 * The two halves must be on one grid before any Fourier comparison (a mismatch is an input error
 * naming the field); returns a reason a scientist understands when they cannot be measured
 * (non-finite voxels, a half without any variation), or null when they can.
 */
export function halfMapsProblem(half1: Volume, half2: Volume): string | null {
  checkSameGrid(half1, half2, { reference: 'half map 1', other: 'half map 2' });
  for (const [name, half] of [['first', half1], ['second', half2]] as const) {
    let nonFinite = 0;
    let min = Number.POSITIVE_INFINITY;
    let max = Number.NEGATIVE_INFINITY;
    for (let i = 0; i < half.data.length; i++) {
      const v = half.data[i]!;
      if (!Number.isFinite(v)) nonFinite++;
      else {
        if (v < min) min = v;
        if (v > max) max = v;
      }
    }
    if (nonFinite > 0) return `The ${name} half map has ${nonFinite} voxel${nonFinite === 1 ? ' that is not a finite number' : 's that are not finite numbers'} (NaN or infinite); no Fourier shell correlation can be computed.`;
    if (!(max > min)) return `The ${name} half map is constant (every voxel is ${min}); it carries no signal to correlate.`;
  }
  return null;
}

/**
 * The criterion every level-1 global estimate shares (vrs-spec §7.1, §7.2): a reported resolution
 * finer than 80 % of the estimate is "particularly high" with respect to it.
 */
export function particularlyHighWarning(reported: number, estimate: { name: string; value: number }): string | null {
  if (!(reported < 0.8 * estimate.value)) return null;
  return `The reported resolution, ${fixed2(reported)} Å, is particularly high with respect to the ${estimate.name} resolution (${fixed2(estimate.value)} Å): it is finer than 80% of it (${fixed2(0.8 * estimate.value)} Å).`;
}

export function fixed2(value: number): string {
  return formatPrintf(value, '%5.2f').trim();
}

/** JSON has no NaN or infinity: such points become null (the plots leave a gap). */
export function finiteOrNull(values: ArrayLike<number>): (number | null)[] {
  return Array.from(values, (v) => (Number.isFinite(v) ? v : null));
}

/** The section of an analysis that could not measure its halves. */
export function failedAnalysis<B extends object>(base: B, reason: string) {
  return { ...base, status: 'failed' as const, reason, warnings: [], metrics: {} };
}

/** Shells follow the x size on any box; a non-cubic one is said so (`rule`: whose convention that is). */
export function nonCubicVoxelNotes(half: Volume, rule = ''): string[] {
  return half.isIsotropic ? [] : [`The voxels are not cubic (${half.voxelSize.join(' × ')} Å): shells are numbered on the x size and frequencies use the x voxel size${rule}.`];
}

/** Angles of the direction grids, stored to 4 decimals. */
export function round4(value: number): number {
  return Math.round(value * 1e4) / 1e4;
}

export const FREQUENCY_AXIS_LABEL = 'Spatial frequency 1/d (1/Å)';

/** The resolution of a crossing frequency (1/Å); none without a crossing. */
export function toResolution(frequency: number | null): number | null {
  return frequency !== null && frequency > 0 ? 1 / frequency : null;
}

/** The reported resolution's line on a frequency plot (none without one). */
export function reportedResolutionLines(reported: number | undefined): { x: number; label: string }[] {
  return reported !== undefined && reported > 0 ? [{ x: 1 / reported, label: `Reported ${reported} Å` }] : [];
}

/** The last result of each level-1 section, when a resolution was reported. */
export function reportedResolutionResults(reported: number | undefined): string[] {
  return reported !== undefined ? [`The reported resolution is ${fixed2(reported)} Å.`] : [];
}

/** The closing metrics of the half-map analyses: the reported resolution, if any, and the grid. */
export function halfMapGridMetrics(reported: number | undefined, half: Volume) {
  return { ...(reported !== undefined ? { resolution: reported } : {}), voxelSize: half.voxelSize[0], dims: [...half.dims] };
}
