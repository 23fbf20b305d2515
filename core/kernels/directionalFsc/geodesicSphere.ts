/**
 * A geodesic icosphere: the 12 vertices of an icosahedron with a vertex at the pole (tilt 0) and
 * its first ring at tilt atan(2) = 63.4349° and rot 36° + 72°k (Xmipp's orientation, algorithms
 * §3.7 step 4), refined by recursive edge-midpoint subdivision projected onto the sphere. Each
 * level quadruples the faces: 12, 42, 162, 642 vertices for levels 0…3. Level 3 is the
 * frequency-8 sphere whose hemisphere gives Xmipp FSO's 321 directions; midpoint subdivision halves
 * the angles along the edges (Xmipp's table holds 63.4349/2, /4, 3/4, which linear subdivision of
 * an edge into 8 would not give).
 */
export interface GeodesicSphere {
  /** Unit vectors, x y z interleaved. */
  vertices: Float64Array;
  /** Triangles as vertex indices, counter-clockwise seen from outside (outward normals). */
  faces: Uint32Array;
}

export function geodesicSphere(levels: number): GeodesicSphere {
  if (!Number.isInteger(levels) || levels < 0 || levels > 6) throw new RangeError(`geodesicSphere: levels must be an integer in 0…6, got ${levels}`);
  const vertices: number[] = [];
  const push = (x: number, y: number, z: number): number => {
    const r = Math.hypot(x, y, z);
    vertices.push(x / r, y / r, z / r);
    return vertices.length / 3 - 1;
  };
  const ring = Math.atan(2);
  const deg = Math.PI / 180;
  push(0, 0, 1);
  for (let k = 0; k < 5; k++) push(Math.sin(ring) * Math.cos((36 + 72 * k) * deg), Math.sin(ring) * Math.sin((36 + 72 * k) * deg), Math.cos(ring));
  for (let k = 0; k < 5; k++) push(Math.sin(ring) * Math.cos(72 * k * deg), Math.sin(ring) * Math.sin(72 * k * deg), -Math.cos(ring));
  push(0, 0, -1);
  let faces: number[] = [];
  for (let k = 0; k < 5; k++) {
    const u = 1 + k;
    const uNext = 1 + ((k + 1) % 5);
    // The lower-ring vertex between upper k and k+1 sits at rot 72(k+1).
    const l = 6 + ((k + 1) % 5);
    const lPrev = 6 + k;
    faces.push(0, u, uNext);
    faces.push(u, l, uNext);
    faces.push(u, lPrev, l);
    faces.push(11, l, lPrev);
  }
  for (let level = 0; level < levels; level++) {
    const midpoints = new Map<string, number>();
    const midpoint = (a: number, b: number): number => {
      const key = a < b ? `${a},${b}` : `${b},${a}`;
      const known = midpoints.get(key);
      if (known !== undefined) return known;
      const made = push(vertices[3 * a]! + vertices[3 * b]!, vertices[3 * a + 1]! + vertices[3 * b + 1]!, vertices[3 * a + 2]! + vertices[3 * b + 2]!);
      midpoints.set(key, made);
      return made;
    };
    const next: number[] = [];
    for (let f = 0; f < faces.length; f += 3) {
      const a = faces[f]!;
      const b = faces[f + 1]!;
      const c = faces[f + 2]!;
      const ab = midpoint(a, b);
      const bc = midpoint(b, c);
      const ca = midpoint(c, a);
      next.push(a, ab, ca, ab, b, bc, ca, bc, c, ab, bc, ca);
    }
    faces = next;
  }
  return { vertices: Float64Array.from(vertices), faces: Uint32Array.from(faces) };
}

/** Directions as unit vectors with their Euler angles (degrees): d = (sin t cos r, sin t sin r, cos t). */
export interface Directions {
  /** Unit vectors, x y z interleaved. */
  vectors: Float64Array;
  rot: Float64Array;
  tilt: Float64Array;
  count: number;
}

/**
 * One vertex of each antipodal pair of the geodesic sphere (z > 0, or on the equator the one with
 * rot in [0°, 180°)): the axes of double cones, which see d and −d alike. Level 3 gives Xmipp
 * FSO's 321 directions (algorithms §3.7 step 4; the order differs from Xmipp's table).
 */
export function hemisphereDirections(levels: number): Directions {
  const { vertices } = geodesicSphere(levels);
  const keep: number[] = [];
  const eps = 1e-9;
  for (let v = 0; v < vertices.length / 3; v++) {
    const x = vertices[3 * v]!;
    const y = vertices[3 * v + 1]!;
    const z = vertices[3 * v + 2]!;
    if (z > eps) keep.push(v);
    else if (Math.abs(z) <= eps) {
      const rot = Math.atan2(y, x);
      if (rot >= -eps && rot < Math.PI - eps) keep.push(v);
    }
  }
  return directionsFromVectors(keep.map((v) => [vertices[3 * v]!, vertices[3 * v + 1]!, vertices[3 * v + 2]!]));
}

/** Directions from unit (or non-zero) vectors; rot in [0°, 360°), tilt in [0°, 180°]. */
export function directionsFromVectors(list: readonly (readonly [number, number, number])[]): Directions {
  const count = list.length;
  const vectors = new Float64Array(3 * count);
  const rot = new Float64Array(count);
  const tilt = new Float64Array(count);
  const deg = 180 / Math.PI;
  list.forEach(([x, y, z], i) => {
    const r = Math.hypot(x, y, z);
    if (!(r > 0)) throw new RangeError(`directionsFromVectors: direction ${i} is the zero vector`);
    vectors[3 * i] = x / r;
    vectors[3 * i + 1] = y / r;
    vectors[3 * i + 2] = z / r;
    tilt[i] = Math.acos(Math.max(-1, Math.min(1, z / r))) * deg;
    // The pole has no azimuth: rot 0, as in Xmipp's table.
    const azimuth = Math.hypot(x, y) / r < 1e-12 ? 0 : Math.atan2(y, x) * deg;
    rot[i] = azimuth < 0 ? azimuth + 360 : azimuth;
  });
  return { vectors, rot, tilt, count };
}
