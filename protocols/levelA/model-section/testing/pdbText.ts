// Test helper: fixed-column PDB text for small hand-made models (ATOM/HETATM, TER between chains).
import { formatPdbAtom, type PdbAtomRecord } from '../../../../core/index.js';

/** An atom of a hand-made test model: a PDB record without its serial (numbered in order). */
export type TestAtom = Omit<PdbAtomRecord, 'serial'>;

export function pdbText(atoms: readonly TestAtom[]): string {
  const lines: string[] = [];
  atoms.forEach((a, i) => {
    const previous = atoms[i - 1];
    if (previous && previous.chain !== a.chain) lines.push('TER');
    lines.push(formatPdbAtom({ ...a, serial: i + 1 }));
  });
  lines.push('END', '');
  return lines.join('\n');
}
