/** A 3×3 rotation matrix, row-major. */
export type Matrix3 = [number, number, number, number, number, number, number, number, number];

/**
 * The rotation produced by ChimeraX-style `turn x a`, then `turn y b`, then `turn z c` (degrees),
 * starting from the default view.
 *
 * Convention (the one the original's views use): screen axes are fixed — x to the right, y up, z
 * out of the screen towards the viewer, who looks down −z. Each turn rotates the model about a
 * screen axis by the right-hand rule (a positive angle is counter-clockwise when that axis points
 * at you). Turns about fixed axes compose on the left, so R = Rz(c)·Ry(b)·Rx(a) and a model point
 * p appears at R·p.
 *
 * Worked out for the three fixed views (model axis → screen direction):
 * - View 1 (0, −90, −90): +y → right, +z → up, +x → towards the viewer;
 * - View 2 (−90, 0, −90): +z → right, +x → down, +y → away from the viewer;
 * - View 3 (0, 0, 0): +x → right, +y → up, +z → towards the viewer.
 */
export function turnRotation(degrees: readonly [number, number, number]): Matrix3 {
  const [a, b, c] = degrees.map((d) => (d * Math.PI) / 180) as [number, number, number];
  const rx: Matrix3 = [1, 0, 0, 0, cos(a), -sin(a), 0, sin(a), cos(a)];
  const ry: Matrix3 = [cos(b), 0, sin(b), 0, 1, 0, -sin(b), 0, cos(b)];
  const rz: Matrix3 = [cos(c), -sin(c), 0, sin(c), cos(c), 0, 0, 0, 1];
  return multiply(rz, multiply(ry, rx));
}

/** cos/sin that give exact 0 and ±1 at multiples of 90°, so axis-aligned views stay exact. */
function cos(r: number): number {
  return Math.round(Math.cos(r) * 1e12) / 1e12;
}
function sin(r: number): number {
  return Math.round(Math.sin(r) * 1e12) / 1e12;
}

export function multiply(p: Matrix3, q: Matrix3): Matrix3 {
  const out = new Array<number>(9) as Matrix3;
  for (let i = 0; i < 3; i++) {
    for (let j = 0; j < 3; j++) {
      out[3 * i + j] = p[3 * i]! * q[j]! + p[3 * i + 1]! * q[3 + j]! + p[3 * i + 2]! * q[6 + j]!;
    }
  }
  return out;
}

export function applyRotation(r: Matrix3, v: readonly [number, number, number]): [number, number, number] {
  return [
    r[0] * v[0] + r[1] * v[1] + r[2] * v[2],
    r[3] * v[0] + r[4] * v[1] + r[5] * v[2],
    r[6] * v[0] + r[7] * v[1] + r[8] * v[2],
  ];
}

/** The three fixed orientations of the original's isosurface views (x, y, z turns in degrees). */
export const STANDARD_VIEW_ANGLES: readonly [number, number, number][] = [
  [0, -90, -90],
  [-90, 0, -90],
  [0, 0, 0],
];
