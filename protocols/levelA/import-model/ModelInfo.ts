import type { Vec3 } from '../../../core/index.js';

/** The `info` output of vrs.importModel: what the model file holds, after the checks at import. */
export interface ModelInfo {
  /** File name as given (no folder). */
  fileName: string;
  sha256: string;
  sha256Decompressed?: string;
  format: 'pdb' | 'mmcif';
  idScheme: 'pdb' | 'auth' | 'label';
  /** Counts over the atoms level A uses: the first model, first alternate location. */
  atoms: number;
  hydrogens: number;
  /** Atoms of HETATM records (ligands, ions, waters). */
  heteroAtoms: number;
  waters: number;
  residues: number;
  chains: { id: string; residues: number; atoms: number }[];
  /** Atom counts per element (upper case). */
  elements: Record<string, number>;
  /** Bounding box and geometric centre of the atoms, Å, in the file's frame. */
  boundsA: { min: Vec3; max: Vec3 };
  centreA: Vec3;
  /** Mean isotropic B-factor, Å². */
  meanB: number;
  notes: string[];
}
