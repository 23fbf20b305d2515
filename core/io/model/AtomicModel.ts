/**
 * Atoms as columns (one typed array or string array per field, index = atom), so kernels that
 * place atoms into maps loop over flat arrays. Strings are interned: equal values share one string.
 */
export interface AtomTable {
  count: number;
  /** Atom serial number as written (hybrid-36 decoded); -1 when the file has none usable. */
  serial: Int32Array;
  /** Atom name, e.g. "CA", "O5'". */
  name: string[];
  /** Alternate location indicator; "" when none. */
  altLoc: string[];
  resName: string[];
  chain: string[];
  resSeq: Int32Array;
  /** Insertion code; "" when none. */
  insertionCode: string[];
  /** Cartesian coordinates in Å. */
  x: Float64Array;
  y: Float64Array;
  z: Float64Array;
  occupancy: Float32Array;
  /** Isotropic B-factor in Å². */
  b: Float32Array;
  /** Element symbol in upper case ("C", "MG", "SE"); "" when unknown. */
  element: string[];
  /** Formal charge; 0 when not given. */
  charge: Int8Array;
  /** 1 for HETATM records, 0 for ATOM. */
  isHetero: Uint8Array;
  modelNumber: Int32Array;
}

export type ModelFormat = 'pdb' | 'mmcif';

export interface AtomicModel {
  path: string;
  format: ModelFormat;
  /**
   * Where chain, residue number and names come from: PDB columns, or mmCIF auth_* (the author
   * numbering PDB files and most programs use) or label_* columns when auth_* are missing.
   */
  idScheme: 'pdb' | 'auth' | 'label';
  atoms: AtomTable;
  /** Chain identifiers in order of first appearance. */
  chains: string[];
  /** Model numbers in order of first appearance (one entry for a single-model file). */
  models: number[];
  notes: string[];
  /** SHA-256 of the file bytes as stored. */
  sha256: string;
  /** For gzip input: SHA-256 of the decompressed text. */
  sha256Decompressed?: string;
}
