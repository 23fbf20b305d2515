/**
 * Eigenvalues (ascending) and unit eigenvectors of a real symmetric 3×3 matrix
 * [[a00, a01, a02], [a01, a11, a12], [a02, a12, a22]], written into `out` (length ≥ 12):
 * out[0..2] = λ0 ≤ λ1 ≤ λ2, out[3 + 3k .. 5 + 3k] = the eigenvector of λk. The vectors form a
 * right-handed orthonormal frame. No allocation: meant for per-voxel Hessians and small PCAs.
 *
 * Eigenvalues in closed form (trigonometric solution of the characteristic cubic on the scaled,
 * shifted matrix); eigenvectors by the robust scheme for 3×3 symmetric matrices (Eberly, "A robust
 * eigensolver for 3×3 symmetric matrices", 2014): the eigenvalue farthest from the other two first
 * (largest cross product of two rows of A − λI), the next one inside the orthogonal complement of
 * the first (a 2×2 problem), the third as their cross product. Repeated eigenvalues give any
 * orthonormal basis of their eigenspace. Accuracy ~1e-15 relative to the largest |entry|, ~1e-8
 * for a nearly repeated pair (the cubic's acos near ±1), ample for Hessians and PCAs.
 */
export function symmetricEigen3(a00: number, a01: number, a02: number, a11: number, a12: number, a22: number, out: Float64Array): Float64Array {
  const scale = Math.max(Math.abs(a00), Math.abs(a01), Math.abs(a02), Math.abs(a11), Math.abs(a12), Math.abs(a22));
  if (!(scale > 0)) {
    out.fill(0, 0, 12);
    out[3] = 1;
    out[7] = 1;
    out[11] = 1;
    return out;
  }
  // Scaling keeps the cubic well conditioned for any magnitude.
  const b00 = a00 / scale;
  const b01 = a01 / scale;
  const b02 = a02 / scale;
  const b11 = a11 / scale;
  const b12 = a12 / scale;
  const b22 = a22 / scale;
  const q = (b00 + b11 + b22) / 3;
  const c00 = b00 - q;
  const c11 = b11 - q;
  const c22 = b22 - q;
  const off = b01 * b01 + b02 * b02 + b12 * b12;
  const p2 = (c00 * c00 + c11 * c11 + c22 * c22 + 2 * off) / 6;
  let l0: number;
  let l1: number;
  let l2: number;
  if (p2 <= 1e-30) {
    l0 = l1 = l2 = q;
  } else {
    const p = Math.sqrt(p2);
    // det((B − qI)/p)/2 = cos(3φ)
    const det = c00 * (c11 * c22 - b12 * b12) - b01 * (b01 * c22 - b12 * b02) + b02 * (b01 * b12 - c11 * b02);
    const half = Math.min(1, Math.max(-1, det / (2 * p2 * p)));
    const phi = Math.acos(half) / 3;
    l2 = q + 2 * p * Math.cos(phi);
    l0 = q + 2 * p * Math.cos(phi + (2 * Math.PI) / 3);
    l1 = 3 * q - l0 - l2;
  }
  out[0] = l0 * scale;
  out[1] = l1 * scale;
  out[2] = l2 * scale;

  // Start with the eigenvalue farther from the middle one: its eigenspace is one-dimensional
  // whenever the three are not all equal.
  const firstIsMax = l2 - l1 >= l1 - l0;
  const la = firstIsMax ? l2 : l0;
  const [ax, ay, az] = eigenvectorOf(b00, b01, b02, b11, b12, b22, la);
  // Orthonormal complement (u, v) of a.
  let ux: number;
  let uy: number;
  let uz: number;
  if (Math.abs(ax) > Math.abs(ay)) {
    const inv = 1 / Math.hypot(ax, az);
    ux = -az * inv;
    uy = 0;
    uz = ax * inv;
  } else {
    const inv = 1 / Math.hypot(ay, az);
    ux = 0;
    uy = az * inv;
    uz = -ay * inv;
  }
  const vx = ay * uz - az * uy;
  const vy = az * ux - ax * uz;
  const vz = ax * uy - ay * ux;
  // B restricted to span(u, v), for the middle eigenvalue.
  const bux = b00 * ux + b01 * uy + b02 * uz;
  const buy = b01 * ux + b11 * uy + b12 * uz;
  const buz = b02 * ux + b12 * uy + b22 * uz;
  const bvx = b00 * vx + b01 * vy + b02 * vz;
  const bvy = b01 * vx + b11 * vy + b12 * vz;
  const bvz = b02 * vx + b12 * vy + b22 * vz;
  const m00 = ux * bux + uy * buy + uz * buz - l1;
  const m01 = ux * bvx + uy * bvy + uz * bvz;
  const m11 = vx * bvx + vy * bvy + vz * bvz - l1;
  // (m00, m01; m01, m11) is singular: its null vector (c, s) from the larger row.
  let c: number;
  let s: number;
  const r0 = Math.abs(m00) + Math.abs(m01);
  const r1 = Math.abs(m01) + Math.abs(m11);
  if (Math.max(r0, r1) <= 1e-12) {
    c = 1;
    s = 0;
  } else if (r0 >= r1) {
    const n = Math.hypot(m00, m01);
    c = -m01 / n;
    s = m00 / n;
  } else {
    const n = Math.hypot(m11, m01);
    c = m11 / n;
    s = -m01 / n;
  }
  const bx = c * ux + s * vx;
  const by = c * uy + s * vy;
  const bz = c * uz + s * vz;
  // Slots: the first vector belongs to λ2 (or λ0), the middle one to λ1, the last closes the frame.
  const iA = firstIsMax ? 2 : 0;
  const iC = firstIsMax ? 0 : 2;
  out[3 + 3 * iA] = ax;
  out[4 + 3 * iA] = ay;
  out[5 + 3 * iA] = az;
  out[6] = bx;
  out[7] = by;
  out[8] = bz;
  // e0 × e1 = e2 keeps the frame right-handed.
  if (iC === 0) {
    // e0 = e1 × e2
    out[3] = by * az - bz * ay;
    out[4] = bz * ax - bx * az;
    out[5] = bx * ay - by * ax;
  } else {
    // e2 = e0 × e1
    out[9] = ay * bz - az * by;
    out[10] = az * bx - ax * bz;
    out[11] = ax * by - ay * bx;
  }
  return out;
}

/** A unit null vector of B − λI: the largest cross product of two of its rows. */
function eigenvectorOf(b00: number, b01: number, b02: number, b11: number, b12: number, b22: number, l: number): [number, number, number] {
  const r0x = b00 - l;
  const r0y = b01;
  const r0z = b02;
  const r1x = b01;
  const r1y = b11 - l;
  const r1z = b12;
  const r2x = b02;
  const r2y = b12;
  const r2z = b22 - l;
  const c01x = r0y * r1z - r0z * r1y;
  const c01y = r0z * r1x - r0x * r1z;
  const c01z = r0x * r1y - r0y * r1x;
  const c02x = r0y * r2z - r0z * r2y;
  const c02y = r0z * r2x - r0x * r2z;
  const c02z = r0x * r2y - r0y * r2x;
  const c12x = r1y * r2z - r1z * r2y;
  const c12y = r1z * r2x - r1x * r2z;
  const c12z = r1x * r2y - r1y * r2x;
  const d01 = c01x * c01x + c01y * c01y + c01z * c01z;
  const d02 = c02x * c02x + c02y * c02y + c02z * c02z;
  const d12 = c12x * c12x + c12y * c12y + c12z * c12z;
  if (d01 >= d02 && d01 >= d12 && d01 > 0) {
    const inv = 1 / Math.sqrt(d01);
    return [c01x * inv, c01y * inv, c01z * inv];
  }
  if (d02 >= d12 && d02 > 0) {
    const inv = 1 / Math.sqrt(d02);
    return [c02x * inv, c02y * inv, c02z * inv];
  }
  if (d12 > 0) {
    const inv = 1 / Math.sqrt(d12);
    return [c12x * inv, c12y * inv, c12z * inv];
  }
  // B − λI has rank ≤ 1: any vector orthogonal to its non-zero row.
  const rows: [number, number, number][] = [[r0x, r0y, r0z], [r1x, r1y, r1z], [r2x, r2y, r2z]];
  let best = rows[0]!;
  let bestNorm = 0;
  for (const row of rows) {
    const n = Math.hypot(...row);
    if (n > bestNorm) {
      bestNorm = n;
      best = row;
    }
  }
  if (bestNorm === 0) return [1, 0, 0];
  const [x, y, z] = best;
  const u: [number, number, number] = Math.abs(x) > Math.abs(y) ? [-z, 0, x] : [0, z, -y];
  const inv = 1 / Math.hypot(...u);
  return [u[0] * inv, u[1] * inv, u[2] * inv];
}
