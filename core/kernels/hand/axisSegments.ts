import type { Vec3, Volume } from '../../volume/index.js';
import { connectedComponents } from '../index.js';
import { symmetricEigen3 } from './symmetricEigen3.js';

/** A straight piece of a tube's centre line. */
export interface AxisSegment {
  /** Mid-point of the segment on its axis (Å, map frame). */
  centre: Vec3;
  /** Unit direction (sign arbitrary). */
  direction: Vec3;
  /** Extent of its voxels along the direction (Å). */
  length: number;
  /** RMS distance of its voxels from the axis (Å). */
  width: number;
  voxels: number;
}

export interface AxisSegmentOptions {
  /** Pieces shorter than this (Å) are dropped. */
  minLength: number;
  /** Longer pieces are cut into equal parts no longer than this (Å). */
  maxLength: number;
  /** A piece whose voxels lie farther than this RMS (Å) from its principal axis is split. */
  maxWidth: number;
  /** Nearly parallel halves whose axes are closer than this (Å) are one thick rod (α-helix axes in contact are ≥ 7 Å apart). */
  minSeparation: number;
}

/**
 * Straight segments of a centre-line mask (tubeVoxels): 26-connected components, each split
 * recursively until straight — principal axis (PCA of the voxel positions), RMS distance from it ≤
 * maxWidth, else split in two by a two-line fit (helices joined by turns into an L, a V or a
 * bundle of side-by-side rods) — then cut into equal parts ≤ maxLength; pieces shorter than
 * minLength are dropped. Positions are voxel centres in Å.
 */
export function axisSegments(mask: Volume<Uint8Array>, opts: AxisSegmentOptions): AxisSegment[] {
  const { labels, sizes, count } = connectedComponents(mask, 26);
  const [nx, ny] = mask.dims;
  const [tx, ty, tz] = mask.voxelSize;
  const [ox, oy, oz] = mask.origin;
  // Voxel indices grouped by label (counting sort).
  const start = new Int32Array(count + 2);
  for (let l = 1; l <= count; l++) start[l + 1] = start[l]! + sizes[l]!;
  const fill = start.slice();
  const order = new Int32Array(start[count + 1]!);
  for (let i = 0; i < labels.length; i++) {
    const l = labels[i]!;
    if (l > 0) order[fill[l]!++] = i;
  }
  const total = order.length;
  const px = new Float64Array(total);
  const py = new Float64Array(total);
  const pz = new Float64Array(total);
  for (let k = 0; k < total; k++) {
    const i = order[k]!;
    const x = i % nx;
    const yz = (i - x) / nx;
    const y = yz % ny;
    const z = (yz - y) / ny;
    px[k] = ox + x * tx;
    py[k] = oy + y * ty;
    pz[k] = oz + z * tz;
  }
  const idx = Int32Array.from({ length: total }, (_, k) => k);
  /** Projections of each point on the principal and second axes of the last fit that covered it. */
  const t = new Float64Array(total);
  const t2 = new Float64Array(total);
  const side = new Uint8Array(total);
  const sideAlong = new Uint8Array(total);
  const sideAcross = new Uint8Array(total);
  const eig = new Float64Array(12);
  const segments: AxisSegment[] = [];
  const minPoints = 3;

  interface Fit {
    c: Vec3;
    d: Vec3;
    tMin: number;
    tMax: number;
    /** Σ squared distances from the principal axis. */
    sse: number;
    width: number;
    /** Projection (on d) of the point farthest from the axis. */
    farT: number;
  }
  const fit = (from: number, to: number): Fit => {
    const n = to - from;
    let cx = 0;
    let cy = 0;
    let cz = 0;
    for (let k = from; k < to; k++) {
      const p = idx[k]!;
      cx += px[p]!;
      cy += py[p]!;
      cz += pz[p]!;
    }
    cx /= n;
    cy /= n;
    cz /= n;
    let sxx = 0;
    let sxy = 0;
    let sxz = 0;
    let syy = 0;
    let syz = 0;
    let szz = 0;
    for (let k = from; k < to; k++) {
      const p = idx[k]!;
      const dx = px[p]! - cx;
      const dy = py[p]! - cy;
      const dz = pz[p]! - cz;
      sxx += dx * dx;
      sxy += dx * dy;
      sxz += dx * dz;
      syy += dy * dy;
      syz += dy * dz;
      szz += dz * dz;
    }
    symmetricEigen3(sxx, sxy, sxz, syy, syz, szz, eig);
    const d: Vec3 = [eig[9]!, eig[10]!, eig[11]!];
    const e: Vec3 = [eig[6]!, eig[7]!, eig[8]!];
    let tMin = Infinity;
    let tMax = -Infinity;
    let sse = 0;
    let far = -1;
    let farT = 0;
    for (let k = from; k < to; k++) {
      const p = idx[k]!;
      const dx = px[p]! - cx;
      const dy = py[p]! - cy;
      const dz = pz[p]! - cz;
      const tk = dx * d[0] + dy * d[1] + dz * d[2];
      t[p] = tk;
      t2[p] = dx * e[0] + dy * e[1] + dz * e[2];
      if (tk < tMin) tMin = tk;
      if (tk > tMax) tMax = tk;
      const q = Math.max(0, dx * dx + dy * dy + dz * dz - tk * tk);
      sse += q;
      if (q > far) {
        far = q;
        farT = tk;
      }
    }
    return { c: [cx, cy, cz], d, tMin, tMax, sse, width: Math.sqrt(sse / n), farT };
  };
  /** Reorders idx[from, to) so that points with flag 0 come first; returns the boundary. */
  const partition = (from: number, to: number, flag: Uint8Array): number => {
    let a = from;
    let b = to - 1;
    while (a <= b) {
      if (flag[idx[a]!] === 0) a++;
      else {
        const tmp = idx[a]!;
        idx[a] = idx[b]!;
        idx[b] = tmp;
        b--;
      }
    }
    return a;
  };
  /** Squared distance from point p to the segment of a fit (its axis clamped to its extent). */
  const distance2 = (p: number, f: Fit): number => {
    const dx = px[p]! - f.c[0];
    const dy = py[p]! - f.c[1];
    const dz = pz[p]! - f.c[2];
    const along = dx * f.d[0] + dy * f.d[1] + dz * f.d[2];
    const clamped = along < f.tMin ? f.tMin : along > f.tMax ? f.tMax : along;
    const ex = dx - clamped * f.d[0];
    const ey = dy - clamped * f.d[1];
    const ez = dz - clamped * f.d[2];
    return ex * ex + ey * ey + ez * ez;
  };
  /**
   * Splits a piece that is not straight into two, returning the boundary in idx: of two first cuts
   * — across the principal axis at the point farthest from it (a kink or an L), and along it
   * through the centroid (side-by-side rods, as in a helix bundle) — the one whose halves fit two
   * lines best, then refined by reassigning each point to the nearer of the two segments (k-lines).
   */
  const split = (from: number, to: number, f: Fit): number => {
    const length = f.tMax - f.tMin;
    const cut = Math.min(f.tMax - 0.25 * length, Math.max(f.tMin + 0.25 * length, f.farT));
    for (let k = from; k < to; k++) {
      const p = idx[k]!;
      sideAlong[p] = t[p]! < cut ? 0 : 1;
      sideAcross[p] = t2[p]! < 0 ? 0 : 1;
    }
    let bestSse = Infinity;
    let best: Uint8Array | null = null;
    for (const flag of [sideAlong, sideAcross]) {
      const mid = partition(from, to, flag);
      if (mid - from < minPoints || to - mid < minPoints) continue;
      const sse = fit(from, mid).sse + fit(mid, to).sse;
      if (sse < bestSse) {
        bestSse = sse;
        best = flag;
      }
    }
    if (best === null) return from;
    let mid = partition(from, to, best);
    for (let iteration = 0; iteration < 5; iteration++) {
      const a = fit(from, mid);
      const b = fit(mid, to);
      let changed = 0;
      for (let k = from; k < to; k++) {
        const p = idx[k]!;
        const s = distance2(p, b) < distance2(p, a) ? 1 : 0;
        if (s !== (k < mid ? 0 : 1)) changed++;
        side[p] = s;
      }
      if (changed === 0) break;
      const next = partition(from, to, side);
      if (next - from < minPoints || to - next < minPoints) break;
      mid = next;
    }
    // Two nearly parallel lines closer than a rod's own thickness are one thick rod cut lengthwise:
    // cut it across instead.
    const a = fit(from, mid);
    const b = fit(mid, to);
    const cos = Math.abs(a.d[0] * b.d[0] + a.d[1] * b.d[1] + a.d[2] * b.d[2]);
    const gap = Math.sqrt(lineDistance2(b.c, a));
    if (cos > Math.cos(Math.PI / 6) && gap < opts.minSeparation) {
      for (let k = from; k < to; k++) sideAlong[idx[k]!] = 0;
      // the parent's projections were overwritten by the fits above: project again
      let n = 0;
      for (let k = from; k < to; k++) {
        const p = idx[k]!;
        const along = (px[p]! - f.c[0]) * f.d[0] + (py[p]! - f.c[1]) * f.d[1] + (pz[p]! - f.c[2]) * f.d[2];
        sideAlong[p] = along < 0.5 * (f.tMin + f.tMax) ? 0 : 1;
        n += sideAlong[p]!;
      }
      if (n < minPoints || to - from - n < minPoints) return from;
      return partition(from, to, sideAlong);
    }
    return mid;
  };
  /** Squared distance from a point to the infinite axis line of a fit. */
  const lineDistance2 = (q: Vec3, f: Fit): number => {
    const dx = q[0] - f.c[0];
    const dy = q[1] - f.c[1];
    const dz = q[2] - f.c[2];
    const along = dx * f.d[0] + dy * f.d[1] + dz * f.d[2];
    return Math.max(0, dx * dx + dy * dy + dz * dz - along * along);
  };
  const visit = (from: number, to: number): void => {
    if (to - from < minPoints) return;
    const f = fit(from, to);
    const length = f.tMax - f.tMin;
    if (length < opts.minLength) return;
    if (f.width > opts.maxWidth) {
      const mid = split(from, to, f);
      if (mid === from || mid === to) return;
      visit(from, mid);
      visit(mid, to);
      return;
    }
    if (length > opts.maxLength) {
      const parts = Math.ceil(length / opts.maxLength);
      for (let k = from; k < to; k++) {
        const p = idx[k]!;
        side[p] = Math.min(parts - 1, Math.floor(((t[p]! - f.tMin) / length) * parts));
      }
      // counting sort of the range by part
      const counts = new Int32Array(parts + 1);
      for (let k = from; k < to; k++) counts[side[idx[k]!]! + 1]!++;
      for (let q = 0; q < parts; q++) counts[q + 1]! += counts[q]!;
      const sorted = new Int32Array(to - from);
      const fillAt = counts.slice();
      for (let k = from; k < to; k++) {
        const p = idx[k]!;
        sorted[fillAt[side[p]!]!++] = p;
      }
      idx.set(sorted, from);
      for (let q = 0; q < parts; q++) {
        const a = from + counts[q]!;
        const b = from + counts[q + 1]!;
        if (b - a < minPoints) continue;
        const g = fit(a, b);
        if (g.tMax - g.tMin >= opts.minLength) segments.push(toSegment(g, b - a));
      }
      return;
    }
    segments.push(toSegment(f, to - from));
  };
  const toSegment = (f: Fit, voxels: number): AxisSegment => {
    const mid = 0.5 * (f.tMin + f.tMax);
    return {
      centre: [f.c[0] + mid * f.d[0], f.c[1] + mid * f.d[1], f.c[2] + mid * f.d[2]],
      direction: f.d,
      length: f.tMax - f.tMin,
      width: f.width,
      voxels,
    };
  };
  for (let l = 1; l <= count; l++) visit(start[l]!, start[l + 1]!);
  return segments;
}
