/**
 * q-quantile with numpy's default rule (`method="linear"`, as core/stats `quantile`) found by
 * selection instead of a full sort: the two order statistics around h = (n − 1)·q are located in
 * O(n), which matters when a quantile of millions of voxels is taken at every swept frequency.
 * Large arrays are first bucketed by value (order-preserving buckets over [min, max]) so that only
 * the bucket holding the wanted ranks is selected in. `values` is used as workspace and may be left
 * reordered. Any NaN gives NaN, as numpy does.
 */
export function selectQuantile(values: Float64Array, q: number): number {
  const n = values.length;
  if (n === 0) throw new RangeError('quantile of an empty array');
  if (!(q >= 0 && q <= 1)) throw new RangeError(`quantile q must be in [0, 1], got ${q}`);
  let min = Infinity;
  let max = -Infinity;
  for (let i = 0; i < n; i++) {
    const v = values[i]!;
    if (Number.isNaN(v)) return Number.NaN;
    if (v < min) min = v;
    if (v > max) max = v;
  }
  const h = (n - 1) * q;
  const lo = Math.floor(h);
  const hi = Math.min(lo + 1, n - 1);
  const pair = n >= BUCKETED_MIN_LENGTH && Number.isFinite(max - min) && max > min ? bucketedPair(values, lo, hi, min, max) : null;
  const [a, b] = pair ?? selectedPair(values, lo, hi);
  if (lo >= n - 1) return a;
  const t = h - lo;
  // numpy's _lerp: interpolate from the nearer end (as core/stats quantileSorted).
  return t >= 0.5 ? b - (b - a) * (1 - t) : a + (b - a) * t;
}

const BUCKETED_MIN_LENGTH = 1 << 14;
const BUCKETS = 1 << 12;

/** Order statistics lo and hi (= lo or lo + 1) by selection on the whole array. */
function selectedPair(values: Float64Array, lo: number, hi: number): [number, number] {
  const a = selectInPlace(values, lo);
  if (hi === lo) return [a, a];
  // After selection every value right of `lo` is ≥ a; the next order statistic is their minimum.
  let b = Infinity;
  for (let i = lo + 1; i < values.length; i++) if (values[i]! < b) b = values[i]!;
  return [a, b];
}

/**
 * Order statistics lo and hi through value buckets: floor((v − min)·B/(max − min)) never decreases
 * with v, so ranks are preserved bucket by bucket; the buckets holding ranks lo…hi are copied out
 * and selected in. Null when they hold too large a share (heavily tied or skewed data).
 */
function bucketedPair(values: Float64Array, lo: number, hi: number, min: number, max: number): [number, number] | null {
  const n = values.length;
  const scale = BUCKETS / (max - min);
  const counts = new Int32Array(BUCKETS);
  for (let i = 0; i < n; i++) {
    const k = Math.floor((values[i]! - min) * scale);
    counts[k < BUCKETS ? k : BUCKETS - 1]!++;
  }
  let below = 0;
  let first = 0;
  while (below + counts[first]! <= lo) below += counts[first++]!;
  let last = first;
  let through = below + counts[first]!;
  while (through <= hi) through += counts[++last]!;
  const size = through - below;
  if (size > n / 4) return null;
  const candidates = new Float64Array(size);
  for (let i = 0, j = 0; i < n; i++) {
    const v = values[i]!;
    let k = Math.floor((v - min) * scale);
    if (k >= BUCKETS) k = BUCKETS - 1;
    if (k >= first && k <= last) candidates[j++] = v;
  }
  return selectedPair(candidates, lo - below, hi - below);
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
