import { irfft3dSync, rfft3dSync } from '../../fft/index.js';
import type { Vec3 } from '../../volume/index.js';
import type { LocalSinusoidDesign } from './localSinusoidDesign.js';

/**
 * The statistic Σ_k (b_k·v)²/(σ² + 1e-10) at the given voxels through FFT correlations: one
 * transform of the map, then per filter b_k one transform of the filter (placed at −offset, so
 * that the circular convolution is the window correlation) and one inverse. Voxels whose window
 * would wrap around the box are never asked for (callers keep them out), so the periodic FFT is
 * exact. Cost (2·rank + 1) box FFTs against rank·(2w+1)³ products per voxel for the direct sum:
 * worth it for wide windows on large masks.
 */
export function likelihoodRatioStatisticsFft(
  average: Float32Array | Float64Array, indices: Int32Array, dims: Vec3, design: LocalSinusoidDesign, variance: number,
): Float64Array {
  const [nx, ny, nz] = dims;
  const total = nx * ny * nz;
  const points = design.weights.length;
  const spectrum = rfft3dSync(average, dims);
  const kernel = new Float64Array(total);
  const values = new Float64Array(indices.length);
  const wrap = (v: number, n: number) => ((v % n) + n) % n;
  const positions = new Int32Array(points);
  for (let p = 0; p < points; p++) {
    positions[p] = wrap(-design.offsets[3 * p]!, nx) + nx * (wrap(-design.offsets[3 * p + 1]!, ny) + ny * wrap(-design.offsets[3 * p + 2]!, nz));
  }
  for (const filter of design.filters) {
    kernel.fill(0);
    for (let p = 0; p < points; p++) kernel[positions[p]!]! += filter[p]!;
    const product = rfft3dSync(kernel, dims);
    for (let q = 0; q < product.length; q += 2) {
      const re = spectrum[q]! * product[q]! - spectrum[q + 1]! * product[q + 1]!;
      const im = spectrum[q]! * product[q + 1]! + spectrum[q + 1]! * product[q]!;
      product[q] = re;
      product[q + 1] = im;
    }
    const correlation = irfft3dSync(product, dims);
    for (let k = 0; k < indices.length; k++) {
      const c = correlation[indices[k]!]!;
      values[k]! += c * c;
    }
  }
  const denominator = variance + 1e-10;
  for (let k = 0; k < values.length; k++) values[k]! /= denominator;
  return values;
}
