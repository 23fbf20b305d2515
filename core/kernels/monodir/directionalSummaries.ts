import type { Vec3 } from '../../volume/index.js';

/** Per-voxel summaries of the directional resolutions and the preferred-direction histogram. */
export interface DirectionalSummaries {
  /** Per evaluated voxel (maskIndex order), Å; 0 when the voxel has no valid direction. */
  radial: Float32Array;
  azimuthal: Float32Array;
  /** Best (smallest) resolution: sorted value at floor(0.05·n). */
  highest: Float32Array;
  /** Worst: sorted value at floor(0.95·n). */
  lowest: Float32Array;
  /** Per direction: voxels whose value lies within ±tolerance of their `highest`. */
  histogram: Float64Array;
}

/**
 * Algorithms §3.6b step 9 (Xmipp `radialAzimuthalResolution`): per voxel, its valid directional
 * values (> 0) sorted ascending (n of them): lowest = v[floor(0.95n)], highest = v[floor(0.05n)];
 * radial = mean over directions within 45° of the line from the box centre to the voxel,
 * azimuthal = mean over directions at least 70° from it (both as axes, ±d); either falls back
 * to ½(lowest + highest) when no direction qualifies (and at the centre, which has no radius
 * vector). Histogram: each direction whose value is within ±tolerance (0.1 Å) of the voxel's
 * highest gets one count.
 */
export function directionalSummaries(
  results: Float32Array, directionCount: number, maskIndex: Int32Array, dims: Vec3,
  vectors: readonly (readonly [number, number, number])[], tolerance = 0.1,
): DirectionalSummaries {
  const nMask = maskIndex.length;
  const radial = new Float32Array(nMask);
  const azimuthal = new Float32Array(nMask);
  const highest = new Float32Array(nMask);
  const lowest = new Float32Array(nMask);
  const histogram = new Float64Array(directionCount);
  const [nx, ny] = dims;
  const [cx, cy, cz] = dims.map((n) => Math.floor(n / 2)) as Vec3;
  const cos45 = Math.cos(Math.PI / 4);
  const cos70 = Math.cos((70 * Math.PI) / 180);
  const values = new Float64Array(directionCount);
  for (let m = 0; m < nMask; m++) {
    let n = 0;
    for (let d = 0; d < directionCount; d++) {
      const v = results[d * nMask + m]!;
      if (v > 0) values[n++] = v;
    }
    if (n === 0) continue;
    const sorted = values.subarray(0, n).sort();
    const hi = sorted[Math.floor(0.05 * n)]!;
    const lo = sorted[Math.floor(0.95 * n)]!;
    highest[m] = hi;
    lowest[m] = lo;
    const p = maskIndex[m]!;
    const x = (p % nx) - cx;
    const y = (Math.floor(p / nx) % ny) - cy;
    const z = Math.floor(p / (nx * ny)) - cz;
    const r = Math.hypot(x, y, z);
    let sumR = 0, nR = 0, sumA = 0, nA = 0;
    for (let d = 0; d < directionCount; d++) {
      const v = results[d * nMask + m]!;
      if (!(v > 0)) continue;
      if (Math.abs(v - hi) <= tolerance) histogram[d]!++;
      if (r === 0) continue;
      const u = vectors[d]!;
      const c = Math.abs(u[0] * x + u[1] * y + u[2] * z) / r;
      if (c >= cos45) { sumR += v; nR++; }
      if (c <= cos70) { sumA += v; nA++; }
    }
    const fallback = 0.5 * (lo + hi);
    radial[m] = nR > 0 ? sumR / nR : fallback;
    azimuthal[m] = nA > 0 ? sumA / nA : fallback;
  }
  return { radial, azimuthal, highest, lowest, histogram };
}

/** Per direction: the mean of its valid (> 0) resolutions over the voxels; NaN when it has none. */
export function directionMeans(directional: Float32Array, directionCount: number): number[] {
  const voxels = directional.length / directionCount;
  return Array.from({ length: directionCount }, (_, d) => {
    let sum = 0;
    let n = 0;
    for (let m = 0; m < voxels; m++) {
      const v = directional[d * voxels + m]!;
      if (v > 0) {
        sum += v;
        n++;
      }
    }
    return n > 0 ? sum / n : NaN;
  });
}
