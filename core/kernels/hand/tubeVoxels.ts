import type { Volume } from '../../volume/index.js';
import { symmetricEigen3 } from './symmetricEigen3.js';

export interface TubeCriteria {
  /** |λ_axis| ≤ maxAxialRatio·|λ_cross| (λ_cross the weaker of the two cross-section curvatures). */
  maxAxialRatio: number;
  /** λ_cross / λ_strong ≥ minCrossRatio: a round cross-section, not a sheet. */
  minCrossRatio: number;
  /** Distance (Å) to the ridge line along each cross-section direction (Newton step −g·e/λ). */
  maxRidgeDistance: number;
}

export const DEFAULT_TUBE_CRITERIA: TubeCriteria = { maxAxialRatio: 0.5, minCrossRatio: 0.3, maxRidgeDistance: 1 };

/**
 * Voxels on the centre line of bright tubular density: the Hessian H and gradient g of a smooth map
 * (central differences, per-axis voxel size) at every voxel of `region`, eigenvalues λa ≤ λb ≤ λc.
 * A voxel is kept when the cross-section curves down in both directions (λa ≤ λb < 0), the density
 * runs on along the third (|λc| ≤ maxAxialRatio·|λb|), the cross-section is round (λb/λa ≥
 * minCrossRatio) and the voxel lies within maxRidgeDistance of the ridge (|g·e/λ| for e of λa, λb).
 * The map should already be smoothed at the tube scale (σ ≈ 2 Å for α-helices at 5 Å). The outer
 * voxel layer is never kept (no neighbours). Like any Hessian tube filter it also fires on the shell
 * of a round blob where the radial curvature passes through 0; such shells make short or curved
 * pieces that the segment and template steps reject.
 */
export function tubeVoxels(smooth: Volume<Float32Array>, region: Uint8Array, criteria: TubeCriteria = DEFAULT_TUBE_CRITERIA): Uint8Array {
  const [nx, ny, nz] = smooth.dims;
  if (region.length !== smooth.size) throw new RangeError(`region has ${region.length} voxels, the map ${smooth.size}`);
  const [hx, hy, hz] = smooth.voxelSize;
  const s = smooth.data;
  const out = new Uint8Array(s.length);
  const eig = new Float64Array(12);
  const sx = 1;
  const sy = nx;
  const sz = nx * ny;
  const ixx = 1 / (hx * hx);
  const iyy = 1 / (hy * hy);
  const izz = 1 / (hz * hz);
  const ixy = 1 / (4 * hx * hy);
  const ixz = 1 / (4 * hx * hz);
  const iyz = 1 / (4 * hy * hz);
  const { maxAxialRatio, minCrossRatio, maxRidgeDistance } = criteria;
  for (let z = 1; z < nz - 1; z++) {
    for (let y = 1; y < ny - 1; y++) {
      const row = (z * ny + y) * nx;
      for (let x = 1; x < nx - 1; x++) {
        const i = row + x;
        if (region[i] === 0) continue;
        const c = s[i]!;
        const xp = s[i + sx]!;
        const xm = s[i - sx]!;
        const yp = s[i + sy]!;
        const ym = s[i - sy]!;
        const zp = s[i + sz]!;
        const zm = s[i - sz]!;
        const hxx = (xp - 2 * c + xm) * ixx;
        const hyy = (yp - 2 * c + ym) * iyy;
        const hzz = (zp - 2 * c + zm) * izz;
        // Cheap rejection first: a tube has a negative trace.
        if (hxx + hyy + hzz >= 0) continue;
        const hxy = (s[i + sx + sy]! - s[i + sx - sy]! - s[i - sx + sy]! + s[i - sx - sy]!) * ixy;
        const hxz = (s[i + sx + sz]! - s[i + sx - sz]! - s[i - sx + sz]! + s[i - sx - sz]!) * ixz;
        const hyz = (s[i + sy + sz]! - s[i + sy - sz]! - s[i - sy + sz]! + s[i - sy - sz]!) * iyz;
        symmetricEigen3(hxx, hxy, hxz, hyy, hyz, hzz, eig);
        const la = eig[0]!;
        const lb = eig[1]!;
        const lc = eig[2]!;
        // λb/λa ≥ minCrossRatio with both negative ⇔ λb ≤ minCrossRatio·λa
        if (!(lb < 0) || Math.abs(lc) > maxAxialRatio * -lb || lb > minCrossRatio * la) continue;
        const gx = (xp - xm) / (2 * hx);
        const gy = (yp - ym) / (2 * hy);
        const gz = (zp - zm) / (2 * hz);
        const da = (gx * eig[3]! + gy * eig[4]! + gz * eig[5]!) / la;
        const db = (gx * eig[6]! + gy * eig[7]! + gz * eig[8]!) / lb;
        if (Math.abs(da) <= maxRidgeDistance && Math.abs(db) <= maxRidgeDistance) out[i] = 1;
      }
    }
  }
  return out;
}
