import type { PlacedModel } from '../../shared/placedModel.js';

/** Longest CA–CA distance (Å) still drawn as a bond: consecutive residues are 3.8 Å apart (cis 2.9 Å). */
export const MAX_CA_CA = 4.2;
/** Longest P–P distance (Å) still drawn: consecutive nucleotides are about 5.5–7.5 Å apart. */
export const MAX_P_P = 8.0;

/** One unbroken piece of a chain's trace: CA atoms of amino acids or P atoms of nucleotides. */
export interface TracePiece {
  chain: string;
  kind: 'protein' | 'nucleic';
  /** x, y, z triples, Å. */
  points: Float64Array;
  /** Residue numbers of the points, for captions and tests. */
  residues: number[];
}

/**
 * The backbone trace of a model: residue by residue in file order, the CA atom (element C, so a
 * calcium ion named CA is not taken) of amino acids and the P atom of nucleotides. A piece ends at
 * a chain change, a change between protein and nucleic acid, or a gap longer than a bond of the
 * trace (CA–CA > 4.2 Å, P–P > 8 Å): missing residues are not bridged. Waters and ligands without
 * CA or P are not part of the trace.
 */
export function backboneTrace(model: Pick<PlacedModel, 'atoms' | 'residues'>): TracePiece[] {
  const { atoms } = model;
  const pieces: TracePiece[] = [];
  let current: { chain: string; kind: TracePiece['kind']; coords: number[]; residues: number[] } | undefined;
  const close = () => {
    if (current && current.residues.length > 0) {
      pieces.push({ chain: current.chain, kind: current.kind, points: Float64Array.from(current.coords), residues: current.residues });
    }
    current = undefined;
  };
  for (const residue of model.residues) {
    let atom = -1;
    let kind: TracePiece['kind'] | undefined;
    for (let i = residue.start; i < residue.end; i++) {
      if (atoms.name[i] === 'CA' && atoms.element[i] === 'C') {
        atom = i;
        kind = 'protein';
        break;
      }
      if (atoms.name[i] === 'P' && atoms.element[i] === 'P') {
        atom = i;
        kind = 'nucleic';
      }
    }
    if (atom < 0 || kind === undefined) continue;
    // A ligand carbon named CA (or a phosphate's P) is no polymer: a HETATM residue is traced only
    // with its backbone (a modified residue such as MSE); CA-only ATOM models are still traced.
    const has = (name: string) => atoms.name.slice(residue.start, residue.end).includes(name);
    if (residue.isHetero && (kind === 'protein' ? !(has('N') && has('C')) : !(has("O5'") || has('OP1') || has('O1P')))) continue;
    const x = atoms.x[atom]!, y = atoms.y[atom]!, z = atoms.z[atom]!;
    if (current && (current.chain !== residue.chain || current.kind !== kind)) close();
    if (current) {
      const n = current.coords.length;
      const gap = Math.hypot(x - current.coords[n - 3]!, y - current.coords[n - 2]!, z - current.coords[n - 1]!);
      if (gap > (kind === 'protein' ? MAX_CA_CA : MAX_P_P)) close();
    }
    current ??= { chain: residue.chain, kind, coords: [], residues: [] };
    current.coords.push(x, y, z);
    current.residues.push(residue.seq);
  }
  close();
  return pieces;
}
