import { VrsInputError } from '../../errors/index.js';
import { AtomTableBuilder, type AtomRecord } from './AtomTableBuilder.js';
import { CIF_DATA, CIF_END, CIF_LOOP, CIF_TAG, CIF_VALUE, CifTokenizer } from './CifTokenizer.js';
import { elementFromBareAtomName } from './elementFromAtomName.js';

export interface ParsedCifAtoms {
  builder: AtomTableBuilder;
  notes: string[];
  idScheme: 'auth' | 'label';
}

/** Column positions of the _atom_site items we use; -1 when absent. */
interface AtomSiteColumns {
  group: number;
  id: number;
  typeSymbol: number;
  atomName: number;
  altLoc: number;
  resName: number;
  chain: number;
  resSeq: number;
  insertionCode: number;
  x: number;
  y: number;
  z: number;
  occupancy: number;
  b: number;
  charge: number;
  model: number;
}

function locateColumns(items: string[], source: string): { columns: AtomSiteColumns; scheme: 'auth' | 'label' } {
  const at = (name: string) => items.indexOf(name);
  const useAuth = at('auth_asym_id') >= 0 && at('auth_seq_id') >= 0;
  const pick = (auth: string, label: string) => (useAuth && at(auth) >= 0 ? at(auth) : at(label));
  const columns: AtomSiteColumns = {
    group: at('group_pdb'),
    id: at('id'),
    typeSymbol: at('type_symbol'),
    atomName: pick('auth_atom_id', 'label_atom_id'),
    altLoc: at('label_alt_id'),
    resName: pick('auth_comp_id', 'label_comp_id'),
    chain: useAuth ? at('auth_asym_id') : at('label_asym_id'),
    resSeq: useAuth ? at('auth_seq_id') : at('label_seq_id'),
    insertionCode: at('pdbx_pdb_ins_code'),
    x: at('cartn_x'),
    y: at('cartn_y'),
    z: at('cartn_z'),
    occupancy: at('occupancy'),
    b: at('b_iso_or_equiv'),
    charge: at('pdbx_formal_charge'),
    model: at('pdbx_pdb_model_num'),
  };
  for (const axis of ['x', 'y', 'z'] as const) {
    if (columns[axis] < 0) throw new VrsInputError(`_atom_site has no Cartn_${axis} item`, source, `_atom_site.Cartn_${axis}`);
  }
  return { columns, scheme: useAuth ? 'auth' : 'label' };
}

/** Turns rows of _atom_site values into atoms, counting what had to be assumed. */
class AtomSiteReader {
  readonly builder = new AtomTableBuilder();
  missingOccupancy = 0;
  missingB = 0;
  missingResSeq = 0;
  elementsFromNames = 0;
  private readonly atom: AtomRecord = {
    serial: 0, name: '', altLoc: '', resName: '', chain: '', resSeq: 0, insertionCode: '',
    x: 0, y: 0, z: 0, occupancy: 1, b: 0, element: '', charge: 0, isHetero: false, modelNumber: 1,
  };

  constructor(
    private readonly columns: AtomSiteColumns,
    private readonly source: string,
  ) {}

  private values: string[] = [];
  private unknown: boolean[] = [];

  /** The value in column `i`, or "" when the column is absent or holds ? or . */
  private text(i: number): string {
    return i >= 0 && !this.unknown[i] ? this.values[i]! : '';
  }

  private coordinate(i: number, axis: string, line: number): number {
    const v = Number.parseFloat(this.text(i));
    if (!Number.isFinite(v)) {
      throw new VrsInputError(`coordinate "${this.values[i]}" is not a number`, this.source, `_atom_site.Cartn_${axis}, line ${line}`);
    }
    return v;
  }

  add(values: string[], unknown: boolean[], line: number): void {
    this.values = values;
    this.unknown = unknown;
    const col = this.columns;
    const a = this.atom;
    a.x = this.coordinate(col.x, 'x', line);
    a.y = this.coordinate(col.y, 'y', line);
    a.z = this.coordinate(col.z, 'z', line);
    a.isHetero = this.text(col.group) === 'HETATM';
    const serial = Number.parseInt(this.text(col.id), 10);
    a.serial = Number.isFinite(serial) ? serial : -1;
    a.name = this.text(col.atomName);
    a.altLoc = this.text(col.altLoc);
    a.resName = this.text(col.resName);
    a.chain = this.text(col.chain);
    const resSeq = Number.parseInt(this.text(col.resSeq), 10);
    if (!Number.isFinite(resSeq)) this.missingResSeq++;
    a.resSeq = Number.isFinite(resSeq) ? resSeq : 0;
    a.insertionCode = this.text(col.insertionCode);
    const occupancy = Number.parseFloat(this.text(col.occupancy));
    if (!Number.isFinite(occupancy)) this.missingOccupancy++;
    a.occupancy = Number.isFinite(occupancy) ? occupancy : 1;
    const b = Number.parseFloat(this.text(col.b));
    if (!Number.isFinite(b)) this.missingB++;
    a.b = Number.isFinite(b) ? b : 0;
    let element = this.text(col.typeSymbol).toUpperCase();
    if (!/^[A-Z]{1,2}$/.test(element)) {
      element = elementFromBareAtomName(a.name, a.isHetero);
      this.elementsFromNames++;
    }
    a.element = element;
    const charge = Number.parseInt(this.text(col.charge), 10);
    a.charge = Number.isFinite(charge) ? charge : 0;
    const model = Number.parseInt(this.text(col.model), 10);
    a.modelNumber = Number.isFinite(model) ? model : 1;
    this.builder.add(a);
  }

  notes(): string[] {
    const notes: string[] = [];
    if (this.elementsFromNames > 0) notes.push(`${this.elementsFromNames} atom(s) without type_symbol: element taken from the atom name`);
    if (this.missingOccupancy > 0) notes.push(`${this.missingOccupancy} atom(s) without occupancy: 1 assumed`);
    if (this.missingB > 0) notes.push(`${this.missingB} atom(s) without B_iso_or_equiv: 0 assumed`);
    if (this.missingResSeq > 0) notes.push(`${this.missingResSeq} atom(s) without a residue number: 0 stored`);
    return notes;
  }
}

const ATOM_SITE = '_atom_site.';

/**
 * Reads the _atom_site category of the first data block that has one, as a loop (the normal case)
 * or as single tag–value pairs (a one-atom file). Other categories are tokenised and skipped.
 */
export function parseMmcif(text: string, source: string): ParsedCifAtoms {
  const tok = new CifTokenizer(text, source);
  let reader: AtomSiteReader | undefined;
  let scheme: 'auth' | 'label' = 'auth';
  const notes: string[] = [];
  const singles = new Map<string, { value: string; unknown: boolean }>();
  let kind = tok.next();
  while (kind !== CIF_END) {
    if (kind === CIF_DATA) {
      if (reader || singles.size > 0) {
        notes.push(`only the first data block with atoms is read; the file has another (${tok.value})`);
        break;
      }
      kind = tok.next();
    } else if (kind === CIF_LOOP) {
      const tags: string[] = [];
      kind = tok.next();
      while (kind === CIF_TAG) {
        tags.push(tok.value.toLowerCase());
        kind = tok.next();
      }
      if (!reader && tags.length > 0 && tags[0]!.startsWith(ATOM_SITE)) {
        const items = tags.map((t) => t.slice(ATOM_SITE.length));
        const located = locateColumns(items, source);
        scheme = located.scheme;
        reader = new AtomSiteReader(located.columns, source);
        const values: string[] = new Array<string>(items.length).fill('');
        const unknown: boolean[] = new Array<boolean>(items.length).fill(false);
        let column = 0;
        while (kind === CIF_VALUE) {
          values[column] = tok.value;
          unknown[column] = tok.unknown;
          if (++column === items.length) {
            reader.add(values, unknown, tok.line);
            column = 0;
          }
          kind = tok.next();
        }
        if (column !== 0) {
          throw new VrsInputError(`_atom_site loop ends in the middle of a row (${column} of ${items.length} values)`, source, `_atom_site, line ${tok.line}`);
        }
      } else {
        while (kind === CIF_VALUE) kind = tok.next();
      }
    } else if (kind === CIF_TAG) {
      const tag = tok.value.toLowerCase();
      kind = tok.next();
      if (kind === CIF_VALUE) {
        if (tag.startsWith(ATOM_SITE)) singles.set(tag.slice(ATOM_SITE.length), { value: tok.value, unknown: tok.unknown });
        kind = tok.next();
      }
    } else {
      kind = tok.next();
    }
  }

  if (!reader && singles.size > 0) {
    const items = [...singles.keys()];
    const located = locateColumns(items, source);
    scheme = located.scheme;
    reader = new AtomSiteReader(located.columns, source);
    reader.add(items.map((k) => singles.get(k)!.value), items.map((k) => singles.get(k)!.unknown), tok.line);
  }
  if (!reader) throw new VrsInputError('no _atom_site category: the file holds no atoms', source, '_atom_site');
  notes.unshift(
    scheme === 'auth'
      ? 'mmCIF: chain, residue number and names from the auth_* items (author numbering, as in PDB files)'
      : 'mmCIF: no auth_asym_id/auth_seq_id items; chain, residue number and names from the label_* items',
  );
  notes.push(...reader.notes());
  return { builder: reader.builder, notes, idScheme: scheme };
}
