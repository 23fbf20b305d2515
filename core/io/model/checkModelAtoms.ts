import { basename } from 'node:path';
import { VrsInputError } from '../../errors/index.js';
import type { AtomicModel } from './AtomicModel.js';

const ELEMENTS = new Set(
  ('H HE LI BE B C N O F NE NA MG AL SI P S CL AR K CA SC TI V CR MN FE CO NI CU ZN GA GE AS SE BR KR RB SR Y ZR NB MO TC RU RH PD AG CD ' +
    'IN SN SB TE I XE CS BA LA CE PR ND PM SM EU GD TB DY HO ER TM YB LU HF TA W RE OS IR PT AU HG TL PB BI PO AT RN FR RA AC TH PA U NP PU AM CM BK CF ES FM D')
    .split(' '),
);

/**
 * Refuses a model no map–model check could use, naming the file and the record: an atom of no
 * known element (none written and none readable from its name, or a symbol that is no element),
 * non-finite coordinates, B-factor or occupancy, or occupancy 0 on every atom. Ions, charges and hydrogens are fine.
 */
export function checkModelAtoms(model: AtomicModel): void {
  const { atoms } = model;
  const file = basename(model.path);
  const record = model.format === 'pdb' ? 'ATOM/HETATM' : '_atom_site';
  const describe = (i: number) =>
    `${record} of atom ${atoms.serial[i]! >= 0 ? atoms.serial[i] : `#${i + 1}`} ("${atoms.name[i]}" of ${atoms.resName[i]} ${atoms.chain[i]}${atoms.resSeq[i]}${atoms.insertionCode[i]})`;
  let occupied = 0;
  for (let i = 0; i < atoms.count; i++) {
    const element = atoms.element[i]!;
    if (!ELEMENTS.has(element)) {
      throw new VrsInputError(
        element === '' ? `${describe(i)}: no element symbol, and none can be read from the atom name` : `${describe(i)}: unknown element "${element}"`,
        file,
        model.format === 'pdb' ? 'element (columns 77-78)' : 'type_symbol',
      );
    }
    if (!(Number.isFinite(atoms.x[i]!) && Number.isFinite(atoms.y[i]!) && Number.isFinite(atoms.z[i]!))) {
      throw new VrsInputError(`${describe(i)}: coordinates are not finite numbers`, file, model.format === 'pdb' ? 'coordinates (columns 31-54)' : 'Cartn_x/y/z');
    }
    if (!Number.isFinite(atoms.b[i]!)) throw new VrsInputError(`${describe(i)}: the B-factor is not a finite number`, file, model.format === 'pdb' ? 'tempFactor (columns 61-66)' : 'B_iso_or_equiv');
    if (!Number.isFinite(atoms.occupancy[i]!)) throw new VrsInputError(`${describe(i)}: the occupancy is not a finite number`, file, model.format === 'pdb' ? 'occupancy (columns 55-60)' : 'occupancy');
    if (atoms.occupancy[i]! > 0) occupied++;
  }
  if (occupied === 0) throw new VrsInputError(`all ${atoms.count} atoms have occupancy 0: the model places no atom`, file, 'occupancy');
}
