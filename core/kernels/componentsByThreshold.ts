import type { Volume, VoxelArray } from '../volume/index.js';
import { neighbourOffsets } from './neighbourOffsets.js';

export interface ComponentsByThreshold {
  /** The thresholds, highest first (as given). */
  thresholds: Float64Array;
  /** Voxels with value ≥ thresholds[k]. */
  voxels: Float64Array;
  /** Size of the largest 26-connected component of those voxels. */
  largest: Float64Array;
  /** Number of 26-connected components of those voxels. */
  components: Float64Array;
}

/**
 * For a descending ladder of thresholds, the voxels at or above each one, how many 26-connected
 * components they form and the size of the largest — the numbers a contour choice turns on
 * (does one component hold the molecule, where do its parts join?).
 *
 * One pass, not one labelling per threshold: voxels are added level by level, highest first, and
 * joined to the neighbours already added with union–find (by size, path halving), so components
 * only ever merge. Cost O(voxels above the lowest threshold · 13) after one bucketing pass;
 * memory one Int32Array over the box.
 */
export function componentsByThreshold(volume: Volume<VoxelArray>, thresholds: ArrayLike<number>): ComponentsByThreshold {
  const levels = Float64Array.from(thresholds);
  for (let k = 0; k < levels.length; k++) {
    if (!Number.isFinite(levels[k]!)) throw new RangeError(`componentsByThreshold: threshold ${k} is not finite (${levels[k]})`);
    if (k > 0 && !(levels[k]! < levels[k - 1]!)) throw new RangeError('componentsByThreshold: thresholds must be strictly decreasing');
  }
  const K = levels.length;
  const out: ComponentsByThreshold = { thresholds: levels, voxels: new Float64Array(K), largest: new Float64Array(K), components: new Float64Array(K) };
  if (K === 0) return out;
  const [nx, ny, nz] = volume.dims;
  const data = volume.data;
  const n = data.length;
  const lowest = levels[K - 1]!;

  // Bucket the voxels by the highest level they reach (counting sort).
  const levelOf = new Int32Array(n).fill(-1);
  const counts = new Int32Array(K + 1);
  for (let i = 0; i < n; i++) {
    const v = data[i]!;
    if (!(v >= lowest)) continue;
    let lo = 0;
    let hi = K - 1;
    // First k with v ≥ levels[k] (levels descending).
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (v >= levels[mid]!) hi = mid;
      else lo = mid + 1;
    }
    levelOf[i] = lo;
    counts[lo + 1]!++;
  }
  for (let k = 0; k < K; k++) counts[k + 1]! += counts[k]!;
  const order = new Int32Array(counts[K]!);
  const fill = counts.slice(0, K);
  for (let i = 0; i < n; i++) if (levelOf[i]! >= 0) order[fill[levelOf[i]!]!++] = i;

  // levelOf is reused as the union–find forest: −1 not added, −2 − size for a root, else parent.
  const parent = levelOf;
  parent.fill(-1);
  const find = (i: number): number => {
    while (parent[i]! >= 0) {
      const up = parent[i]!;
      if (parent[up]! >= 0) parent[i] = parent[up]!;
      i = parent[i]!;
    }
    return i;
  };
  const offsets = neighbourOffsets(26);
  let largest = 0;
  let components = 0;
  for (let k = 0, next = 0; k < K; k++) {
    for (; next < counts[k + 1]!; next++) {
      const i = order[next]!;
      parent[i] = -3; // a root of size 1
      components++;
      if (largest < 1) largest = 1;
      const x = i % nx;
      const y = Math.floor(i / nx) % ny;
      const z = Math.floor(i / (nx * ny));
      for (const [dx, dy, dz] of offsets) {
        const xx = x + dx, yy = y + dy, zz = z + dz;
        if (xx < 0 || yy < 0 || zz < 0 || xx >= nx || yy >= ny || zz >= nz) continue;
        const j = i + dx + nx * (dy + ny * dz);
        if (parent[j] === -1) continue;
        const a = find(i);
        const b = find(j);
        if (a === b) continue;
        // Union by size: sizes are stored as −2 − size at the roots.
        const sa = -2 - parent[a]!;
        const sb = -2 - parent[b]!;
        const [big, small] = sa >= sb ? [a, b] : [b, a];
        parent[big] = -2 - (sa + sb);
        parent[small] = big;
        components--;
        if (sa + sb > largest) largest = sa + sb;
      }
    }
    out.voxels[k] = counts[k + 1]!;
    out.largest[k] = largest;
    out.components[k] = components;
  }
  return out;
}
