import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Volume, type SectionResult } from '../../../core/index.js';
import { runProtocolInProcess } from '../../level0/loc-bfactor/testing/runProtocolInProcess.js';
import { importMapProtocol } from '../../preprocessing/import-map/importMapProtocol.js';
import { pdbText, type TestAtom } from '../model-section/testing/pdbText.js';
import { modelInclusionProtocol } from './modelInclusionProtocol.js';

function writeModel(atoms: TestAtom[]): string {
  const path = join(mkdtempSync(join(tmpdir(), 'vrs-inclusion-')), 'model.pdb');
  writeFileSync(path, pdbText(atoms));
  return path;
}

const fitted = { fitted: true, shiftA: [0, 0, 0], ccMask: 0.9, resolutionA: 3 };

async function inclusion(map: Volume, atoms: TestAtom[], threshold: number, placement: object = fitted): Promise<SectionResult> {
  const out = await runProtocolInProcess(modelInclusionProtocol, { map, model: { path: writeModel(atoms) }, placement: { json: placement } }, { threshold });
  return out.section!.value as SectionResult;
}

describe('vrs.modelInclusion on hand-made maps and models', () => {
  // The map's value at every point is its x coordinate (Å): trilinear interpolation of a linear
  // function is exact, so an atom's value is its x, and "inside contour 10" means x > 10.
  const origin: [number, number, number] = [0.5, -3, 2];
  const dims: [number, number, number] = [40, 10, 10];
  const ramp = new Float32Array(dims[0] * dims[1] * dims[2]);
  for (let k = 0; k < dims[2]; k++) for (let j = 0; j < dims[1]; j++) for (let i = 0; i < dims[0]; i++) ramp[(k * dims[1] + j) * dims[0] + i] = origin[0] + i;
  const rampMap = new Volume(ramp, { dims, voxelSize: [1, 1, 1], origin });
  const atom = (chain: string, resSeq: number, resName: string, name: string, element: string, x: number, hetero = false): TestAtom => ({ chain, resSeq, resName, name, element, x, y: 1.3, z: 7.7, hetero });
  const model = [
    // A1: N, C, CB inside; CA, O outside → 3/5; backbone 2/4. Its hydrogen (inside) is not counted.
    atom('A', 1, 'ALA', 'N', 'N', 12), atom('A', 1, 'ALA', 'CA', 'C', 8), atom('A', 1, 'ALA', 'C', 'C', 11), atom('A', 1, 'ALA', 'O', 'O', 9), atom('A', 1, 'ALA', 'CB', 'C', 15), atom('A', 1, 'ALA', 'H', 'H', 30),
    // A2: N, CA, O inside; C outside → 3/4; backbone 3/4.
    atom('A', 2, 'GLY', 'N', 'N', 13), atom('A', 2, 'GLY', 'CA', 'C', 14), atom('A', 2, 'GLY', 'C', 'C', 5), atom('A', 2, 'GLY', 'O', 'O', 16),
    // A water inside: not counted.
    atom('B', 1, 'HOH', 'O', 'O', 20, true),
    // B2 ligand: one atom inside, two outside, one outside the box → 1/4.
    atom('B', 2, 'LIG', 'C1', 'C', 2, true), atom('B', 2, 'LIG', 'C2', 'C', 3, true), atom('B', 2, 'LIG', 'C3', 'C', 18, true), atom('B', 2, 'LIG', 'C4', 'C', 100, true),
  ];

  it('gives the hand-counted fractions', async () => {
    const section = await inclusion(rampMap, model, 10);
    const m = section.metrics;
    expect(section.status).toBe('no-criteria');
    expect(m.atoms).toBe(13);
    expect(m.atomInclusion).toBeCloseTo(7 / 13, 12);
    expect(m.backboneAtoms).toBe(8);
    expect(m.backboneInclusion).toBeCloseTo(5 / 8, 12);
    expect(m.residues).toBe(3);
    expect(m.residueInclusion).toBeCloseTo(2 / 3, 12); // A1 (3/5) and A2 (3/4) have at least half inside, B2 (1/4) not
    expect(m.meanResidueInclusion).toBeCloseTo((3 / 5 + 3 / 4 + 1 / 4) / 3, 12);
    expect(m.atomsOutsideBox).toBe(1);
    expect(section.tables![0]!.rows).toEqual([
      { chain: 'A', atoms: 9, atomInclusion: 6 / 9, backboneInclusion: 5 / 8, residues: 2, residueInclusion: 1 },
      { chain: 'B', atoms: 4, atomInclusion: 1 / 4, backboneInclusion: null, residues: 1, residueInclusion: 0 },
    ]);
    expect(section.tables![1]!.rows).toEqual([{ residue: 'B:LIG 2', atoms: 4, inclusion: 0.25 }]);
  });

  it('scans contours from the map minimum to its maximum with the contour among the levels', async () => {
    const section = await inclusion(rampMap, model, 10);
    const plot = section.plots![0]!;
    const levels = plot.series[0]!.x;
    expect(levels).toHaveLength(129);
    expect(levels[0]).toBeCloseTo(0.5, 6);
    expect(levels[128]).toBeCloseTo(39.5, 6);
    expect(levels).toContain(10);
    expect(plot.vLines![0]!.x).toBe(10);
    const atIndex = levels.indexOf(10);
    expect(plot.series[0]!.y[atIndex]).toBeCloseTo(7 / 13, 12);
    // Below every atom value all atoms but the one outside the box are inside; at the maximum none is.
    expect(plot.series[0]!.y[0]).toBeCloseTo(12 / 13, 12);
    expect(plot.series[0]!.y[128]).toBe(0);
    // Residues with at least half inside at a level between 12.3 and 12.9: A1 keeps only CB (1/5),
    // A2 keeps N, CA, O (3/4), B2 keeps C3 (1/4) → 1/3.
    const near = levels.findIndex((l) => l > 12.3 && l < 12.9);
    expect(plot.series[2]!.y[near]).toBeCloseTo(1 / 3, 12);
  });

  it('interpolates trilinearly in Å through origin and voxel size', async () => {
    // One hot voxel (value 8) at grid (5, 5, 5); voxel 2 Å, origin (10, −4, 3). An atom half a voxel
    // along x and a quarter along y from it gets 8 · 0.5 · 0.75 = 3.
    const hot = new Float32Array(12 ** 3);
    hot[(5 * 12 + 5) * 12 + 5] = 8;
    const map = new Volume(hot, { dims: [12, 12, 12], voxelSize: [2, 2, 2], origin: [10, -4, 3] });
    const one = [{ chain: 'A', resSeq: 1, resName: 'ALA', name: 'CA', element: 'C', x: 10 + 5.5 * 2, y: -4 + 5.25 * 2, z: 3 + 5 * 2 }];
    expect((await inclusion(map, one, 2.99)).metrics.atomInclusion).toBe(1);
    expect((await inclusion(map, one, 3.01)).metrics.atomInclusion).toBe(0);
  });

  it('finds almost nothing inside when the placement moves the model out of the density', async () => {
    // A Gaussian rod along x at y = z = 16 Å; a CA chain on its axis, then moved 10 Å along y.
    const n = 32;
    const data = new Float32Array(n ** 3);
    for (let k = 0; k < n; k++) for (let j = 0; j < n; j++) for (let i = 0; i < n; i++) data[(k * n + j) * n + i] = Math.exp(-((j - 16) ** 2 + (k - 16) ** 2) / 8);
    const rod = new Volume(data, { dims: [n, n, n], voxelSize: [1, 1, 1], origin: [0, 0, 0] });
    const chain = Array.from({ length: 6 }, (_, r) => ({ chain: 'A', resSeq: r + 1, resName: 'ALA', name: 'CA', element: 'C', x: 5 + 3.8 * r, y: 16 + 0.3 * Math.sin(r), z: 16 }));
    const inPlace = await inclusion(rod, chain, 0.5);
    expect(inPlace.metrics.atomInclusion).toBe(1);
    const moved = await inclusion(rod, chain, 0.5, { ...fitted, shiftA: [0, 10, 0] });
    expect(moved.metrics.atomInclusion as number).toBeLessThan(0.01);
    expect(moved.metrics.residueInclusion as number).toBeLessThan(0.01);
  });

  it('does not run when the model does not fit', async () => {
    const section = await inclusion(rampMap, model, 10, { fitted: false, shiftA: [0, 0, 0], ccMask: 0.1, resolutionA: 3 });
    expect(section.status).toBe('not-applicable');
  });
});

const DATA = '/work/shared/data/levelA';
describe.skipIf(!existsSync(join(DATA, 'emd_6272_fragment.pdb')))('vrs.modelInclusion on real pairs', () => {
  for (const [mapFile, modelFile] of [
    ['emd_6272_fragment.mrc', 'emd_6272_fragment.pdb'],
    ['emd_0093_masked_MAP_m4A.mrc.gz', '6gyn.pdb'],
  ] as const) {
    it(`runs in seconds on ${modelFile}`, async () => {
      const mapOut = await runProtocolInProcess(importMapProtocol, {}, { file: join(DATA, mapFile) });
      const stats = (mapOut.info!.value as { dataStats: { mean: number; rms: number } }).dataStats;
      const started = performance.now();
      const out = await runProtocolInProcess(
        modelInclusionProtocol,
        { map: mapOut.map!.value as Volume, model: { path: join(DATA, modelFile) }, placement: { json: fitted } },
        { threshold: stats.mean + 2 * stats.rms },
      );
      const seconds = (performance.now() - started) / 1000;
      const m = (out.section!.value as SectionResult).metrics;
      console.log(`${modelFile}: atom ${(m.atomInclusion as number).toFixed(3)}, backbone ${(m.backboneInclusion as number).toFixed(3)}, residues ${(m.residueInclusion as number).toFixed(3)}, ${seconds.toFixed(2)} s`);
      // A deposited model in its own map: most atoms inside at a moderate contour.
      expect(m.atomInclusion as number).toBeGreaterThan(0.5);
      expect(seconds).toBeLessThan(10);
    }, 60_000);
  }
});
