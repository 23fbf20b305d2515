import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { atomMask, formatPdbAtom, readMap, Volume } from '../../../core/index.js';
import { runProtocolInProcess } from '../../level0/loc-bfactor/testing/runProtocolInProcess.js';
import { heavyAtoms, placedModel } from '../../shared/placedModel.js';
import { modelMapProtocol } from './modelMapProtocol.js';

const atomLine = (serial: number, name: string, x: number, y: number, z: number, element: string) =>
  formatPdbAtom({ serial, name, resName: 'ALA', chain: 'A', resSeq: 1, x, y, z, element });

function writeModel(lines: string[]): string {
  const path = join(mkdtempSync(join(tmpdir(), 'vrs-modelmap-')), 'model.pdb');
  writeFileSync(path, `${lines.join('\n')}\nEND\n`);
  return path;
}

/**
 * Xmipp's radial profile of carbon at r = 0 (algorithms.md §4.2): Σ a_i √(π/b_i), each term
 * widened by the σ = 0.4·Ts low-pass, which scales a 1-D Gaussian's peak by σ_i/√(σ_i² + σ_lp²)
 * with σ_i² = b_i/(2π²). Peng's carbon coefficients, typed from the table.
 */
function carbonPeak(ts: number): number {
  const a = [0.0489, 0.2091, 0.7537, 1.142, 0.3555];
  const b = [0.114, 1.0825, 5.4281, 17.8811, 51.1341];
  let sum = 0;
  for (let i = 0; i < 5; i++) {
    const s2 = b[i]! / (2 * Math.PI ** 2);
    sum += a[i]! * Math.sqrt(Math.PI / b[i]!) * Math.sqrt(s2 / (s2 + (0.4 * ts) ** 2));
  }
  return sum;
}

describe('vrs.modelMap', () => {
  const geometry = { dims: [24, 24, 24] as [number, number, number], voxelSize: [1, 1, 1] as [number, number, number], origin: [-5, -5, -5] as [number, number, number] };
  const map = new Volume(new Float32Array(24 ** 3), geometry);
  // One carbon at (5, 5, 5) Å: voxel (10, 10, 10) of a grid starting at −5 Å.
  const path = writeModel([atomLine(1, 'CA', 5, 5, 5, 'C')]);
  const at = (v: Volume<Float32Array>, i: number, j: number, k: number) => v.data[(k * 24 + j) * 24 + i]!;

  it("an isolated carbon peaks at Xmipp's profile value at its voxel, in the map's frame, moved by the placement's shift", async () => {
    const peak = carbonPeak(1);
    // The hand value is ≈ 1.21: a lone carbon centre is above FSC-Q's 0.97 "inside the atoms" level.
    expect(peak).toBeGreaterThan(1.15);
    expect(peak).toBeLessThan(1.3);
    const placed = (await runProtocolInProcess(modelMapProtocol, { map, model: { path }, placement: { json: { fitted: true, shiftA: [0, 0, 0], ccMask: 0.9, resolutionA: 3 } } }, {})).map!.value as Volume<Float32Array>;
    expect(at(placed, 10, 10, 10)).toBeCloseTo(peak, 4);
    expect(at(placed, 10, 10, 10)).toBe(Math.max(...placed.data));
    // 2 Å from the centre a lone carbon is below 0.97: the level selects the atom cores.
    expect(at(placed, 12, 10, 10)).toBeLessThan(0.97);
    const moved = (await runProtocolInProcess(modelMapProtocol, { map, model: { path }, placement: { json: { fitted: true, shiftA: [3, 0, -2], ccMask: 0.9, resolutionA: 3 } } }, {})).map!.value as Volume<Float32Array>;
    expect(at(moved, 13, 10, 8)).toBeCloseTo(peak, 4);
    expect(moved.geometry).toEqual(map.geometry);
  });

  it('a model that does not fit gives an all-zero volume of the grid', async () => {
    const out = (await runProtocolInProcess(modelMapProtocol, { map, model: { path }, placement: { json: { fitted: false, shiftA: [0, 0, 0], ccMask: 0.1, resolutionA: 3 } } }, {})).map!.value as Volume<Float32Array>;
    expect(out.dims).toEqual(map.dims);
    expect(out.data.every((v) => v === 0)).toBe(true);
  });

  const mapPath = '/work/shared/data/level0/emd_5168.map';
  const modelPath = '/work/shared/data/levelA/emd_5168_3mfp_model.pdb';
  it.skipIf(!existsSync(mapPath) || !existsSync(modelPath))('on a real model (3MFP at 1.742 Å), the voxels above 0.97 lie inside the atoms', async () => {
    const real = (await readMap(mapPath)).volume as Volume<Float32Array>;
    const out = (await runProtocolInProcess(modelMapProtocol, { map: real, model: { path: modelPath }, placement: { json: { fitted: true, shiftA: [0, 0, 0], ccMask: 0.9, resolutionA: 6.6 } } }, {})).map!.value as Volume<Float32Array>;
    const { atoms } = await placedModel(modelPath);
    // Inside = within 1.7 Å (about a carbon's van der Waals radius) of a non-hydrogen atom.
    const inside = atomMask(atoms, heavyAtoms(atoms), real.geometry, () => 1.7);
    let above = 0;
    let aboveInside = 0;
    for (let i = 0; i < out.data.length; i++) {
      if (out.data[i]! > 0.97) {
        above++;
        aboveInside += inside[i]!;
      }
    }
    expect(above).toBeGreaterThan(atoms.count / 2);
    expect(aboveInside / above).toBeGreaterThan(0.95);
  });
});
