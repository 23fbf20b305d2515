/**
 * The k-th smallest value (0-based) of `values[0 … length)`, which it reorders in place: what
 * `sorted[k]` would be, in linear expected time (quickselect with a median-of-three pivot). MonoRes
 * takes its noise threshold as sorted(noise)[floor(n·0.95)] at every frequency; sorting millions of
 * amplitudes each time would cost more than the statistics themselves. NaN must not occur.
 */
export function selectKth(values: Float32Array | Float64Array, k: number, length = values.length): number {
  if (!Number.isInteger(k) || k < 0 || k >= length || length > values.length) {
    throw new RangeError(`selectKth: k = ${k} outside [0, ${length})`);
  }
  let lo = 0;
  let hi = length - 1;
  while (hi > lo) {
    const mid = (lo + hi) >>> 1;
    // Median of three moved to `mid`, then used as the pivot value.
    if (values[mid]! < values[lo]!) swap(values, mid, lo);
    if (values[hi]! < values[lo]!) swap(values, hi, lo);
    if (values[hi]! < values[mid]!) swap(values, hi, mid);
    const pivot = values[mid]!;
    let i = lo;
    let j = hi;
    while (i <= j) {
      while (values[i]! < pivot) i++;
      while (values[j]! > pivot) j--;
      if (i <= j) {
        swap(values, i, j);
        i++;
        j--;
      }
    }
    // Now [lo, j] ≤ pivot ≤ [i, hi], and values strictly between j and i equal the pivot.
    if (k <= j) hi = j;
    else if (k >= i) lo = i;
    else return values[k]!;
  }
  return values[k]!;
}

function swap(a: Float32Array | Float64Array, i: number, j: number): void {
  const t = a[i]!;
  a[i] = a[j]!;
  a[j] = t;
}
