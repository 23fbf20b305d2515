/**
 * Which downward crossing of the cutoff gives the local resolution.
 * - 'last': Bsoft's rule (Bplot::cut with a decreasing threshold): every interval where the curve
 *   goes from ≥ cutoff to < cutoff overwrites the previous one, so the highest-frequency crossing
 *   below the curve's end wins. This is what blocres computes.
 * - 'first': the usual FSC reading, the first such interval.
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
