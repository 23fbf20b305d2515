import type { Vec3 } from '../../volume/index.js';

/**
 * Where blocres measures: the voxels with mask ≥ 0.5 whose box lies inside the map. Bsoft keeps
 * coordinates c with box/2 ≤ c ≤ n − box/2 (the box runs from c − box/2 for box voxels); for an
 * odd box the upper bound is n − box + ⌊box/2⌋ so that the box never leaves the map.
 */
export function blocResTargets(mask: ArrayLike<number>, dims: Vec3, box: number, level = 0.5): Uint8Array {
  const [nx, ny, nz] = dims;
  const out = new Uint8Array(nx * ny * nz);
  const lo = Math.floor(box / 2);
  const hi = (n: number) => n - box + lo;
  for (let z = lo; z <= hi(nz); z++) {
    for (let y = lo; y <= hi(ny); y++) {
      let i = (z * ny + y) * nx + lo;
      for (let x = lo; x <= hi(nx); x++, i++) if (mask[i]! >= level) out[i] = 1;
    }
  }
  return out;
}

/**
 * The grid points measured at `step`: every point with coordinates that are multiples of step
 * (Bsoft's rule) and that is a trilinear-interpolation corner, with non-zero weight, of some
 * target voxel — and whose box lies inside the map (see axisCorners for targets near the edge that
 * have no such corner along an axis). At step 1 these are the targets themselves.
 * Sorted linear indices.
 */
export function evaluationPoints(targets: Uint8Array, dims: Vec3, box: number, step: number): Int32Array {
  const marks = markEvaluationPoints(targets, dims, box, step);
  let count = 0;
  for (let i = 0; i < marks.length; i++) count += marks[i]!;
  const out = new Int32Array(count);
  for (let i = 0, k = 0; i < marks.length; i++) if (marks[i]) out[k++] = i;
  return out;
}

/** How many boxes `step` measures (the length of evaluationPoints). */
export function countEvaluationPoints(targets: Uint8Array, dims: Vec3, box: number, step: number): number {
  const marks = markEvaluationPoints(targets, dims, box, step);
  let count = 0;
  for (let i = 0; i < marks.length; i++) count += marks[i]!;
  return count;
}

/** The smallest step (1, 2, …) that measures at most `maxBoxes` boxes. */
export function chooseStep(targets: Uint8Array, dims: Vec3, box: number, maxBoxes: number): number {
  if (!(maxBoxes >= 1)) throw new RangeError(`blocres maxBoxes must be ≥ 1, got ${maxBoxes}`);
  const largest = Math.max(1, Math.min(...dims));
  for (let step = 1; step < largest; step++) {
    if (countEvaluationPoints(targets, dims, box, step) <= maxBoxes) return step;
  }
  return largest;
}

function markEvaluationPoints(targets: Uint8Array, dims: Vec3, box: number, step: number): Uint8Array {
  if (!Number.isInteger(step) || step < 1) throw new RangeError(`blocres step must be a positive integer, got ${step}`);
  const [nx, ny, nz] = dims;
  const marks = new Uint8Array(nx * ny * nz);
  const lo = Math.floor(box / 2);
  const xs = new Int32Array(2), ys = new Int32Array(2), zs = new Int32Array(2);
  const w = new Float64Array(2);
  let i = 0;
  for (let z = 0; z < nz; z++) {
    for (let y = 0; y < ny; y++) {
      for (let x = 0; x < nx; x++, i++) {
        if (!targets[i]) continue;
        const cx = axisCorners(x, step, lo, nx - box + lo, xs, w);
        const cy = axisCorners(y, step, lo, ny - box + lo, ys, w);
        const cz = axisCorners(z, step, lo, nz - box + lo, zs, w);
        for (let c = 0; c < cz; c++) for (let b = 0; b < cy; b++) for (let a = 0; a < cx; a++) marks[(zs[c]! * ny + ys[b]!) * nx + xs[a]!] = 1;
      }
    }
  }
  return marks;
}

/**
 * The grid coordinates (multiples of step within [lo, hi], where the box fits) that interpolate
 * coordinate c along one axis, with their linear weights; returns how many. When neither
 * neighbour fits (a target near the map edge with a large step) c itself is measured, so that no
 * target is left without a value.
 */
function axisCorners(c: number, step: number, lo: number, hi: number, at: Int32Array, w: Float64Array): number {
  const low = c - (c % step);
  const t = (c - low) / step;
  let k = 0;
  if (low >= lo && low <= hi) {
    at[k] = low;
    w[k++] = 1 - t;
  }
  if (t > 0 && low + step >= lo && low + step <= hi) {
    at[k] = low + step;
    w[k++] = t;
  }
  if (k === 0) {
    at[0] = c;
    w[0] = 1;
    k = 1;
  }
  return k;
}

/**
 * Fills every target voxel from the measured grid (`measured`: a value per voxel, set at the
 * evaluation points) by trilinear interpolation between its grid corners; corners whose box would
 * leave the map are left out and the weights of the others renormalised (along an axis with no
 * such corner the voxel's own coordinate was measured). Voxels that are not targets get `fill`.
 * At step 1 this copies the measured values of the targets.
 */
export function interpolateEvaluated(measured: Float32Array, targets: Uint8Array, dims: Vec3, box: number, step: number, fill = 0): Float32Array {
  const [nx, ny, nz] = dims;
  const out = new Float32Array(nx * ny * nz);
  if (fill !== 0) out.fill(fill);
  const lo = Math.floor(box / 2);
  const xs = new Int32Array(2), ys = new Int32Array(2), zs = new Int32Array(2);
  const wx = new Float64Array(2), wy = new Float64Array(2), wz = new Float64Array(2);
  let i = 0;
  for (let z = 0; z < nz; z++) {
    for (let y = 0; y < ny; y++) {
      for (let x = 0; x < nx; x++, i++) {
        if (!targets[i]) continue;
        if (step === 1) {
          out[i] = measured[i]!;
          continue;
        }
        const cx = axisCorners(x, step, lo, nx - box + lo, xs, wx);
        const cy = axisCorners(y, step, lo, ny - box + lo, ys, wy);
        const cz = axisCorners(z, step, lo, nz - box + lo, zs, wz);
        let sum = 0;
        let weight = 0;
        for (let c = 0; c < cz; c++) {
          for (let b = 0; b < cy; b++) {
            const row = (zs[c]! * ny + ys[b]!) * nx;
            for (let a = 0; a < cx; a++) {
              const w = wz[c]! * wy[b]! * wx[a]!;
              sum += w * measured[row + xs[a]!]!;
              weight += w;
            }
          }
        }
        out[i] = weight > 0 ? sum / weight : fill;
      }
    }
  }
  return out;
}
