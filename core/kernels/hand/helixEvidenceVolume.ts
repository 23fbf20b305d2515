import { type Vec3, Volume, type VolumeGeometry } from '../../volume/index.js';

/** What helixEvidenceVolume needs of a candidate. */
export interface EvidenceSegment {
  centre: Vec3;
  /** Unit direction. */
  axis: Vec3;
  length: number;
  value: number;
}

/**
 * A map for colouring surfaces by candidate: every voxel within `radius` Å of a segment's axis
 * (the capsule around centre ± length/2 along the axis) takes that segment's value, the nearest
 * segment winning where capsules overlap; 0 elsewhere ("no value" for coloured surface views).
 * A value of exactly 0 is stored as the smallest float32 above 0 so that it still counts.
 */
export function helixEvidenceVolume(grid: VolumeGeometry, segments: readonly EvidenceSegment[], radius: number): Volume<Float32Array> {
  const [nx, ny, nz] = grid.dims;
  const [tx, ty, tz] = grid.voxelSize;
  const [ox, oy, oz] = grid.origin;
  const out = new Float32Array(nx * ny * nz);
  const best = new Float32Array(nx * ny * nz).fill(Infinity);
  const r2 = radius * radius;
  for (const s of segments) {
    const half = s.length / 2;
    const [ax, ay, az] = s.axis;
    const [cx, cy, cz] = s.centre;
    const value = s.value === 0 ? 1.4e-45 : s.value;
    // bounding box of the capsule, in voxels
    const lo = [cx, cy, cz].map((c, k) => c - Math.abs(s.axis[k]!) * half - radius);
    const hi = [cx, cy, cz].map((c, k) => c + Math.abs(s.axis[k]!) * half + radius);
    const x0 = Math.max(0, Math.ceil((lo[0]! - ox) / tx));
    const x1 = Math.min(nx - 1, Math.floor((hi[0]! - ox) / tx));
    const y0 = Math.max(0, Math.ceil((lo[1]! - oy) / ty));
    const y1 = Math.min(ny - 1, Math.floor((hi[1]! - oy) / ty));
    const z0 = Math.max(0, Math.ceil((lo[2]! - oz) / tz));
    const z1 = Math.min(nz - 1, Math.floor((hi[2]! - oz) / tz));
    for (let z = z0; z <= z1; z++) {
      const dz = oz + z * tz - cz;
      for (let y = y0; y <= y1; y++) {
        const dy = oy + y * ty - cy;
        for (let x = x0; x <= x1; x++) {
          const dx = ox + x * tx - cx;
          let t = dx * ax + dy * ay + dz * az;
          t = t < -half ? -half : t > half ? half : t;
          const ex = dx - t * ax;
          const ey = dy - t * ay;
          const ez = dz - t * az;
          const d2 = ex * ex + ey * ey + ez * ez;
          const i = (z * ny + y) * nx + x;
          if (d2 <= r2 && d2 < best[i]!) {
            best[i] = d2;
            out[i] = value;
          }
        }
      }
    }
  }
  return new Volume(out, { dims: [...grid.dims], voxelSize: [...grid.voxelSize], origin: [...grid.origin] });
}
