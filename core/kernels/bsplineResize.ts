import { type Vec3, Volume, type VoxelArray } from '../volume/index.js';
import { bsplineCoefficients, cubicBSpline, mirrorIndex } from './bsplineCoefficients.js';

export interface BsplineResizeOptions {
  /** Output dims; default floor(n·factor) per axis (Xmipp `image_resize --factor`: `(int)(n*factor)`). */
  dims?: Vec3;
  /**
   * 'factor' (default): sample every 1/factor input voxels, so the output voxel size is exactly
   * Ts/factor. 'sizeRatio': stretch by n'/n like Xmipp's scaleToSize (which uses the integer sizes,
   * not the factor); the output voxel size is then Ts·n/n'.
   */
  scaleRule?: 'factor' | 'sizeRatio';
}

/**
 * Resamples a map with cubic B-spline interpolation (prefiltered coefficients, mirror boundaries),
 * scaling about the Xmipp logical centre: output voxel floor(n'/2) sits exactly on input voxel
 * floor(n/2) (Xmipp `scaleToSize` after setXmippOrigin). `factor` > 1 enlarges (finer sampling).
 * Separable: three 1D passes of 4 taps. No anti-alias filter: low-pass first when shrinking
 * (resizeToVoxelSize does). The origin is updated so that positions in Å stay consistent.
 */
export function bsplineResize(volume: Volume<VoxelArray>, factor: number | Vec3, opts: BsplineResizeOptions = {}): Volume<Float32Array> {
  const f: Vec3 = typeof factor === 'number' ? [factor, factor, factor] : factor;
  if (!f.every((v) => v > 0 && Number.isFinite(v))) throw new RangeError(`resize factor must be positive, got ${f.join(', ')}`);
  const inDims = volume.dims;
  const outDims: Vec3 = opts.dims ?? (inDims.map((n, k) => Math.floor(n * f[k]!)) as Vec3);
  if (!outDims.every((d) => Number.isInteger(d) && d >= 1)) throw new RangeError(`resize gives dims ${outDims.join('×')}`);
  const scale: Vec3 = opts.scaleRule === 'sizeRatio' ? (inDims.map((n, k) => outDims[k]! / n) as Vec3) : f;

  // Every axis is interpolated, also those keeping their size: at scale 1 that evaluates the
  // coefficients at the nodes and gives back the samples.
  let data = bsplineCoefficients(Float64Array.from(volume.data), inDims);
  let dims: Vec3 = [...inDims];
  for (const axis of [0, 1, 2] as const) {
    data = resampleAxis(data, dims, axis, outDims[axis], scale[axis]);
    dims = [...dims];
    dims[axis] = outDims[axis];
  }
  const { voxelSize, origin } = volume.geometry;
  const newVoxel = voxelSize.map((s, k) => s / scale[k]!) as Vec3;
  // Output voxel j is at input coordinate c + (j − c')/scale: keep positions in Å.
  const newOrigin = origin.map((o, k) => o + voxelSize[k]! * (Math.floor(inDims[k]! / 2) - Math.floor(outDims[k]! / 2) / scale[k]!)) as Vec3;
  return new Volume(Float32Array.from(data), { dims: outDims, voxelSize: newVoxel, origin: newOrigin });
}

/** Interpolates the spline coefficients along one axis at the output positions. */
function resampleAxis(src: Float64Array, dims: Vec3, axis: 0 | 1 | 2, m: number, scale: number): Float64Array {
  const n = dims[axis];
  const cIn = Math.floor(n / 2);
  const cOut = Math.floor(m / 2);
  const idx = new Int32Array(4 * m);
  const w = new Float64Array(4 * m);
  for (let j = 0; j < m; j++) {
    const t = cIn + (j - cOut) / scale;
    const i0 = Math.floor(t) - 1;
    for (let k = 0; k < 4; k++) {
      idx[4 * j + k] = mirrorIndex(i0 + k, n);
      w[4 * j + k] = cubicBSpline(t - (i0 + k));
    }
  }
  const [nx, ny, nz] = dims;
  const outer = axis === 0 ? ny * nz : axis === 1 ? nz : 1;
  const inner = axis === 0 ? 1 : axis === 1 ? nx : nx * ny;
  const out = new Float64Array(outer * m * inner);
  for (let o = 0; o < outer; o++) {
    const sb = o * n * inner;
    const db = o * m * inner;
    for (let j = 0; j < m; j++) {
      const drow = db + j * inner;
      for (let k = 0; k < 4; k++) {
        const wk = w[4 * j + k]!;
        if (wk === 0) continue;
        const srow = sb + idx[4 * j + k]! * inner;
        for (let q = 0; q < inner; q++) out[drow + q]! += wk * src[srow + q]!;
      }
    }
  }
  return out;
}
