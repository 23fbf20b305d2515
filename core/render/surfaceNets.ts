import type { TriangleMesh } from './TriangleMesh.js';

export interface ScalarGrid {
  /** Values z-major, x fastest. */
  data: ArrayLike<number>;
  dims: [number, number, number];
  /** Å per grid step along x, y, z. */
  spacing: [number, number, number];
  /** Position in Å of grid point (0, 0, 0). */
  origin: [number, number, number];
}

// The 12 cube edges as pairs of corner numbers; corner k sits at (k & 1, k >> 1 & 1, k >> 2 & 1).
const CUBE_EDGES: [number, number][] = [];
for (let k = 0; k < 8; k++) for (const bit of [1, 2, 4]) if (!(k & bit)) CUBE_EDGES.push([k, k | bit]);

/**
 * The isosurface `value = threshold` of a grid, by naive surface nets: one vertex per grid cell the
 * surface crosses (at the mean of its edge crossings), one quad (two triangles) per grid edge the
 * surface crosses. "Inside" is `value >= threshold`, as the masks are built. The surface is open
 * where the object touches the box. Vertex normals come from the cell's density gradient.
 *
 * Memory stays proportional to the surface: cell-to-vertex indices are kept for two z-slabs only.
 */
export function surfaceNets(grid: ScalarGrid, threshold: number): TriangleMesh {
  const [nx, ny, nz] = grid.dims;
  const { data, spacing, origin } = grid;
  const positions = new GrowableArray(Float32Array);
  const normals = new GrowableArray(Float32Array);
  const indices = new GrowableArray(Uint32Array);
  if (nx < 2 || ny < 2 || nz < 2) return { positions: positions.toArray(), normals: normals.toArray(), indices: indices.toArray() };

  const cx = nx - 1;
  const cy = ny - 1;
  const slabSize = cx * cy;
  const cellVertex = new Int32Array(2 * slabSize).fill(-1);
  const corner = new Float64Array(8);
  const cornerOffset = [0, 1, nx, nx + 1, nx * ny, nx * ny + 1, nx * ny + nx, nx * ny + nx + 1];
  let vertexCount = 0;

  for (let z = 0; z < nz - 1; z++) {
    const slab = (z & 1) * slabSize;
    const previousSlab = ((z - 1) & 1) * slabSize;
    cellVertex.fill(-1, slab, slab + slabSize);
    for (let y = 0; y < ny - 1; y++) {
      let base = (z * ny + y) * nx;
      for (let x = 0; x < nx - 1; x++, base++) {
        let mask = 0;
        for (let k = 0; k < 8; k++) {
          const v = data[base + cornerOffset[k]!]!;
          corner[k] = v;
          if (v >= threshold) mask |= 1 << k;
        }
        if (mask === 0 || mask === 255) continue;

        // Vertex: mean of the crossing points on the cube's sign-changing edges.
        let sx = 0;
        let sy = 0;
        let sz = 0;
        let crossings = 0;
        for (const [a, b] of CUBE_EDGES) {
          const inA = (mask >> a) & 1;
          if (inA === ((mask >> b) & 1)) continue;
          const va = corner[a]!;
          const t = (threshold - va) / (corner[b]! - va);
          sx += (a & 1) + ((b & 1) - (a & 1)) * t;
          sy += ((a >> 1) & 1) + (((b >> 1) & 1) - ((a >> 1) & 1)) * t;
          sz += ((a >> 2) & 1) + (((b >> 2) & 1) - ((a >> 2) & 1)) * t;
          crossings++;
        }
        positions.push3(origin[0] + (x + sx / crossings) * spacing[0], origin[1] + (y + sy / crossings) * spacing[1], origin[2] + (z + sz / crossings) * spacing[2]);
        const gx = (corner[1]! - corner[0]! + corner[3]! - corner[2]! + corner[5]! - corner[4]! + corner[7]! - corner[6]!) / spacing[0];
        const gy = (corner[2]! - corner[0]! + corner[3]! - corner[1]! + corner[6]! - corner[4]! + corner[7]! - corner[5]!) / spacing[1];
        const gz = (corner[4]! - corner[0]! + corner[5]! - corner[1]! + corner[6]! - corner[2]! + corner[7]! - corner[3]!) / spacing[2];
        const g = Math.hypot(gx, gy, gz) || 1;
        normals.push3(-gx / g, -gy / g, -gz / g);
        const here = slab + y * cx + x;
        cellVertex[here] = vertexCount++;

        // Quads around the three grid edges leaving corner 0 (along x, y, z). The four cells around
        // an edge along axis a are the cell itself and its neighbours at −u, −v, −u−v, where
        // (a, u, v) is right-handed; corner 0 inside means the outward normal points along +a.
        const inside0 = mask & 1;
        if (((mask >> 1) & 1) !== inside0 && y > 0 && z > 0) {
          // a = x, u = y, v = z
          emitQuad(indices, cellVertex, previousSlab + (y - 1) * cx + x, previousSlab + y * cx + x, here, here - cx, inside0 === 1);
        }
        if (((mask >> 2) & 1) !== inside0 && x > 0 && z > 0) {
          // a = y, u = z, v = x
          emitQuad(indices, cellVertex, previousSlab + y * cx + x - 1, here - 1, here, previousSlab + y * cx + x, inside0 === 1);
        }
        if (((mask >> 4) & 1) !== inside0 && x > 0 && y > 0) {
          // a = z, u = x, v = y
          emitQuad(indices, cellVertex, here - cx - 1, here - cx, here, here - 1, inside0 === 1);
        }
      }
    }
  }
  return { positions: positions.toArray(), normals: normals.toArray(), indices: indices.toArray() };
}

/** Two triangles q0 q1 q2 and q0 q2 q3, reversed when the normal must point the other way. */
function emitQuad(indices: GrowableArray<Uint32Array>, cellVertex: Int32Array, c0: number, c1: number, c2: number, c3: number, forward: boolean): void {
  const q0 = cellVertex[c0]!;
  const q1 = cellVertex[c1]!;
  const q2 = cellVertex[c2]!;
  const q3 = cellVertex[c3]!;
  if (q0 < 0 || q1 < 0 || q2 < 0 || q3 < 0) return; // cannot happen for a sign-changing edge; guards NaN grids
  if (forward) {
    indices.push3(q0, q1, q2);
    indices.push3(q0, q2, q3);
  } else {
    indices.push3(q0, q2, q1);
    indices.push3(q0, q3, q2);
  }
}

type TypedArrayConstructor<T> = { new (length: number): T };

class GrowableArray<T extends Float32Array | Uint32Array> {
  private buffer: T;
  private length = 0;
  constructor(private readonly type: TypedArrayConstructor<T>) {
    this.buffer = new type(3 * 4096);
  }
  push3(a: number, b: number, c: number): void {
    if (this.length + 3 > this.buffer.length) {
      const bigger = new this.type(this.buffer.length * 2);
      bigger.set(this.buffer);
      this.buffer = bigger;
    }
    this.buffer[this.length++] = a;
    this.buffer[this.length++] = b;
    this.buffer[this.length++] = c;
  }
  toArray(): T {
    return this.buffer.slice(0, this.length) as T;
  }
}
