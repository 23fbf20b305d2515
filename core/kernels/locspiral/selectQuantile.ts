/**
 * q-quantile with numpy's default rule (`method="linear"`, as core/stats `quantile`) found by
 * selection instead of a full sort: the two order statistics around h = (n − 1)·q are located in
 * O(n), which matters when a quantile of millions of voxels is taken at every swept frequency.
 * `values` is used as workspace and left reordered. Any NaN gives NaN, as numpy does.
 */
export function selectQuantile(values: Float64Array, q: number): number {
  const n = values.length;
  if (n === 0) throw new RangeError('quantile of an empty array');
  if (!(q >= 0 && q <= 1)) throw new RangeError(`quantile q must be in [0, 1], got ${q}`);
  for (let i = 0; i < n; i++) if (Number.isNaN(values[i]!)) return Number.NaN;
  const h = (n - 1) * q;
  const lo = Math.floor(h);
  const a = selectInPlace(values, lo);
  if (lo >= n - 1) return a;
  // After selection every value right of `lo` is ≥ a; the next order statistic is their minimum.
  let b = Infinity;
  for (let i = lo + 1; i < n; i++) if (values[i]! < b) b = values[i]!;
  const t = h - lo;
  // numpy's _lerp: interpolate from the nearer end (as core/stats quantileSorted).
  return t >= 0.5 ? b - (b - a) * (1 - t) : a + (b - a) * t;
}

/**
 * Rearranges `a` so that a[k] is its k-th smallest value, smaller-or-equal values left of it and
 * greater-or-equal ones right of it (Hoare partitions around a median of three). Falls back to
 * sorting the remaining range if partitioning stops making progress (adversarial orders).
 */
export function selectInPlace(a: Float64Array, k: number): number {
  let left = 0;
  let right = a.length - 1;
  let rounds = 0;
  const maxRounds = 2 * Math.ceil(Math.log2(a.length + 1)) + 16;
  while (right > left) {
    if (++rounds > maxRounds) {
      a.subarray(left, right + 1).sort();
      break;
    }
    const mid = (left + right) >>> 1;
    // Median of three, placed at mid; also makes a[left] ≤ pivot ≤ a[right] (sentinels).
    if (a[mid]! < a[left]!) swap(a, mid, left);
    if (a[right]! < a[left]!) swap(a, right, left);
    if (a[right]! < a[mid]!) swap(a, right, mid);
    const pivot = a[mid]!;
    let i = left;
    let j = right;
    while (i <= j) {
      while (a[i]! < pivot) i++;
      while (a[j]! > pivot) j--;
      if (i <= j) {
        swap(a, i, j);
        i++;
        j--;
      }
    }
    if (k <= j) right = j;
    else if (k >= i) left = i;
    else break;
  }
  return a[k]!;
}

function swap(a: Float64Array, i: number, j: number): void {
  const t = a[i]!;
  a[i] = a[j]!;
  a[j] = t;
}
