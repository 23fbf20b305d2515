import type { Vec3 } from '../../volume/index.js';

/** One row of MonoDir's Radial_averages: means over the mask voxels of a 2-voxel-wide shell. */
export interface RadialAverageRow {
  /** Shell centre kk (voxels): kk − 1 ≤ r < kk + 1. */
  radius: number;
  voxels: number;
  values: number[];
}

/**
 * Xmipp `radialAverageInMask` (algorithms §3.6b step 10): for kk = 1 … floor(nx/2) − 1, the mean of
 * each per-voxel map over the voxels of `maskIndex` with kk − 1 ≤ r < kk + 1 (r from the box
 * centre floor(n/2); consecutive shells overlap). A row is kept only if some mean is > 0.
 * `maps` are per evaluated voxel (maskIndex order). Each mean runs over the voxels where that map
 * has a value (> 0): the original also averages the zeros of voxels without one (outside MonoRes's
 * refined mask, or without a valid direction), which pulls a resolution mean towards 0 Å.
 * `voxels` counts the shell's voxels; a map without any value in the shell has mean 0.
 */
export function radialAverages(maskIndex: Int32Array, dims: Vec3, maps: readonly ArrayLike<number>[]): RadialAverageRow[] {
  const [nx, ny] = dims;
  const [cx, cy, cz] = dims.map((n) => Math.floor(n / 2)) as Vec3;
  const top = Math.floor(nx / 2);
  // Each voxel falls in the shells kk = floor(r) and floor(r) + 1 (when r is not below kk − 1).
  const sums = maps.map(() => new Float64Array(top + 1));
  const valued = maps.map(() => new Float64Array(top + 1));
  const counts = new Float64Array(top + 1);
  for (let m = 0; m < maskIndex.length; m++) {
    const p = maskIndex[m]!;
    const x = (p % nx) - cx;
    const y = (Math.floor(p / nx) % ny) - cy;
    const z = Math.floor(p / (nx * ny)) - cz;
    const r = Math.hypot(x, y, z);
    for (let kk = Math.max(1, Math.floor(r)); kk <= Math.floor(r) + 1 && kk < top; kk++) {
      if (!(r >= kk - 1 && r < kk + 1)) continue;
      counts[kk]!++;
      for (let s = 0; s < maps.length; s++) {
        const v = maps[s]![m]!;
        if (v > 0) {
          sums[s]![kk]! += v;
          valued[s]![kk]!++;
        }
      }
    }
  }
  const rows: RadialAverageRow[] = [];
  for (let kk = 1; kk < top; kk++) {
    if (counts[kk] === 0) continue;
    const values = sums.map((s, k) => (valued[k]![kk]! > 0 ? s[kk]! / valued[k]![kk]! : 0));
    if (values.some((v) => v > 0)) rows.push({ radius: kk, voxels: counts[kk]!, values });
  }
  return rows;
}

/** One row of the radial profile the report plots (Å, means over the shell). */
export interface MonoDirRadialRow {
  radius: number;
  /** Mean of the voxels' best directional resolution (`highest`). */
  min: number;
  /** Mean of their worst directional resolution (`lowest`). */
  max: number;
  /** Mean of the MonoRes map (the original's AVG column). */
  avg: number;
  radial: number;
  azimuthal: number;
}

/**
 * The Radial_averages table of MonoDir: radialAverages of the per-voxel summaries and of a
 * full-volume MonoRes map read at the evaluated voxels (0 where MonoRes gave none, as the
 * original's monoresResolutionMap; such voxels do not enter the means).
 */
export function monoDirRadialProfile(
  maskIndex: Int32Array, dims: Vec3,
  summaries: { highest: Float32Array; lowest: Float32Array; radial: Float32Array; azimuthal: Float32Array },
  monoRes: ArrayLike<number>,
): MonoDirRadialRow[] {
  const avg = Float32Array.from(maskIndex, (p) => monoRes[p]!);
  return radialAverages(maskIndex, dims, [summaries.highest, summaries.lowest, avg, summaries.radial, summaries.azimuthal]).map((row) => ({
    radius: row.radius,
    min: row.values[0]!,
    max: row.values[1]!,
    avg: row.values[2]!,
    radial: row.values[3]!,
    azimuthal: row.values[4]!,
  }));
}
