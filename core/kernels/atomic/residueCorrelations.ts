import { pearsonAt } from '../../stats/index.js';
import { forEachVoxelInBall } from './atomMask.js';
import type { VolumeGeometry } from '../../volume/index.js';

/** The atom columns the residue correlations read (core/io's AtomTable has them). */
export interface ResidueCorrelationAtoms {
  x: Float64Array;
  y: Float64Array;
  z: Float64Array;
  name: string[];
  element: string[];
}

/** A residue as a [start, end) range of atoms (protocols/shared/placedModel's residues). */
export interface ResidueRange {
  chain: string;
  seq: number;
  insertionCode: string;
  name: string;
  start: number;
  end: number;
}

export interface ResidueCorrelation {
  chain: string;
  seq: number;
  insertionCode: string;
  name: string;
  /** NaN when fewer than two grid points of the residue are in the box, or one map is flat there. */
  cc: number;
  voxels: number;
}

export interface ResidueCorrelationsResult {
  residues: ResidueCorrelation[];
  /** Over the points near any main-chain atom (N, CA, C, O) of the amino acids (those with N, CA and C); NaN without any. */
  mainChain: number;
  /** Over the points near the amino acids' other non-hydrogen atoms; null when the model has none. */
  sideChain: number | null;
  /** Per chain, in order of first appearance: over the points near the chain's non-hydrogen atoms. */
  chains: { chain: string; cc: number; residues: number; voxels: number }[];
}

/** Main-chain atom names (the protein backbone); an amino acid's other non-hydrogen atoms are its side chain. */
export const MAIN_CHAIN_ATOMS: ReadonlySet<string> = new Set(['N', 'CA', 'C', 'O']);

/** Radius (Å) around the atoms of a selection whose grid points its correlation uses (algorithms.md §4.3: "2 Å is a safe default"). */
export const RESIDUE_CC_RADIUS = 2;

/**
 * Correlations of a map with its model map over the grid points within `radius` Å of selected
 * non-hydrogen atoms: every residue, the main chain, the side chains and every chain (Phenix
 * validation_cryoem's per-residue, main-chain, side-chain and per-chain CCs; weakly specified there,
 * here with a fixed radius). Each selection's points are collected once (a point near two of its
 * atoms counts once), so the cost follows the model, not the box.
 */
export function residueCorrelations(
  map: ArrayLike<number>,
  model: ArrayLike<number>,
  geometry: VolumeGeometry,
  atoms: ResidueCorrelationAtoms,
  residues: readonly ResidueRange[],
  radius = RESIDUE_CC_RADIUS,
): ResidueCorrelationsResult {
  const collector = new BallCollector(geometry, atoms, radius);
  const heavy = (i: number) => atoms.element[i] !== 'H' && atoms.element[i] !== 'D';
  const main: number[] = [];
  const side: number[] = [];
  const chainAtoms = new Map<string, { atoms: number[]; residues: number }>();
  const out: ResidueCorrelation[] = [];
  for (const r of residues) {
    const selected: number[] = [];
    const names = new Set<string>();
    for (let i = r.start; i < r.end; i++) names.add(atoms.name[i]!);
    // Main and side chain are of amino acids only: waters (O), ligands and ions (a calcium named CA) are in neither.
    const aminoAcid = names.has('N') && names.has('CA') && names.has('C');
    for (let i = r.start; i < r.end; i++) {
      if (!heavy(i)) continue;
      selected.push(i);
      if (aminoAcid) (MAIN_CHAIN_ATOMS.has(atoms.name[i]!) ? main : side).push(i);
    }
    let chain = chainAtoms.get(r.chain);
    if (!chain) chainAtoms.set(r.chain, (chain = { atoms: [], residues: 0 }));
    chain.residues++;
    for (const i of selected) chain.atoms.push(i);
    const points = collector.collect(selected);
    out.push({ chain: r.chain, seq: r.seq, insertionCode: r.insertionCode, name: r.name, cc: pearsonAt(map, model, points), voxels: points.length });
  }
  const over = (list: number[]) => pearsonAt(map, model, collector.collect(list));
  const chains = [...chainAtoms].map(([chain, c]) => {
    const points = collector.collect(c.atoms);
    return { chain, cc: pearsonAt(map, model, points), residues: c.residues, voxels: points.length };
  });
  return { residues: out, mainChain: over(main), sideChain: side.length > 0 ? over(side) : null, chains };
}

/** Collects, without repeats, the grid points within a radius of a list of atoms. */
class BallCollector {
  private readonly stamp: Int32Array;
  private generation = 0;
  private buffer = new Int32Array(4096);

  constructor(
    private readonly geometry: VolumeGeometry,
    private readonly atoms: ResidueCorrelationAtoms,
    private readonly radius: number,
  ) {
    const [nx, ny, nz] = geometry.dims;
    this.stamp = new Int32Array(nx * ny * nz);
  }

  /** The points' flat indices; a view valid until the next call. */
  collect(list: readonly number[]): Int32Array {
    // A fresh stamp per call marks "already taken" without clearing the array.
    const mark = ++this.generation;
    let count = 0;
    const take = (p: number) => {
      if (this.stamp[p] === mark) return;
      this.stamp[p] = mark;
      if (count === this.buffer.length) {
        const grown = new Int32Array(this.buffer.length * 2);
        grown.set(this.buffer);
        this.buffer = grown;
      }
      this.buffer[count++] = p;
    };
    for (const atom of list) forEachVoxelInBall(this.geometry, this.atoms.x[atom]!, this.atoms.y[atom]!, this.atoms.z[atom]!, this.radius, take);
    return this.buffer.subarray(0, count);
  }
}
