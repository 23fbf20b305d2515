import { describe, expect, it } from 'vitest';
import { SeededRandom } from '../../stats/SeededRandom.js';
import { pearson } from '../../stats/pearson.js';
import type { VolumeGeometry } from '../../volume/index.js';
import { modelMap } from './modelMap.js';
import { residueCorrelations } from './residueCorrelations.js';
import { syntheticHelix } from './testing/syntheticHelix.js';

const geometry: VolumeGeometry = { dims: [40, 40, 40], voxelSize: [1, 1, 1], origin: [0, 0, 0] };

describe('residueCorrelations', () => {
  it('uses the 33 grid points within 2 Å of an atom on a grid point (1 + 6 + 12 + 8 + 6 at distances 0, 1, √2, √3, 2)', () => {
    const dims: [number, number, number] = [9, 9, 9];
    const rng = new SeededRandom(11);
    const map = Float64Array.from({ length: 729 }, () => rng.normal());
    const model = Float64Array.from({ length: 729 }, () => rng.normal());
    const atoms = { x: Float64Array.of(14.5), y: Float64Array.of(4), z: Float64Array.of(4), name: ['CA'], element: ['C'] };
    // Origin (10.5, 0, 0): the atom sits on voxel (4, 4, 4).
    const result = residueCorrelations(map, model, { dims, voxelSize: [1, 1, 1], origin: [10.5, 0, 0] }, atoms, [{ chain: 'A', seq: 1, insertionCode: '', name: 'GLY', start: 0, end: 1 }]);
    expect(result.residues[0]!.voxels).toBe(33);
    const inside: number[] = [];
    for (let k = 0; k < 9; k++) for (let j = 0; j < 9; j++) for (let i = 0; i < 9; i++) if ((i - 4) ** 2 + (j - 4) ** 2 + (k - 4) ** 2 <= 4) inside.push((k * 9 + j) * 9 + i);
    expect(result.residues[0]!.cc).toBeCloseTo(pearson(inside.map((p) => map[p]!), inside.map((p) => model[p]!)), 12);
    // A lone atom named CA (no N and C: a calcium ion, say) is in neither main nor side chain.
    expect(result.mainChain).toBeNaN();
    expect(result.sideChain).toBeNull();
  });

  it('gives 1 everywhere for a model map against itself', async () => {
    const { atoms, residues } = syntheticHelix({ length: 12, centre: [20, 20, 20], chains: ['A', 'B'] });
    const model = (await modelMap(atoms, geometry, { style: 'electron', resolution: 3 })).volume.data;
    const result = residueCorrelations(model, model, geometry, atoms, residues);
    for (const r of result.residues) expect(r.cc).toBeCloseTo(1, 10);
    expect(result.mainChain).toBeCloseTo(1, 10);
    expect(result.sideChain).toBeCloseTo(1, 10);
    expect(result.chains.map((c) => [c.chain, c.residues])).toEqual([['A', 6], ['B', 6]]);
  });

  it('is low for a residue whose density was removed, high for the residues not next to it', async () => {
    const { atoms, residues } = syntheticHelix({ length: 16, centre: [20, 20, 20], axis: 'x' });
    const model = (await modelMap(atoms, geometry, { style: 'electron', resolution: 3 })).volume.data;
    const keep = Int32Array.from({ length: atoms.count }, (_, i) => i).filter((i) => atoms.resSeq[i] !== 8);
    const map = (await modelMap(atoms, geometry, { style: 'electron', resolution: 3, select: keep })).volume.data;
    new SeededRandom(5).addNormalNoise(map, 0.02);
    const result = residueCorrelations(map, model, geometry, atoms, residues);
    const cc = new Map(result.residues.map((r) => [r.seq, r.cc]));
    // The 2 Å zone of residue 8 still holds its neighbours' density at 3 Å: low, not zero.
    expect(cc.get(8)).toBeLessThan(0.75);
    for (const [seq, value] of cc) if (Math.abs(seq - 8) >= 2) expect(value).toBeGreaterThan(0.97);
    expect(cc.get(7)).toBeGreaterThan(cc.get(8)!);
    expect(cc.get(9)).toBeGreaterThan(cc.get(8)!);
  });

  it('is low for a chain whose density is noise, high for the other', async () => {
    const { atoms, residues } = syntheticHelix({ length: 16, centre: [20, 20, 20], chains: ['A', 'B'] });
    const onlyA = Int32Array.from({ length: atoms.count }, (_, i) => i).filter((i) => atoms.chain[i] === 'A');
    const model = (await modelMap(atoms, geometry, { style: 'electron', resolution: 3 })).volume.data;
    const map = (await modelMap(atoms, geometry, { style: 'electron', resolution: 3, select: onlyA })).volume.data;
    new SeededRandom(9).addNormalNoise(map, 0.02);
    const chains = new Map(residueCorrelations(map, model, geometry, atoms, residues).chains.map((c) => [c.chain, c.cc]));
    // A's last residues lose the density of B's first ones next to them: not exactly 1.
    expect(chains.get('A')).toBeGreaterThan(0.9);
    expect(chains.get('B')).toBeLessThan(0.5);
  });
});
