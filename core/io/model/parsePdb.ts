import { VrsInputError } from '../../errors/index.js';
import type { AtomRecord } from './AtomTableBuilder.js';
import { AtomTableBuilder } from './AtomTableBuilder.js';
import { elementFromAtomName } from './elementFromAtomName.js';
import { decodeHybrid36 } from './hybrid36.js';

export interface ParsedAtoms {
  builder: AtomTableBuilder;
  notes: string[];
}

function parseCharge(field: string): number {
  // PDB writes "2+" / "1-"; some writers "+2".
  const m = /^([0-9])([+-])$|^([+-])([0-9])$/.exec(field.trim());
  if (!m) return 0;
  const digit = Number(m[1] ?? m[4]);
  const sign = (m[2] ?? m[3]) === '-' ? -1 : 1;
  return sign * digit;
}

/**
 * Reads ATOM/HETATM records of a PDB file by their fixed columns (MODEL/ENDMDL for model numbers;
 * reading stops at END). Coordinates that are not numbers are refused naming the line.
 */
export function parsePdb(text: string, source: string): ParsedAtoms {
  const builder = new AtomTableBuilder();
  const notes: string[] = [];
  let model = 1;
  let badSerials = 0;
  let elementsFromNames = 0;
  let missingOccupancy = 0;
  let missingB = 0;
  let lineNumber = 0;
  let start = 0;
  const atom: AtomRecord = {
    serial: 0, name: '', altLoc: '', resName: '', chain: '', resSeq: 0, insertionCode: '',
    x: 0, y: 0, z: 0, occupancy: 1, b: 0, element: '', charge: 0, isHetero: false, modelNumber: 1,
  };
  while (start < text.length) {
    let end = text.indexOf('\n', start);
    if (end < 0) end = text.length;
    let line = text.slice(start, end);
    start = end + 1;
    lineNumber++;
    if (line.endsWith('\r')) line = line.slice(0, -1);
    const record = line.slice(0, 6);
    if (record === 'MODEL ' || record === 'MODEL') {
      const n = Number.parseInt(line.slice(6).trim(), 10);
      model = Number.isFinite(n) ? n : model + 1;
      continue;
    }
    if (record === 'END' || record === 'END   ') break;
    const isHetero = record === 'HETATM';
    if (!isHetero && record !== 'ATOM  ') continue;

    const x = Number.parseFloat(line.slice(30, 38));
    const y = Number.parseFloat(line.slice(38, 46));
    const z = Number.parseFloat(line.slice(46, 54));
    if (!(Number.isFinite(x) && Number.isFinite(y) && Number.isFinite(z))) {
      throw new VrsInputError(`coordinates "${line.slice(30, 54)}" are not numbers`, source, `line ${lineNumber}, columns 31–54`);
    }
    const serial = decodeHybrid36(line.slice(6, 11), 5);
    if (!Number.isFinite(serial)) badSerials++;
    const resSeq = decodeHybrid36(line.slice(22, 26), 4);
    if (!Number.isFinite(resSeq)) {
      throw new VrsInputError(`residue number "${line.slice(22, 26)}" is not a number`, source, `line ${lineNumber}, columns 23–26`);
    }
    const occupancyField = line.slice(54, 60).trim();
    const bField = line.slice(60, 66).trim();
    const occupancy = occupancyField ? Number.parseFloat(occupancyField) : Number.NaN;
    const b = bField ? Number.parseFloat(bField) : Number.NaN;
    if (!Number.isFinite(occupancy)) missingOccupancy++;
    if (!Number.isFinite(b)) missingB++;
    const nameField = line.slice(12, 16);
    let element = line.slice(76, 78).trim().toUpperCase();
    if (!/^[A-Z]{1,2}$/.test(element)) {
      element = elementFromAtomName(nameField, isHetero);
      elementsFromNames++;
    }

    atom.serial = Number.isFinite(serial) ? serial : -1;
    atom.name = nameField.trim();
    atom.altLoc = line.charAt(16).trim();
    atom.resName = line.slice(17, 21).trim();
    atom.chain = line.charAt(21).trim();
    atom.resSeq = resSeq;
    atom.insertionCode = line.charAt(26).trim();
    atom.x = x;
    atom.y = y;
    atom.z = z;
    atom.occupancy = Number.isFinite(occupancy) ? occupancy : 1;
    atom.b = Number.isFinite(b) ? b : 0;
    atom.element = element;
    atom.charge = parseCharge(line.slice(78, 80));
    atom.isHetero = isHetero;
    atom.modelNumber = model;
    builder.add(atom);
  }
  if (badSerials > 0) notes.push(`${badSerials} atom serial number(s) unreadable (e.g. "*****"); stored as -1`);
  if (elementsFromNames > 0) notes.push(`${elementsFromNames} atom(s) without element columns 77–78: element taken from the atom name`);
  if (missingOccupancy > 0) notes.push(`${missingOccupancy} atom(s) without occupancy: 1 assumed`);
  if (missingB > 0) notes.push(`${missingB} atom(s) without B-factor: 0 assumed`);
  return { builder, notes };
}
