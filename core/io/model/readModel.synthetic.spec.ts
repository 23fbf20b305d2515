import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { VrsInputError } from '../../errors/index.js';
import { makeTempDir } from '../testing/tempDir.js';
import { elementFromAtomName } from './elementFromAtomName.js';
import { decodeHybrid36 } from './hybrid36.js';
import { parseModel, readModel } from './readModel.js';

let dir: string;
let cleanup: () => Promise<void>;
beforeAll(async () => ({ dir, cleanup } = await makeTempDir('vrs-model-')));
afterAll(() => cleanup());

/** A PDB ATOM/HETATM line laid out column by column (1-based columns as in the PDB format guide). */
function pdbLine(f: { het?: boolean; serial: string; name: string; alt?: string; res: string; chain: string; seq: string; ins?: string; x: number; y: number; z: number; occ?: string; b?: string; element?: string; charge?: string }): string {
  const line = [
    (f.het ? 'HETATM' : 'ATOM  ').padEnd(6),
    f.serial.padStart(5),
    ' ',
    f.name.padEnd(4),
    f.alt ?? ' ',
    f.res.padStart(3).padEnd(4),
    f.chain,
    f.seq.padStart(4),
    f.ins ?? ' ',
    '   ',
    f.x.toFixed(3).padStart(8),
    f.y.toFixed(3).padStart(8),
    f.z.toFixed(3).padStart(8),
    (f.occ ?? '  1.00').padStart(6),
    (f.b ?? ' 20.00').padStart(6),
    '          ',
    (f.element ?? '').padStart(2),
    f.charge ?? '',
  ].join('');
  return line;
}

describe('hybrid-36 and element rules', () => {
  it('decodes decimal, upper- and lower-case hybrid-36', () => {
    expect(decodeHybrid36('99999', 5)).toBe(99999);
    expect(decodeHybrid36('A0000', 5)).toBe(100000);
    expect(decodeHybrid36('A0001', 5)).toBe(100001);
    expect(decodeHybrid36('ZZZZZ', 5)).toBe(100000 + 26 * 36 ** 4 - 1);
    expect(decodeHybrid36('a0000', 5)).toBe(100000 + 26 * 36 ** 4);
    expect(decodeHybrid36('A000', 4)).toBe(10000);
    expect(decodeHybrid36(' -12', 4)).toBe(-12);
    expect(decodeHybrid36('*****', 5)).toBeNaN();
  });

  it('reads the element from the PDB name field alignment', () => {
    expect(elementFromAtomName(' CA ', false)).toBe('C');
    expect(elementFromAtomName('CA  ', true)).toBe('CA');
    expect(elementFromAtomName('1HG1', false)).toBe('H');
    expect(elementFromAtomName('HG21', false)).toBe('H');
    expect(elementFromAtomName('FE  ', true)).toBe('FE');
    expect(elementFromAtomName(' SE ', true)).toBe('S'); // right-justified one-letter position: sulphur by the rule
    expect(elementFromAtomName('SE  ', true)).toBe('SE');
  });
});

describe('parseModel: PDB', () => {
  it('fixed columns, MODEL/ENDMDL, hybrid-36 serials, element fallback, missing occupancy and B', () => {
    const text = [
      'HEADER    TEST',
      'MODEL        1',
      pdbLine({ serial: '99999', name: ' N  ', res: 'GLY', chain: 'A', seq: '9999', x: 1.5, y: -2.25, z: 3, element: 'N' }),
      pdbLine({ serial: 'A0000', name: ' CA ', alt: 'B', res: 'GLY', chain: 'A', seq: 'A000', ins: 'C', x: -999.125, y: 0, z: 9999.999, b: '  5.50', element: '' }),
      pdbLine({ het: true, serial: 'A0001', name: 'ZN  ', res: 'ZN', chain: 'Z', seq: '1', x: 0, y: 0, z: 0, occ: '', b: '', element: '', charge: '2+' }),
      'ENDMDL',
      'MODEL        2',
      pdbLine({ serial: '1', name: ' N  ', res: 'GLY', chain: 'A', seq: '1', x: 7, y: 8, z: 9, element: 'N' }),
      'ENDMDL',
      'END',
      pdbLine({ serial: '2', name: ' N  ', res: 'GLY', chain: 'A', seq: '1', x: 7, y: 8, z: 9, element: 'N' }),
    ].join('\r\n');
    const m = parseModel(text, 'test.pdb');
    const a = m.atoms;
    expect(a.count).toBe(4);
    expect(Array.from(a.serial)).toEqual([99999, 100000, 100001, 1]);
    expect(Array.from(a.resSeq)).toEqual([9999, 10000, 1, 1]);
    expect(Array.from(a.modelNumber)).toEqual([1, 1, 1, 2]);
    expect(m.models).toEqual([1, 2]);
    expect(m.chains).toEqual(['A', 'Z']);
    expect([a.x[1], a.y[1], a.z[1]]).toEqual([-999.125, 0, 9999.999]);
    expect([a.altLoc[1], a.insertionCode[1], a.element[1], a.b[1]]).toEqual(['B', 'C', 'C', 5.5]);
    expect([a.element[2], a.occupancy[2], a.b[2], a.charge[2], a.isHetero[2]]).toEqual(['ZN', 1, 0, 2, 1]);
    expect(m.notes.some((n) => n.startsWith('2 atom(s) without element columns'))).toBe(true);
    expect(m.notes).toContain('1 atom(s) without occupancy: 1 assumed');
    expect(m.notes).toContain('1 atom(s) without B-factor: 0 assumed');
    expect(m.notes.some((n) => n.startsWith('2 models'))).toBe(true);
    expect(m.notes.some((n) => n.startsWith('1 atom(s) with alternate locations'))).toBe(true);
  });

  it('refuses coordinates that are not numbers, naming the line', () => {
    const bad = pdbLine({ serial: '1', name: ' N  ', res: 'GLY', chain: 'A', seq: '1', x: 0, y: 0, z: 0 }).replace('   0.000   0.000   0.000', '   0.000    abc    0.000');
    expect(() => parseModel(`REMARK\n${bad}\n`, 'bad.pdb')).toThrow(/line 2/);
  });

  it('refuses files without atoms and files that are neither format', () => {
    expect(() => parseModel('HEADER    NOTHING\nEND\n', 'empty.pdb')).toThrow(VrsInputError);
    expect(() => parseModel('hello world\n', 'x.txt')).toThrow(/neither a PDB/);
  });
});

/** An _atom_site loop with auth and label columns, quoted names, ? and . values and a text field elsewhere. */
function cifText(rows: string[]): string {
  return [
    'data_TEST',
    '#',
    "_struct.title 'a test; with quotes'",
    '_struct.pdbx_descriptor',
    ';multi-line',
    'text field with loop_ and _atom_site.x inside',
    ';',
    'loop_',
    '_atom_site.group_PDB',
    '_atom_site.id',
    '_atom_site.type_symbol',
    '_atom_site.label_atom_id',
    '_atom_site.label_alt_id',
    '_atom_site.label_comp_id',
    '_atom_site.label_asym_id',
    '_atom_site.label_seq_id',
    '_atom_site.pdbx_PDB_ins_code',
    '_atom_site.Cartn_x',
    '_atom_site.Cartn_y',
    '_atom_site.Cartn_z',
    '_atom_site.occupancy',
    '_atom_site.B_iso_or_equiv',
    '_atom_site.pdbx_formal_charge',
    '_atom_site.auth_seq_id',
    '_atom_site.auth_comp_id',
    '_atom_site.auth_asym_id',
    '_atom_site.auth_atom_id',
    '_atom_site.pdbx_PDB_model_num',
    ...rows,
    '#',
    'loop_',
    '_other.a',
    '_other.b',
    '1 2',
  ].join('\n');
}

describe('parseModel: mmCIF', () => {
  it('quoted values, ?/. values, auth numbering, multi-character chains', () => {
    const text = cifText([
      `ATOM 1 C "C5'" . DA B 1 ? 1.000 2.000 3.000 1.00 10.0 ? 101 DA AAA "C5'" 1`,
      `HETATM 2 MG MG A HOH C . B -4.5 5.25 -6 ? ? 2 900 MG x1 MG 1`,
      `ATOM 3 ? 'O3'' . DA B 1 ? 0 0 0 0.5 20 ? 101 DA AAA 'O3'' 2`,
    ]);
    const m = parseModel(text, 'test.cif');
    const a = m.atoms;
    expect(m.format).toBe('mmcif');
    expect(m.idScheme).toBe('auth');
    expect(a.count).toBe(3);
    expect(a.name).toEqual(["C5'", 'MG', "O3'"]);
    expect(a.chain).toEqual(['AAA', 'x1', 'AAA']);
    expect(Array.from(a.resSeq)).toEqual([101, 900, 101]);
    expect(a.resName).toEqual(['DA', 'MG', 'DA']);
    expect(a.altLoc).toEqual(['', 'A', '']);
    expect(a.insertionCode).toEqual(['', 'B', '']);
    expect([a.x[1], a.y[1], a.z[1]]).toEqual([-4.5, 5.25, -6]);
    expect([a.occupancy[1], a.b[1], a.charge[1], a.isHetero[1]]).toEqual([1, 0, 2, 1]);
    expect(a.element).toEqual(['C', 'MG', 'O']);
    expect(Array.from(a.modelNumber)).toEqual([1, 1, 2]);
    expect(m.chains).toEqual(['AAA', 'x1']);
    expect(m.notes.some((n) => n.includes('without occupancy'))).toBe(true);
    expect(m.notes.some((n) => n.includes('without type_symbol'))).toBe(true);
  });

  it('falls back to label_* items when auth_* are missing, and says so', () => {
    const text = [
      'data_X',
      'loop_',
      '_atom_site.group_PDB',
      '_atom_site.type_symbol',
      '_atom_site.label_atom_id',
      '_atom_site.label_comp_id',
      '_atom_site.label_asym_id',
      '_atom_site.label_seq_id',
      '_atom_site.Cartn_x',
      '_atom_site.Cartn_y',
      '_atom_site.Cartn_z',
      'ATOM N N GLY A 1 1 2 3',
      'HETATM O O HOH B . 4 5 6',
    ].join('\n');
    const m = parseModel(text, 'label.cif');
    expect(m.idScheme).toBe('label');
    expect(m.notes[0]).toContain('label_*');
    expect(Array.from(m.atoms.resSeq)).toEqual([1, 0]);
    expect(m.notes).toContain('1 atom(s) without a residue number: 0 stored');
    expect(m.atoms.occupancy[0]).toBe(1);
  });

  it('reads a one-atom file written as tag–value pairs', () => {
    const text = ['data_ONE', '_atom_site.id 1', '_atom_site.type_symbol FE', '_atom_site.label_atom_id FE', '_atom_site.label_comp_id HEM', '_atom_site.label_asym_id A', '_atom_site.label_seq_id .', '_atom_site.Cartn_x 1.25', '_atom_site.Cartn_y 2.5', '_atom_site.Cartn_z -3.75'].join('\n');
    const m = parseModel(text, 'one.cif');
    expect(m.atoms.count).toBe(1);
    expect([m.atoms.element[0], m.atoms.x[0], m.atoms.y[0], m.atoms.z[0]]).toEqual(['FE', 1.25, 2.5, -3.75]);
  });

  it('refuses a missing coordinate item, a broken row and a non-numeric coordinate', () => {
    const noZ = ['data_X', 'loop_', '_atom_site.id', '_atom_site.Cartn_x', '_atom_site.Cartn_y', '1 2 3'].join('\n');
    expect(() => parseModel(noZ, 'noz.cif')).toThrow(/Cartn_z/);
    const broken = cifText(['ATOM 1 C CA . GLY A 1 ? 1 2 3 1 10 ? 1 GLY A CA 1', 'ATOM 2 C CB']);
    expect(() => parseModel(broken, 'broken.cif')).toThrow(/middle of a row/);
    const nonNumeric = cifText(['ATOM 1 C CA . GLY A 1 ? 1 ? 3 1 10 ? 1 GLY A CA 1']);
    const err = (() => {
      try {
        parseModel(nonNumeric, 'nan.cif');
      } catch (e) {
        return e;
      }
      return undefined;
    })();
    expect(err).toBeInstanceOf(VrsInputError);
    expect((err as VrsInputError).field).toContain('Cartn_y');
  });

  it('handles a large assembly beyond PDB limits: 100 001 atoms, 4-character chains', () => {
    const rows: string[] = [];
    for (let i = 1; i <= 100_001; i++) {
      rows.push(`ATOM ${i} C CA . ALA A ${i} ? ${(i * 0.001).toFixed(3)} 0 0 1 30 ? ${i} ALA ${i > 50_000 ? 'AB12' : 'A'} CA 1`);
    }
    const m = parseModel(cifText(rows), 'big.cif');
    expect(m.atoms.count).toBe(100_001);
    expect(m.atoms.serial[100_000]).toBe(100_001);
    expect(m.atoms.resSeq[100_000]).toBe(100_001);
    expect(m.atoms.x[100_000]).toBeCloseTo(100.001, 9);
    expect(m.chains).toEqual(['A', 'AB12']);
  });
});

describe('readModel', () => {
  it('reads gzip input detected by magic bytes and records both digests', async () => {
    const text = pdbLine({ serial: '1', name: ' N  ', res: 'GLY', chain: 'A', seq: '1', x: 1, y: 2, z: 3, element: 'N' }) + '\nEND\n';
    const file = path.join(dir, 'model.pdb.gz');
    await writeFile(file, gzipSync(Buffer.from(text)));
    const m = await readModel(file);
    expect(m.atoms.count).toBe(1);
    expect(m.sha256Decompressed).toBeDefined();
    expect(m.notes[0]).toBe('gzip input decompressed on read');
  });

  it('a missing file is a VrsInputError', async () => {
    await expect(readModel(path.join(dir, 'missing.cif'))).rejects.toThrow(/file not found/);
  });
});
