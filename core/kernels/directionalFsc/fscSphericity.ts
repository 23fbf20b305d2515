import { geodesicSphere, type Directions } from './geodesicSphere.js';

/**
 * Radius (in shells) at which a directional FSC curve first drops below `threshold`, as 3DFSC's
 * thresholding grows the region outwards from the centre: the DC shell counts as 1 (3DFSC sets the
 * centre of its 3-D FSC to 1), shells below `firstTestedShell` (its high-pass: 200 Å) are inside
 * whatever their value, and empty shells (NaN) do not stop the region. Between the last shell
 * inside and the first outside the radius is interpolated linearly; a curve that never drops
 * reaches the last shell. `fsc[i]` is shell i (0 = DC).
 */
export function thresholdRadius(fsc: ArrayLike<number>, threshold: number, firstTestedShell = 1): number {
  let previous = 1;
  let lastInside = 0;
  for (let s = 1; s < fsc.length; s++) {
    const value = fsc[s]!;
    if (s < firstTestedShell) {
      previous = 1;
      lastInside = s;
      continue;
    }
    if (!Number.isFinite(value)) continue;
    if (value < threshold) return lastInside + ((previous - threshold) / (previous - value)) * (s - lastInside);
    previous = value;
    lastInside = s;
  }
  return fsc.length - 1;
}

/**
 * Wadell sphericity Ψ = π^{1/3}·(6V)^{2/3}/A (1 for a ball, less for any other shape) of the
 * star-shaped body whose boundary lies at radius r(d) along each direction d. The body is the
 * geodesic sphere of `level` with each vertex pushed out to its radius: V sums the tetrahedra from
 * the centre, A the triangles. `radius(x, y, z)` gives the radius along a unit vector.
 */
export function starBodySphericity(radius: (x: number, y: number, z: number) => number, level = 3): { sphericity: number; volume: number; area: number } {
  const { vertices, faces } = geodesicSphere(level);
  const points = new Float64Array(vertices.length);
  for (let v = 0; v < vertices.length / 3; v++) {
    const r = radius(vertices[3 * v]!, vertices[3 * v + 1]!, vertices[3 * v + 2]!);
    if (!(r >= 0) || !Number.isFinite(r)) throw new RangeError(`starBodySphericity: radius ${r} along vertex ${v}`);
    for (let k = 0; k < 3; k++) points[3 * v + k] = r * vertices[3 * v + k]!;
  }
  let volume = 0;
  let area = 0;
  for (let f = 0; f < faces.length; f += 3) {
    const a = 3 * faces[f]!;
    const b = 3 * faces[f + 1]!;
    const c = 3 * faces[f + 2]!;
    const [ax, ay, az] = [points[a]!, points[a + 1]!, points[a + 2]!];
    const [bx, by, bz] = [points[b]!, points[b + 1]!, points[b + 2]!];
    const [cx, cy, cz] = [points[c]!, points[c + 1]!, points[c + 2]!];
    volume += (ax * (by * cz - bz * cy) + ay * (bz * cx - bx * cz) + az * (bx * cy - by * cx)) / 6;
    const [ux, uy, uz] = [bx - ax, by - ay, bz - az];
    const [vx, vy, vz] = [cx - ax, cy - ay, cz - az];
    area += 0.5 * Math.hypot(uy * vz - uz * vy, uz * vx - ux * vz, ux * vy - uy * vx);
  }
  const sphericity = area > 0 ? (Math.cbrt(Math.PI) * Math.pow(6 * volume, 2 / 3)) / area : Number.NaN;
  return { sphericity, volume, area };
}

/**
 * Radius along any unit vector from values given on hemisphere directions (double cones: d and
 * −d share a value): the value of the direction nearest to ±u.
 */
export function nearestDirectionRadius(directions: Directions, values: ArrayLike<number>): (x: number, y: number, z: number) => number {
  return (x, y, z) => {
    let best = 0;
    let bestCos = -1;
    for (let d = 0; d < directions.count; d++) {
      const c = Math.abs(directions.vectors[3 * d]! * x + directions.vectors[3 * d + 1]! * y + directions.vectors[3 * d + 2]! * z);
      if (c > bestCos) {
        bestCos = c;
        best = d;
      }
    }
    return values[best]!;
  };
}
