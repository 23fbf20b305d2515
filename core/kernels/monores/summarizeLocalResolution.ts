import { percentiles } from '../../stats/index.js';

/** numpy-linear percentiles at 2.5, 25, 50, 75 and 97.5 % (report.json names). */
export interface ResolutionPercentiles {
  p2_5: number;
  p25: number;
  p50: number;
  p75: number;
  p97_5: number;
}

export interface LocalResolutionSummary {
  /** Voxels with a local resolution (value > 0). */
  voxels: number;
  percentiles: ResolutionPercentiles;
  min: number;
  max: number;
  /** 100·#{R < reported}/|R|: the percentile of the reported resolution; null without one. */
  reportedResolutionPercentile: number | null;
  /** |p97.5 − p2.5| < eps (vrs-spec §4.8 homogeneity guard). */
  homogeneous: boolean;
}

/**
 * The local-resolution statistics the report prints (vrs-spec §6.5): R = the values > 0 of the map
 * (within `mask` when given), their percentiles p2.5 … p97.5 (numpy's linear rule), the percentile
 * of the reported resolution as the share of voxels strictly better than it, and the homogeneity
 * guard. Returns null when no voxel has a value.
 */
export function summarizeLocalResolution(
  values: ArrayLike<number>, opts: { mask?: ArrayLike<number>; reportedResolution?: number; homogeneityEps?: number } = {},
): LocalResolutionSummary | null {
  const { mask, reportedResolution } = opts;
  const eps = opts.homogeneityEps ?? 0.01;
  let count = 0;
  for (let i = 0; i < values.length; i++) if (values[i]! > 0 && (mask === undefined || mask[i] !== 0)) count++;
  if (count === 0) return null;
  const r = new Float64Array(count);
  let below = 0;
  for (let i = 0, k = 0; i < values.length; i++) {
    const v = values[i]!;
    if (v > 0 && (mask === undefined || mask[i] !== 0)) {
      r[k++] = v;
      if (reportedResolution !== undefined && v < reportedResolution) below++;
    }
  }
  const [p2_5, p25, p50, p75, p97_5] = percentiles(r, [2.5, 25, 50, 75, 97.5]) as [number, number, number, number, number];
  let min = Infinity;
  let max = -Infinity;
  for (const v of r) {
    if (v < min) min = v;
    if (v > max) max = v;
  }
  return {
    voxels: count,
    percentiles: { p2_5, p25, p50, p75, p97_5 },
    min,
    max,
    reportedResolutionPercentile: reportedResolution === undefined ? null : (100 * below) / count,
    homogeneous: Math.abs(p97_5 - p2_5) < eps,
  };
}
