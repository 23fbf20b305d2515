import { pearsonOrNaN } from '../../stats/index.js';
/**
 * The whole-map correlations of a map with its model map, after CCTBX's `five_cc`
 * (Afonine et al. 2018, Acta Cryst. D74, 814; algorithms.md §4.3):
 * - `ccMask`: over the molecular mask (N_in points);
 * - `ccBox`: over the whole box;
 * - `ccVolume`: over the N_in points where the model map is highest;
 * - `ccPeaks`: over the union of the N_in highest points of the map and the N_in highest of the model map.
 * Choosing exactly N_in points for the last two is what makes them comparable with `ccMask`.
 * A correlation over fewer than two points or of a constant is NaN.
 */
export interface MapModelCorrelations {
  ccMask: number;
  ccBox: number;
  ccVolume: number;
  ccPeaks: number;
  /** N_in: the points of the molecular mask. */
  maskVoxels: number;
  /** Points of the union behind `ccPeaks` (between N_in and 2·N_in). */
  peaksVoxels: number;
}

export function mapModelCorrelations(map: Float32Array | Float64Array, model: Float32Array | Float64Array, mask: Uint8Array): MapModelCorrelations {
  const n = map.length;
  if (model.length !== n || mask.length !== n) throw new RangeError(`mapModelCorrelations: map ${n}, model map ${model.length} and mask ${mask.length} points differ`);
  let maskVoxels = 0;
  for (let i = 0; i < n; i++) if (mask[i] !== 0) maskVoxels++;
  const ccMask = pearsonOrNaN(map, model, mask);
  const ccBox = pearsonOrNaN(map, model);
  const volume = highestValuesMask(model, maskVoxels);
  const ccVolume = pearsonOrNaN(map, model, volume);
  const peaks = highestValuesMask(map, maskVoxels);
  let peaksVoxels = 0;
  for (let i = 0; i < n; i++) {
    if (volume[i] !== 0) peaks[i] = 1;
    peaksVoxels += peaks[i]!;
  }
  const ccPeaks = pearsonOrNaN(map, model, peaks);
  return { ccMask, ccBox, ccVolume, ccPeaks, maskVoxels, peaksVoxels };
}

/**
 * Marks exactly `count` points holding the highest values (1) — ties at the threshold are taken in
 * index order, so flat regions (a model map's empty solvent) cannot inflate the selection.
 */
export function highestValuesMask(values: Float32Array | Float64Array, count: number): Uint8Array {
  const n = values.length;
  const out = new Uint8Array(n);
  if (count <= 0) return out;
  if (count >= n) return out.fill(1);
  const threshold = kthLargest(values.slice(), count);
  let taken = 0;
  for (let i = 0; i < n; i++) {
    if (values[i]! > threshold) {
      out[i] = 1;
      taken++;
    }
  }
  for (let i = 0; i < n && taken < count; i++) {
    if (values[i] === threshold) {
      out[i] = 1;
      taken++;
    }
  }
  return out;
}

/** The k-th largest value (k ≥ 1) by quickselect with median-of-three pivots; reorders `work`. */
function kthLargest(work: Float32Array | Float64Array, k: number): number {
  // The k-th largest is the (n − k)-th smallest, 0-based.
  const target = work.length - k;
  let lo = 0;
  let hi = work.length - 1;
  while (hi > lo) {
    const mid = (lo + hi) >>> 1;
    const a = work[lo]!;
    const b = work[mid]!;
    const c = work[hi]!;
    const pivot = a < b ? (b < c ? b : a < c ? c : a) : a < c ? a : b < c ? c : b;
    let i = lo;
    let j = hi;
    while (i <= j) {
      while (work[i]! < pivot) i++;
      while (work[j]! > pivot) j--;
      if (i <= j) {
        const t = work[i]!;
        work[i] = work[j]!;
        work[j] = t;
        i++;
        j--;
      }
    }
    if (target <= j) hi = j;
    else if (target >= i) lo = i;
    else return work[target]!;
  }
  return work[target]!;
}
