import type { Vec3 } from '../volume/index.js';

export type BackboneAtomName = 'N' | 'CA' | 'C' | 'O' | 'CB';

export interface PhantomAtom {
  name: BackboneAtomName;
  element: 'N' | 'C' | 'O';
  /** Residue number within its helix, from 0. */
  residue: number;
  /** Position in Å. */
  position: Vec3;
}

/**
 * Cylindrical coordinates of the backbone atoms of one residue of an ideal α-helix relative to its
 * CA: radius (Å, algorithms §5.2: N 1.55, CA 2.3, C 1.6, O 2.0, CB 3.3), angle (degrees) and rise
 * (Å). Angles and rises were fitted by least squares to standard bond lengths (N–CA 1.458, CA–C
 * 1.525, C–O 1.231, C–N 1.329, CA–CB 1.53 Å), bond angles and the O(i)···N(i+4) hydrogen bond of
 * 2.95 Å; the CA is then L (positive chiral volume (N−CA)·((C−CA)×(CB−CA)) ≈ +2.7 Å³).
 */
const RESIDUE: readonly { name: BackboneAtomName; element: 'N' | 'C' | 'O'; r: number; phi: number; z: number }[] = [
  { name: 'N', element: 'N', r: 1.55, phi: -26.75, z: -0.916 },
  { name: 'CA', element: 'C', r: 2.3, phi: 0, z: 0 },
  { name: 'C', element: 'C', r: 1.6, phi: 25.51, z: 1.06 },
  { name: 'O', element: 'O', r: 2.0, phi: 22.42, z: 2.216 },
  { name: 'CB', element: 'C', r: 3.3, phi: 18.31, z: -0.76 },
];

/** 3.6 residues per turn, 1.5 Å rise per residue. */
export const ALPHA_HELIX = { residuesPerTurn: 3.6, risePerResidue: 1.5, turnPerResidueDeg: 100 } as const;

export interface HelixSpec {
  /** Point on the axis (Å) at the level of the first residue's CA. */
  start: Vec3;
  /** Axis direction (need not be unit length): the helix advances along it. */
  axis: Vec3;
  residues: number;
  /** Rotation (degrees) of the first CA about the axis. */
  phase?: number;
  /** 'right' (default, natural α-helix) or 'left' (its mirror image). */
  handedness?: 'right' | 'left';
}

/**
 * Atoms of an ideal α-helix. Right-handed: advancing along `axis`, the chain turns counter-clockwise
 * seen from the tip of the axis (angle +100° per residue about the axis in a right-handed frame).
 * The left-handed helix is the exact mirror image of the right-handed one through the plane
 * perpendicular to the axis at `start` (so its side chains are D, as a mirrored map's would be).
 */
export function idealAlphaHelix(spec: HelixSpec): PhantomAtom[] {
  const [u, v, w] = orthonormalFrame(spec.axis);
  const mirror = spec.handedness === 'left' ? -1 : 1;
  const phase = spec.phase ?? 0;
  const atoms: PhantomAtom[] = [];
  for (let i = 0; i < spec.residues; i++) {
    for (const a of RESIDUE) {
      const ang = ((phase + ALPHA_HELIX.turnPerResidueDeg * i + a.phi) * Math.PI) / 180;
      const along = mirror * (ALPHA_HELIX.risePerResidue * i + a.z);
      const cu = a.r * Math.cos(ang);
      const cv = a.r * Math.sin(ang);
      atoms.push({
        name: a.name,
        element: a.element,
        residue: i,
        position: [0, 1, 2].map((k) => spec.start[k]! + cu * u[k]! + cv * v[k]! + along * w[k]!) as Vec3,
      });
    }
  }
  return atoms;
}

/** u, v, w with w along `axis` and u × v = w (a right-handed frame). */
export function orthonormalFrame(axis: Vec3): [Vec3, Vec3, Vec3] {
  const len = Math.hypot(...axis);
  if (!(len > 0)) throw new RangeError('helix axis must be a non-zero vector');
  const w = axis.map((a) => a / len) as Vec3;
  const helper: Vec3 = Math.abs(w[0]) < 0.9 ? [1, 0, 0] : [0, 1, 0];
  const u = crossProduct(helper, w);
  const ul = Math.hypot(...u);
  const un = u.map((a) => a / ul) as Vec3;
  return [un, crossProduct(w, un), w];
}

export function crossProduct(a: Vec3, b: Vec3): Vec3 {
  return [a[1] * b[2] - a[2] * b[1], a[2] * b[0] - a[0] * b[2], a[0] * b[1] - a[1] * b[0]];
}
