/**
 * Which downward crossing of the cutoff gives the local resolution.
 * - 'last': Bsoft's rule. fsc_local_voxel (Bimage_resolution.cpp) takes 1/plot->cut(1, cutoff, −1)
 *   of the box's FSC curve, and Bplot::cut (Bplot.h) with a decreasing threshold scans every shell
 *   interval without stopping: each interval going from ≥ cutoff to < cutoff overwrites the
 *   previous value, so the highest-frequency crossing wins. This is what blocres computes.
 * - 'first': the usual FSC reading (algorithms §3.3 step 8 as written), the first such interval.
 * They differ only for boxes whose FSC dips below the cutoff and climbs back: on the synthetic
 * EMD-1997 / EMD-5168 halves (top-10 % mask, step 2) in 1 % / 6 % of the voxels, medians equal.
 */
export type CrossingRule = 'last' | 'first';

/**
 * The frequency where an FSC curve sampled at `frequency[i]` (ascending, frequency[0] = 0) drops
 * below `cutoff`, interpolated linearly between the two shells around the crossing, with Bsoft's
 * conventions for curves without a crossing: the default is half the first shell's frequency, and
 * when nothing above the first shell was found and the curve still ends above the cutoff, the last
 * frequency (the curve never dropped: the resolution is at the limit).
 */
export function bsoftCrossing(frequency: ArrayLike<number>, fsc: ArrayLike<number>, cutoff: number, rule: CrossingRule = 'last'): number {
  const n = frequency.length;
  if (n < 2 || fsc.length < n) throw new RangeError(`bsoftCrossing needs at least two shells and one FSC value per shell, got ${n} and ${fsc.length}`);
  let value = (frequency[0]! + frequency[1]!) / 2;
  for (let i = 0; i + 1 < n; i++) {
    const a = fsc[i]!;
    const b = fsc[i + 1]!;
    if (a >= cutoff && b < cutoff) {
      value = frequency[i]! + ((frequency[i + 1]! - frequency[i]!) * (cutoff - a)) / (b - a);
      if (rule === 'first') break;
    }
  }
  if (value < frequency[1]! && fsc[n - 1]! > cutoff) value = frequency[n - 1]!;
  return value;
}
