import type { Vec3 } from '../../volume/index.js';

/**
 * scipy.ndimage.gaussian_filter with its defaults (mode 'reflect' — the edge sample repeated,
 * d c b a | a b c d —, truncate 4.0: kernel radius int(4σ + 0.5), weights exp(−x²/2σ²)
 * normalised), applied separably along x, y and z. The original service smooths ResMap's map with it.
 */
export function gaussianFilterReflect(values: ArrayLike<number>, dims: Vec3, sigma: number): Float64Array {
  const [nx, ny, nz] = dims;
  if (values.length !== nx * ny * nz) throw new RangeError(`gaussianFilterReflect: ${values.length} values for ${dims.join('×')}`);
  if (!(sigma > 0)) throw new RangeError(`gaussianFilterReflect: sigma must be positive, got ${sigma}`);
  const radius = Math.trunc(4 * sigma + 0.5);
  const kernel = new Float64Array(2 * radius + 1);
  let total = 0;
  for (let k = -radius; k <= radius; k++) total += kernel[k + radius] = Math.exp((-0.5 * k * k) / (sigma * sigma));
  for (let k = 0; k < kernel.length; k++) kernel[k]! /= total;
  // Two buffers used in turn: the input copy and one pass buffer.
  let current = Float64Array.from(values);
  let next = new Float64Array(current.length);
  const strides = [1, nx, nx * ny];
  for (let axis = 0; axis < 3; axis++) {
    const n = dims[axis]!;
    const stride = strides[axis]!;
    const line = new Float64Array(n);
    for (let start = 0; start < current.length; start++) {
      // Visit each line once, from its first sample.
      if (Math.floor(start / stride) % n !== 0) continue;
      for (let i = 0; i < n; i++) line[i] = current[start + i * stride]!;
      for (let i = 0; i < n; i++) {
        let s = 0;
        for (let k = -radius; k <= radius; k++) s += kernel[k + radius]! * line[reflect(i + k, n)]!;
        next[start + i * stride] = s;
      }
    }
    [current, next] = [next, current];
  }
  return current;
}

function reflect(i: number, n: number): number {
  const period = 2 * n;
  let j = ((i % period) + period) % period;
  if (j >= n) j = period - 1 - j;
  return j;
}
