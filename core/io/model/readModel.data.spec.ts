import { describe, expect, it } from 'vitest';
import { hasSharedData, sharedDataFile } from '../testing/sharedData.js';
import { readModel } from './readModel.js';

/** Atom counts from /work/shared/data/README.md; coordinates copied by hand from the raw lines quoted. */
describe.skipIf(!hasSharedData)('readModel on the shared models', () => {
  const counts: [string, number][] = [
    ['emd_20026_3ajo_fitted_refined.pdb', 1654],
    ['6gyn.pdb', 16932],
    ['emd_5168_3mfp_model.pdb', 2882],
    ['7cec_chainA.cif', 4308],
    ['emd_6272_fragment.pdb', 1401],
    ['3j6b_chain9.pdb', 2865],
    ['emd_1997_1oel_unfitted.pdb', 27078],
  ];
  for (const [file, count] of counts) {
    it(`${file}: ${count} atoms`, async () => {
      const model = await readModel(sharedDataFile('levelA', file));
      expect(model.atoms.count).toBe(count);
      expect(model.atoms.x).toHaveLength(count);
      expect(model.atoms.element.every((e) => /^[A-Z]{1,2}$/.test(e))).toBe(true);
      expect(model.sha256).toMatch(/^[0-9a-f]{64}$/);
    });
  }

  it('6gyn.pdb: first atom and a HETATM match the text', async () => {
    // ATOM      1  N   MET A 214     204.079 155.770 153.972  1.00129.29           N
    // HETATM16021  O12 PC1 A 801     172.855 139.993 149.410  1.00 87.25           O
    const m = await readModel(sharedDataFile('levelA', '6gyn.pdb'));
    const a = m.atoms;
    expect(m.format).toBe('pdb');
    expect([a.serial[0], a.name[0], a.resName[0], a.chain[0], a.resSeq[0], a.x[0], a.y[0], a.z[0]]).toEqual([1, 'N', 'MET', 'A', 214, 204.079, 155.77, 153.972]);
    expect(a.occupancy[0]).toBe(1);
    expect(a.b[0]).toBeCloseTo(129.29, 4);
    expect(a.isHetero[0]).toBe(0);
    const h = a.serial.indexOf(16021);
    expect([a.name[h], a.resName[h], a.resSeq[h], a.x[h], a.y[h], a.z[h], a.element[h], a.isHetero[h]]).toEqual(['O12', 'PC1', 801, 172.855, 139.993, 149.41, 'O', 1]);
  });

  it('emd_20026 model: magnesium written "Mg" in the element columns reads as MG', async () => {
    // HETATM 1415 MG   MG  A 183     145.935  97.500 138.831  1.00 13.02          Mg
    const m = await readModel(sharedDataFile('levelA', 'emd_20026_3ajo_fitted_refined.pdb'));
    const i = m.atoms.serial.indexOf(1415);
    expect([m.atoms.element[i], m.atoms.resName[i], m.atoms.x[i], m.atoms.z[i]]).toEqual(['MG', 'MG', 145.935, 138.831]);
    expect(m.atoms.element.filter((e) => e === 'MG')).toHaveLength(12);
  });

  it('3j6b chain 9: numeric chain id, atom 1000 matches the text', async () => {
    // ATOM   1000  CB  PHE 9  96     377.133 195.435 181.958  1.00106.85      JA   C
    const m = await readModel(sharedDataFile('levelA', '3j6b_chain9.pdb'));
    expect(m.chains).toEqual(['9']);
    // `grep '^ATOM\|^HETATM' 3j6b_chain9.pdb | cut -c77-78 | grep -c ' H'` gives 1437 hydrogens (names like HG21).
    expect(m.atoms.element.filter((e) => e === 'H')).toHaveLength(1437);
    const i = 999;
    expect([m.atoms.serial[i], m.atoms.name[i], m.atoms.resSeq[i], m.atoms.x[i], m.atoms.y[i], m.atoms.z[i], m.atoms.element[i]]).toEqual([1000, 'CB', 96, 377.133, 195.435, 181.958, 'C']);
  });

  it('1oel: seven chains, waters as HETATM, last atom matches the text', async () => {
    // HETATM27085  O   HOH G 567      -7.977 -18.903  -2.375  1.00 11.15           O
    const m = await readModel(sharedDataFile('levelA', 'emd_1997_1oel_unfitted.pdb'));
    expect(m.chains).toEqual(['A', 'B', 'C', 'D', 'E', 'F', 'G']);
    expect(m.models).toEqual([1]);
    const last = m.atoms.count - 1;
    expect([m.atoms.serial[last], m.atoms.resName[last], m.atoms.chain[last], m.atoms.resSeq[last], m.atoms.x[last], m.atoms.y[last], m.atoms.z[last], m.atoms.isHetero[last]]).toEqual([27085, 'HOH', 'G', 567, -7.977, -18.903, -2.375, 1]);
  });

  it('7cec mmCIF: auth numbering, first and last atoms match the text', async () => {
    // ATOM   1     N  N   . PHE A 1  1   ? 198.27500 155.93400 154.24800 1.000 103.36825 ? 1    PHE A N   1
    // ATOM   4308  C  CD2 . LEU A 1  599 ? 223.23100 127.59900 130.25900 1.000 285.96532 ? 599  LEU A CD2 1
    const m = await readModel(sharedDataFile('levelA', '7cec_chainA.cif'));
    const a = m.atoms;
    expect(m.format).toBe('mmcif');
    expect(m.idScheme).toBe('auth');
    expect(m.notes[0]).toContain('auth_*');
    expect([a.serial[0], a.name[0], a.resName[0], a.chain[0], a.resSeq[0], a.x[0], a.y[0], a.z[0], a.element[0], a.altLoc[0], a.insertionCode[0]]).toEqual([1, 'N', 'PHE', 'A', 1, 198.275, 155.934, 154.248, 'N', '', '']);
    expect(a.b[0]).toBeCloseTo(103.36825, 4);
    const l = a.count - 1;
    expect([a.serial[l], a.name[l], a.resName[l], a.resSeq[l], a.x[l], a.y[l], a.z[l], a.modelNumber[l]]).toEqual([4308, 'CD2', 'LEU', 599, 223.231, 127.599, 130.259, 1]);
    expect(a.resName.filter((r) => r === 'TRP')).toHaveLength(98);
  });
});
