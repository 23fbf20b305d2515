// Test helper (not exported from the kernels index): isolated residues with ideal side-chain geometry and
// a chosen χ1, for EMRinger tests with known answers.
import type { RingerAtoms, RingerResidue } from '../emringer.js';
import { formatPdbAtom } from '../../../io/model/formatPdbAtom.js';

type Point = [number, number, number];

/** The point d with |cd| = bond, angle b–c–d = angleDeg and dihedral a–b–c–d = torsionDeg (NeRF construction). */
export function placeAtom(a: Point, b: Point, c: Point, bond: number, angleDeg: number, torsionDeg: number): Point {
  const bc = norm(sub(c, b));
  const n = norm(cross(sub(b, a), bc));
  const m = cross(n, bc);
  const th = (angleDeg * Math.PI) / 180;
  const ph = (torsionDeg * Math.PI) / 180;
  const d2: Point = [-bond * Math.cos(th), bond * Math.sin(th) * Math.cos(ph), bond * Math.sin(th) * Math.sin(ph)];
  return [
    c[0] + d2[0] * bc[0] + d2[1] * m[0] + d2[2] * n[0],
    c[1] + d2[0] * bc[1] + d2[1] * m[1] + d2[2] * n[1],
    c[2] + d2[0] * bc[2] + d2[1] * m[2] + d2[2] * n[2],
  ];
}

function sub(a: Point, b: Point): Point {
  return [a[0] - b[0], a[1] - b[1], a[2] - b[2]];
}
function cross(a: Point, b: Point): Point {
  return [a[1] * b[2] - a[2] * b[1], a[2] * b[0] - a[0] * b[2], a[0] * b[1] - a[1] * b[0]];
}
function norm(a: Point): Point {
  const l = Math.hypot(a[0], a[1], a[2]);
  return [a[0] / l, a[1] / l, a[2] / l];
}

const GAMMA: Record<string, { name: string; element: string; bond: number }> = {
  LEU: { name: 'CG', element: 'C', bond: 1.53 },
  SER: { name: 'OG', element: 'O', bond: 1.42 },
  CYS: { name: 'SG', element: 'S', bond: 1.81 },
  LYS: { name: 'CG', element: 'C', bond: 1.52 },
  PHE: { name: 'CG', element: 'C', bond: 1.5 },
  ASP: { name: 'CG', element: 'C', bond: 1.52 },
};
export const TEST_RESIDUE_TYPES = Object.keys(GAMMA);

export interface TestAtom {
  name: string;
  element: string;
  resName: string;
  chain: string;
  resSeq: number;
  xyz: Point;
}

/**
 * One residue per χ1 in `chi1s`, on a square lattice `spacing` Å apart (no two side chains within
 * reach of each other's density), each with N, CA, C, O, CB and the γ atom of its type at that χ1.
 */
export function ringerTestAtoms(chi1s: readonly number[], spacing = 9, chain = 'A'): TestAtom[] {
  const side = Math.ceil(Math.sqrt(chi1s.length));
  const atoms: TestAtom[] = [];
  chi1s.forEach((chi1, i) => {
    const resName = TEST_RESIDUE_TYPES[i % TEST_RESIDUE_TYPES.length]!;
    const g = GAMMA[resName]!;
    const ca: Point = [(i % side) * spacing, Math.floor(i / side) * spacing, 0];
    const n: Point = [ca[0] - 1.46, ca[1], ca[2]];
    const c = placeAtom([n[0], n[1] + 1, n[2]], n, ca, 1.52, 111, 180);
    const o = placeAtom(n, ca, c, 1.23, 121, 0);
    const cb = placeAtom(c, n, ca, 1.53, 110.5, 122.5);
    const gamma = placeAtom(n, ca, cb, g.bond, 114, chi1);
    const resSeq = i + 1;
    const add = (name: string, element: string, xyz: Point) => atoms.push({ name, element, resName, chain, resSeq, xyz });
    add('N', 'N', n);
    add('CA', 'C', ca);
    add('C', 'C', c);
    add('O', 'O', o);
    add('CB', 'C', cb);
    add(g.name, g.element, gamma);
  });
  return atoms;
}

/** Columnar atoms and residue ranges for the kernel. */
export function toRingerInput(atoms: readonly TestAtom[]): { atoms: RingerAtoms; residues: RingerResidue[] } {
  const residues: RingerResidue[] = [];
  atoms.forEach((a, i) => {
    const last = residues[residues.length - 1];
    if (last && last.chain === a.chain && last.seq === a.resSeq) last.end = i + 1;
    else residues.push({ chain: a.chain, seq: a.resSeq, insertionCode: '', name: a.resName, start: i, end: i + 1 });
  });
  return {
    atoms: {
      count: atoms.length,
      x: Float64Array.from(atoms, (a) => a.xyz[0]),
      y: Float64Array.from(atoms, (a) => a.xyz[1]),
      z: Float64Array.from(atoms, (a) => a.xyz[2]),
      name: atoms.map((a) => a.name),
    },
    residues,
  };
}

/** PDB text of the atoms (fixed columns). */
export function toPdb(atoms: readonly TestAtom[]): string {
  const lines = atoms.map((a, i) => formatPdbAtom({ serial: i + 1, name: a.name, resName: a.resName, chain: a.chain, resSeq: a.resSeq, x: a.xyz[0], y: a.xyz[1], z: a.xyz[2], element: a.element }));
  return lines.join('\n') + '\nEND\n';
}
