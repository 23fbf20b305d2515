import type { Vec3, Volume, VoxelArray } from '../volume/index.js';

export interface CenterOfMassOptions {
  /** Only voxels where mask ≠ 0 count. */
  mask?: Volume<VoxelArray>;
  /** Weight by max(v, 0) instead of v (negative background ignored). */
  positiveOnly?: boolean;
}

export interface CenterOfMass {
  /** Σ w·index / Σ w per axis, in voxel indices [x, y, z] (0-based, voxel centres at integers). */
  center: Vec3;
  /** Σ w; when it is 0 the centre is [NaN, NaN, NaN]. */
  totalWeight: number;
}

/**
 * Centre of mass in voxel indices, float64 sums. Without options this is scipy.ndimage
 * `center_of_mass(V)` as the VRS 0.a uses it: raw densities, negative background included, which
 * explodes when Σv ≈ 0 (vrs-spec §6.1, bug B1: EMD-5107 gives 6 199 342.93). The corrected VRS
 * behaviour is `{ mask: hardMask, positiveOnly: true }`.
 */
export function centerOfMass(volume: Volume<VoxelArray>, opts: CenterOfMassOptions = {}): CenterOfMass {
  const [nx, ny, nz] = volume.dims;
  const v = volume.data;
  const m = opts.mask?.data;
  if (opts.mask && (opts.mask.nx !== nx || opts.mask.ny !== ny || opts.mask.nz !== nz)) {
    throw new RangeError(`centerOfMass: mask dims ${opts.mask.dims.join('×')} differ from map dims ${volume.dims.join('×')}`);
  }
  const positive = opts.positiveOnly === true;
  let total = 0;
  let sx = 0;
  let sy = 0;
  let sz = 0;
  let i = 0;
  for (let z = 0; z < nz; z++) {
    let planeSum = 0;
    for (let y = 0; y < ny; y++) {
      let rowSum = 0;
      let rowX = 0;
      for (let x = 0; x < nx; x++, i++) {
        if (m && m[i] === 0) continue;
        const w = v[i]!;
        if (positive && !(w > 0)) continue;
        if (w === 0) continue;
        rowSum += w;
        rowX += w * x;
      }
      sx += rowX;
      sy += rowSum * y;
      planeSum += rowSum;
    }
    sz += planeSum * z;
    total += planeSum;
  }
  if (total === 0) return { center: [Number.NaN, Number.NaN, Number.NaN], totalWeight: 0 };
  return { center: [sx / total, sy / total, sz / total], totalWeight: total };
}
