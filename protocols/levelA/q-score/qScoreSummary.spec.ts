import { describe, expect, it } from 'vitest';
import { placeModel } from '../../shared/placedModel.js';
import { parseModel } from '../../../core/index.js';
import { classifyResidue, expectedQ, resolutionFromQ, summarizeQScores } from './qScoreSummary.js';

describe('Q-versus-resolution lines', () => {
  it('give the published expected Q and invert it (hand arithmetic)', () => {
    // Protein at 3 Å: −0.1775·3 + 1.1192 = 0.5867; nucleic at 3 Å: −0.4131 + 0.9973 = 0.5842.
    expect(expectedQ('protein', 3)).toBeCloseTo(0.5867, 10);
    expect(expectedQ('nucleic', 3)).toBeCloseTo(0.5842, 10);
    expect(expectedQ('ion', 2)).toBeCloseTo(1.0795 - 0.2206, 10);
    expect(expectedQ('water', 2)).toBeCloseTo(1.0001 - 0.179, 10);
    expect(expectedQ('ligand', 2)).toBeNull();
    // MapQ's mean for 7CEC chain A, 0.4506 → (0.4506 − 1.1192)/−0.1775 = 3.7668 Å.
    expect(resolutionFromQ('protein', 0.4506)).toBeCloseTo(3.7668, 4);
    expect(resolutionFromQ('water', 1.0001 - 0.0895 * 2.5)).toBeCloseTo(2.5, 10);
    expect(resolutionFromQ('ligand', 0.5)).toBeNull();
  });
});

describe('classifyResidue', () => {
  it('groups residues the way MapQ does', () => {
    expect(classifyResidue('ALA', ['N', 'CA', 'C', 'O', 'CB'])).toBe('protein');
    expect(classifyResidue('MSE', ['N', 'CA', 'C', 'SE'])).toBe('protein');
    expect(classifyResidue('G', ['P', "O5'", "C5'", "O3'"])).toBe('nucleic');
    expect(classifyResidue('DA', ['P', 'O5*', 'O3*'])).toBe('nucleic');
    expect(classifyResidue('HOH', ['O'])).toBe('water');
    expect(classifyResidue('MG', ['MG'])).toBe('ion');
    expect(classifyResidue('ATP', ['PG', 'O1G', "O3'", 'N1'])).toBe('ligand');
  });
});

const PDB = [
  'ATOM      1  N   ALA A   1       0.000   0.000   0.000  1.00 20.00           N',
  'ATOM      2  CA  ALA A   1       1.458   0.000   0.000  1.00 20.00           C',
  'ATOM      3  C   ALA A   1       2.009   1.420   0.000  1.00 20.00           C',
  'ATOM      4  H   ALA A   1      -0.500   0.800   0.000  1.00 20.00           H',
  'ATOM      5  N   GLY A   2       3.300   1.600   0.000  1.00 20.00           N',
  'ATOM      6  CA  GLY A   2       3.900   2.900   0.000  1.00 20.00           C',
  'ATOM      7  C   GLY A   2       5.400   2.900   0.000  1.00 20.00           C',
  'HETATM    8  O   HOH W   1      10.000  10.000  10.000  1.00 20.00           O',
  'HETATM    9  O   HOH W   2      14.000  10.000  10.000  1.00 20.00           O',
  'END',
].join('\n');

describe('summarizeQScores', () => {
  it('averages atoms per residue and per (chain, kind), ignoring hydrogens (NaN), with hand-computed numbers', () => {
    const model = placeModel({ ...parseModel(PDB, 'test.pdb'), sha256: '' });
    const q = Float64Array.from([0.2, 0.4, 0.6, Number.NaN, 0.5, 0.7, 0.9, 0.8, 0.6]);
    const s = summarizeQScores(model, q, 3);
    expect(s.values.length).toBe(8);
    expect(s.residues.map((r) => r.meanQ)).toEqual([expect.closeTo(0.4, 12), expect.closeTo(0.7, 12), 0.8, 0.6]);
    expect(s.chains).toHaveLength(2);
    const [protein, water] = s.chains;
    expect(protein!.chain).toBe('A');
    expect(protein!.kind).toBe('protein');
    expect(protein!.meanQ).toBeCloseTo(3.3 / 6, 12);
    expect(protein!.expectedQ).toBeCloseTo(0.5867, 10);
    expect(protein!.estimatedResolution).toBeCloseTo((0.55 - 1.1192) / -0.1775, 10);
    expect(water!.kind).toBe('water');
    expect(water!.meanQ).toBeCloseTo(0.7, 12);
    expect(water!.estimatedResolution).toBeCloseTo((0.7 - 1.0001) / -0.0895, 10);
    expect(s.estimatedResolution).toBeCloseTo(((0.55 - 1.1192) / -0.1775 + (0.7 - 1.0001) / -0.0895) / 2, 10);
    // Sorted: 0.2 0.4 0.5 0.6 0.6 0.7 0.8 0.9 → numpy median (0.6 + 0.6)/2, mean 4.7/8.
    expect(s.medianQ).toBeCloseTo(0.6, 12);
    expect(s.meanQ).toBeCloseTo(4.7 / 8, 12);
    // p2.5 at index 7·0.025 = 0.175: 0.2 + 0.175·0.2.
    expect(s.percentiles.p2_5).toBeCloseTo(0.235, 12);
  });
});
