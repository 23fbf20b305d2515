/** One analysis direction of MonoDir: Euler angles (degrees) and the unit vector they give. */
export interface MonoDirDirection {
  rot: number;
  tilt: number;
  /** (sin t cos r, sin t sin r, cos t). */
  vector: [number, number, number];
}

export type MonoDirDirectionSet = 'distinct46' | 'original47';

/**
 * The directions of Xmipp MonoDir's fast mode (algorithms §3.6b step 1): the 46 vertices of one
 * hemisphere (z > 0) of a frequency-3 geodesic icosphere whose icosahedron has a vertex at the
 * pole and its first ring at tilt atan(2) = 63.435° with rot 36° + 72°k. Edges are divided in
 * equal angles (great-circle thirds: the original's (36°, 21.145°), (36°, 42.29°), (36°, 63.435°)),
 * and each face contributes its normalised centroid: 12 + 2·30 + 20 = 92 vertices, none on the
 * equator, so z > 0 picks one of every antipodal pair.
 *
 * 'original47' prepends the original's duplicate (0°, 0°) entry (its table starts with the pole
 * twice), which counts the z axis twice in the preferred-direction histogram; 'distinct46' (our
 * default) has every direction once.
 */
export function monoDirDirections(set: MonoDirDirectionSet = 'distinct46'): MonoDirDirection[] {
  const vertices = geodesicIcosphere3();
  const upper = vertices.filter((v) => v[2] > 1e-9);
  upper.sort((a, b) => a[2] !== b[2] ? b[2] - a[2] : Math.atan2(a[1], a[0]) - Math.atan2(b[1], b[0]));
  const out = upper.map(toDirection);
  if (set === 'original47') out.unshift({ rot: 0, tilt: 0, vector: [0, 0, 1] });
  return out;
}

function toDirection(v: [number, number, number]): MonoDirDirection {
  const tilt = (Math.acos(Math.min(1, Math.max(-1, v[2]))) * 180) / Math.PI;
  let rot = tilt < 1e-9 ? 0 : (Math.atan2(v[1], v[0]) * 180) / Math.PI;
  if (rot < 0) rot += 360;
  return { rot, tilt, vector: [v[0], v[1], v[2]] };
}

type V3 = [number, number, number];

function unit(v: V3): V3 {
  const n = Math.hypot(v[0], v[1], v[2]);
  return [v[0] / n, v[1] / n, v[2] / n];
}

/** Point at fraction t of the great-circle arc from a to b (unit vectors). */
function slerp(a: V3, b: V3, t: number): V3 {
  const omega = Math.acos(Math.min(1, a[0] * b[0] + a[1] * b[1] + a[2] * b[2]));
  const s = Math.sin(omega);
  const wa = Math.sin((1 - t) * omega) / s;
  const wb = Math.sin(t * omega) / s;
  return unit([wa * a[0] + wb * b[0], wa * a[1] + wb * b[1], wa * a[2] + wb * b[2]]);
}

function geodesicIcosphere3(): V3[] {
  const ringTilt = Math.atan(2);
  const ico: V3[] = [[0, 0, 1]];
  for (let k = 0; k < 5; k++) {
    const r = ((36 + 72 * k) * Math.PI) / 180;
    ico.push([Math.sin(ringTilt) * Math.cos(r), Math.sin(ringTilt) * Math.sin(r), Math.cos(ringTilt)]);
  }
  for (let k = 0; k < 5; k++) {
    const r = ((72 * k) * Math.PI) / 180;
    ico.push([Math.sin(Math.PI - ringTilt) * Math.cos(r), Math.sin(Math.PI - ringTilt) * Math.sin(r), Math.cos(Math.PI - ringTilt)]);
  }
  ico.push([0, 0, -1]);
  // Edges join vertices 63.435° apart (the icosahedron's edge angle); faces are mutually adjacent triples.
  const edgeCos = Math.cos(ringTilt) + 1e-6;
  const dot = (a: V3, b: V3) => a[0] * b[0] + a[1] * b[1] + a[2] * b[2];
  const adjacent = (i: number, j: number) => dot(ico[i]!, ico[j]!) > edgeCos - 2e-6 && dot(ico[i]!, ico[j]!) < 1 - 1e-9;
  const out: V3[] = [...ico];
  for (let i = 0; i < 12; i++) {
    for (let j = i + 1; j < 12; j++) {
      if (!adjacent(i, j)) continue;
      out.push(slerp(ico[i]!, ico[j]!, 1 / 3), slerp(ico[i]!, ico[j]!, 2 / 3));
      for (let k = j + 1; k < 12; k++) {
        if (adjacent(i, k) && adjacent(j, k)) {
          const a = ico[i]!, b = ico[j]!, c = ico[k]!;
          out.push(unit([a[0] + b[0] + c[0], a[1] + b[1] + c[1], a[2] + b[2] + c[2]]));
        }
      }
    }
  }
  return out;
}
