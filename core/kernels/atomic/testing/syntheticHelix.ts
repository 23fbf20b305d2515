// Test support: an idealised α-helical peptide (poly-Ser-like: N, CA, C, O, CB, OG per residue)
// as an AtomTable, its residue ranges and PDB text, for map–model tests that need no data files.
import type { AtomTable } from '../../../io/index.js';
import type { ResidueRange } from '../residueCorrelations.js';
import { formatPdbAtom } from '../../../io/model/formatPdbAtom.js';

/** Cylindrical placement (radius Å, phase °, rise Å) of each atom relative to its residue's CA turn. */
const ATOMS: readonly { name: string; element: string; r: number; phase: number; dz: number }[] = [
  { name: 'N', element: 'N', r: 1.55, phase: -28, dz: -0.85 },
  { name: 'CA', element: 'C', r: 2.3, phase: 0, dz: 0 },
  { name: 'C', element: 'C', r: 1.65, phase: 30, dz: 0.95 },
  { name: 'O', element: 'O', r: 1.9, phase: 38, dz: 2.15 },
  { name: 'CB', element: 'C', r: 3.35, phase: -8, dz: -0.75 },
  { name: 'OG', element: 'O', r: 4.6, phase: -14, dz: -0.2 },
];

export interface SyntheticHelix {
  atoms: AtomTable;
  residues: (ResidueRange & { isHetero: boolean })[];
  pdb: string;
}

/**
 * `length` residues of an ideal α-helix (100° and 1.5 Å per residue, CA radius 2.3 Å) along z,
 * axis through `centre`, first residue numbered `firstSeq`, every atom with B-factor `b`.
 * Chains: consecutive blocks of residues get the ids in `chains`, split evenly.
 */
export function syntheticHelix(opts: { length: number; centre: [number, number, number]; b?: number; firstSeq?: number; chains?: string[]; axis?: 'x' | 'z' }): SyntheticHelix {
  const { length, centre } = opts;
  const b = opts.b ?? 20;
  const chains = opts.chains ?? ['A'];
  const perChain = Math.ceil(length / chains.length);
  const rows: { name: string; element: string; resSeq: number; chain: string; x: number; y: number; z: number }[] = [];
  const residues: SyntheticHelix['residues'] = [];
  for (let r = 0; r < length; r++) {
    const chain = chains[Math.floor(r / perChain)]!;
    const seq = (opts.firstSeq ?? 1) + r;
    const start = rows.length;
    for (const a of ATOMS) {
      const phi = ((100 * r + a.phase) * Math.PI) / 180;
      const u = a.r * Math.cos(phi);
      const v = a.r * Math.sin(phi);
      const w = 1.5 * (r - (length - 1) / 2) + a.dz;
      const [x, y, z] = opts.axis === 'x' ? [w, u, v] : [u, v, w];
      rows.push({ name: a.name, element: a.element, resSeq: seq, chain, x: centre[0] + x, y: centre[1] + y, z: centre[2] + z });
    }
    residues.push({ chain, seq, insertionCode: '', name: 'SER', start, end: rows.length, isHetero: false });
  }
  const n = rows.length;
  const atoms: AtomTable = {
    count: n,
    serial: Int32Array.from(rows, (_, i) => i + 1),
    name: rows.map((a) => a.name),
    altLoc: rows.map(() => ''),
    resName: rows.map(() => 'SER'),
    chain: rows.map((a) => a.chain),
    resSeq: Int32Array.from(rows, (a) => a.resSeq),
    insertionCode: rows.map(() => ''),
    x: Float64Array.from(rows, (a) => a.x),
    y: Float64Array.from(rows, (a) => a.y),
    z: Float64Array.from(rows, (a) => a.z),
    occupancy: new Float32Array(n).fill(1),
    b: new Float32Array(n).fill(b),
    element: rows.map((a) => a.element),
    charge: new Int8Array(n),
    isHetero: new Uint8Array(n),
    modelNumber: new Int32Array(n).fill(1),
  };
  const pdb = rows
    .map((a, i) => formatPdbAtom({ serial: i + 1, name: a.name, resName: 'SER', chain: a.chain, resSeq: a.resSeq, x: a.x, y: a.y, z: a.z, b, element: a.element }))
    .concat(['END', ''])
    .join('\n');
  return { atoms, residues, pdb };
}
