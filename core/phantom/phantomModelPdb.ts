import { formatPdbAtom } from '../io/model/formatPdbAtom.js';
import type { PhantomTruth } from './phantomMap.js';

/**
 * The phantom's atoms as a PDB file: each helix a chain (A, B, …) of alanines (backbone + CB, the
 * atoms the phantom map is made of), with the phantom's B-factor — the exact model of the phantom
 * map, for level A's known answers.
 */
export function phantomModelPdb(truth: Pick<PhantomTruth, 'atoms' | 'bFactor'>): string {
  const lines = ['REMARK   1 CRYO-VRS PHANTOM MODEL: IDEAL ALPHA-HELICES (BACKBONE + CB) OF core/phantom'];
  let serial = 0;
  let lastHelix = -1;
  for (const atom of truth.atoms) {
    if (atom.helix !== lastHelix && lastHelix >= 0) lines.push(`TER   ${String(++serial).padStart(5)}      ALA ${chainId(lastHelix)}`);
    lastHelix = atom.helix;
    const [x, y, z] = atom.position;
    lines.push(formatPdbAtom({ serial: ++serial, name: atom.name, resName: 'ALA', chain: chainId(atom.helix), resSeq: atom.residue + 1, x, y, z, b: truth.bFactor, element: atom.element }));
  }
  lines.push('END', '');
  return lines.join('\n');
}

function chainId(helix: number): string {
  return String.fromCharCode(65 + (helix % 26));
}
