/** One atom as a PDB ATOM/HETATM record needs it. */
export interface PdbAtomRecord {
  serial: number;
  name: string;
  resName: string;
  chain: string;
  resSeq: number;
  x: number;
  y: number;
  z: number;
  element: string;
  /** Default 1. */
  occupancy?: number;
  /** Å², default 20. */
  b?: number;
  /** Formal charge as PDB writes it ("2+", "1-"); default none. */
  charge?: string;
  hetero?: boolean;
}

/**
 * A fixed-column PDB ATOM/HETATM line (wwPDB format v3.3). The atom name starts in column 14 when it
 * is shorter than four characters and its element has one letter (" CA " is a C-alpha), in column 13
 * otherwise ("CA  " is calcium).
 */
export function formatPdbAtom(atom: PdbAtomRecord): string {
  const f = (v: number, width: number, digits: number) => v.toFixed(digits).padStart(width);
  const name = atom.name.length < 4 && atom.element.length === 1 ? ` ${atom.name.padEnd(3)}` : atom.name.padEnd(4);
  return (
    `${atom.hetero ? 'HETATM' : 'ATOM  '}${String(atom.serial).padStart(5)} ${name} ${atom.resName.padStart(3)} ${atom.chain}${String(atom.resSeq).padStart(4)}    ` +
    `${f(atom.x, 8, 3)}${f(atom.y, 8, 3)}${f(atom.z, 8, 3)}${f(atom.occupancy ?? 1, 6, 2)}${f(atom.b ?? 20, 6, 2)}          ${atom.element.padStart(2)}${atom.charge ?? ''}`
  );
}
