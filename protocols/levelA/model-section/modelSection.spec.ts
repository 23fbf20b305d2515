import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { decodePng, parseModel, Volume, type SectionResult } from '../../../core/index.js';
import { runProtocolInProcess } from '../../level0/loc-bfactor/testing/runProtocolInProcess.js';
import { importMapProtocol } from '../../preprocessing/import-map/importMapProtocol.js';
import { placeModel } from '../../shared/placedModel.js';
import { importModelProtocol } from '../import-model/importModelProtocol.js';
import { backboneTrace } from './backboneTrace.js';
import { modelSectionProtocol } from './modelSectionProtocol.js';
import { pdbText, type TestAtom } from './testing/pdbText.js';

const ca = (chain: string, resSeq: number, x: number, y: number, z: number, resName = 'ALA'): TestAtom => ({ name: 'CA', resName, chain, resSeq, x, y, z, element: 'C' });
const n = (chain: string, resSeq: number, x: number, y: number, z: number): TestAtom => ({ name: 'N', resName: 'ALA', chain, resSeq, x, y, z, element: 'N' });

function writeModel(atoms: TestAtom[]): string {
  const path = join(mkdtempSync(join(tmpdir(), 'vrs-model-section-')), 'model.pdb');
  writeFileSync(path, pdbText(atoms));
  return path;
}

describe('backboneTrace', () => {
  it('joins consecutive CA atoms and breaks at chain ends, gaps over 4.2 Å and protein/nucleic changes', async () => {
    const atoms: TestAtom[] = [
      n('A', 1, 0, 0, 0), ca('A', 1, 1, 0, 0),
      ca('A', 2, 4.8, 0, 0), // 3.8 Å: bonded
      ca('A', 3, 9.1, 0, 0), // 4.3 Å: a gap
      ca('A', 4, 12.9, 0, 0),
      ca('B', 1, 16.7, 0, 0), // new chain though 3.8 Å away
      { name: 'P', resName: 'DA', chain: 'B', resSeq: 2, x: 20, y: 0, z: 0, element: 'P' },
      { name: 'P', resName: 'DT', chain: 'B', resSeq: 3, x: 26.5, y: 0, z: 0, element: 'P' }, // 6.5 Å: bonded for P–P
      { name: 'CA', resName: 'CA', chain: 'C', resSeq: 1, x: 0, y: 5, z: 0, element: 'CA', hetero: true }, // a calcium ion
      { name: 'O', resName: 'HOH', chain: 'C', resSeq: 2, x: 0, y: 9, z: 0, element: 'O', hetero: true },
    ];
    const placed = placeModel({ ...parseModel(pdbText(atoms), 'm.pdb'), sha256: '' });
    const pieces = backboneTrace(placed);
    expect(pieces.map((p) => [p.chain, p.kind, p.residues])).toEqual([
      ['A', 'protein', [1, 2]],
      ['A', 'protein', [3, 4]],
      ['B', 'protein', [1]],
      ['B', 'nucleic', [2, 3]],
    ]);
    expect(Array.from(pieces[0]!.points)).toEqual([1, 0, 0, 4.8, 0, 0]);
  });

  it('leaves out a ligand carbon named CA next to the chain, but traces a modified residue (HETATM with N, CA, C)', () => {
    const atoms: TestAtom[] = [
      ca('A', 1, 0, 0, 0),
      ca('A', 2, 3.8, 0, 0),
      { name: 'CA', resName: 'LIG', chain: 'A', resSeq: 3, x: 7.6, y: 0, z: 0, element: 'C', hetero: true },
      { name: 'N', resName: 'MSE', chain: 'A', resSeq: 4, x: 10.5, y: 0, z: 0, element: 'N', hetero: true },
      { name: 'CA', resName: 'MSE', chain: 'A', resSeq: 4, x: 11.4, y: 0, z: 0, element: 'C', hetero: true },
      { name: 'C', resName: 'MSE', chain: 'A', resSeq: 4, x: 12.4, y: 0, z: 0, element: 'C', hetero: true },
    ];
    const pieces = backboneTrace(placeModel({ ...parseModel(pdbText(atoms), 'm.pdb'), sha256: '' }));
    // 1–2 bonded; the ligand is skipped, and MSE 4 lies 7.6 Å from residue 2: a piece of its own.
    expect(pieces.map((p) => p.residues)).toEqual([[1, 2], [4]]);
  });
});

describe('vrs.modelSection', () => {
  // A map with a Gaussian rod along x at y = z = 16 (voxel 1 Å, origin 0): the model's two chains lie on it.
  const dims = 32;
  const data = new Float32Array(dims ** 3);
  for (let k = 0; k < dims; k++) for (let j = 0; j < dims; j++) for (let i = 0; i < dims; i++) {
    data[(k * dims + j) * dims + i] = i > 3 && i < 28 ? Math.exp(-((j - 16) ** 2 + (k - 16) ** 2) / 8) : 0;
  }
  const map = new Volume(data, { dims: [dims, dims, dims], voxelSize: [1, 1, 1], origin: [0, 0, 0] });
  const atoms = [...[6, 9.8, 13.6].map((x, r) => ca('A', r + 1, x, 16, 16)), ...[17.4, 21.2, 25].map((x, r) => ca('B', r + 1, x, 16, 16))];

  async function run(placement: object) {
    const path = writeModel(atoms);
    const info = await runProtocolInProcess(importModelProtocol, {}, { file: path });
    const mapInfo = { fileName: 'rod.map', notes: [] };
    const out = await runProtocolInProcess(modelSectionProtocol, { map, mapInfo: { json: mapInfo }, model: { path }, modelInfo: { json: info.info!.value }, placement: { json: placement } }, { threshold: 0.5 });
    return out.section as { value: SectionResult; files: Record<string, Uint8Array> };
  }

  it('describes the model, lists its chains and draws three views with one colour per chain', async () => {
    const { value: section, files } = await run({ fitted: true, shiftA: [0, 0, 0], ccMask: 0.9, resolutionA: 3 });
    expect(section.status).toBe('no-criteria');
    expect(section.id).toBe('model');
    expect(section.metrics.chains).toBe(2);
    expect(section.metrics.atoms).toBe(6);
    expect(section.metrics.tracePieces).toBe(2);
    expect(section.tables![0]!.rows).toEqual([{ chain: 'A', residues: 3, atoms: 3 }, { chain: 'B', residues: 3, atoms: 3 }]);
    const legend = section.tables![1]!.rows;
    expect(legend[0]!.colour).not.toBe(legend[1]!.colour);
    expect(Object.keys(files).sort()).toEqual(['model_trace_1.png', 'model_trace_2.png', 'model_trace_3.png']);
    // View 3 looks down z: chain A (x 6…13.6) is drawn left of chain B (x 17.4…25), each in its colour.
    const image = decodePng(files['model_trace_3.png']!);
    const rgb = (hex: string) => [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16));
    // A trace pixel is its chain's colour paled towards white by the depth cue (at most 35 %).
    const isTinted = (q: number, colour: number[]) => {
      // The depth cue's fraction, read on the channel farthest from white (the others would round badly).
      const k = colour.indexOf(Math.min(...colour));
      const t = (image.data[q + k]! - colour[k]!) / (255 - colour[k]!);
      if (!(t >= -0.02 && t <= 0.36)) return false;
      return [0, 1, 2].every((c) => Math.abs(image.data[q + c]! - (colour[c]! + (255 - colour[c]!) * t)) < 4);
    };
    const colourA = rgb(String(legend[0]!.colour));
    const colourB = rgb(String(legend[1]!.colour));
    const columnsA: number[] = [];
    const columnsB: number[] = [];
    for (let p = 0; p < image.width * image.height; p++) {
      if (isTinted(p * image.channels, colourA)) columnsA.push(p % image.width);
      if (isTinted(p * image.channels, colourB)) columnsB.push(p % image.width);
    }
    const meanColumn = (xs: number[]) => xs.reduce((s, x) => s + x, 0) / xs.length;
    expect(columnsA.length).toBeGreaterThan(50);
    expect(columnsB.length).toBeGreaterThan(50);
    expect(meanColumn(columnsA)).toBeLessThan(meanColumn(columnsB));
  });

  it('still describes and draws a model that does not fit, and says so', async () => {
    const { value: section, files } = await run({ fitted: false, shiftA: [0, 0, 0], ccMask: 0.1, resolutionA: 3, reason: 'masked CC 0.100' });
    expect(section.status).toBe('no-criteria');
    expect(section.results!.join(' ')).toMatch(/does not fit/);
    expect(Object.keys(files)).toHaveLength(3);
    expect(section.figures![0]!.caption).toMatch(/alone/);
  });
});

const DATA = '/work/shared/data/levelA';
describe.skipIf(!existsSync(join(DATA, 'emd_6272_fragment.pdb')))('vrs.modelSection on emd_6272_fragment', () => {
  it('produces the three views of the real model over the real map', async () => {
    const mapOut = await runProtocolInProcess(importMapProtocol, {}, { file: join(DATA, 'emd_6272_fragment.mrc') });
    const modelPath = join(DATA, 'emd_6272_fragment.pdb');
    const info = await runProtocolInProcess(importModelProtocol, {}, { file: modelPath });
    const volume = mapOut.map!.value as Volume;
    const stats = (mapOut.info!.value as { dataStats: { mean: number; rms: number } }).dataStats;
    const started = performance.now();
    const out = await runProtocolInProcess(
      modelSectionProtocol,
      { map: volume, mapInfo: { json: mapOut.info!.value }, model: { path: modelPath }, modelInfo: { json: info.info!.value }, placement: { json: { fitted: true, shiftA: [0, 0, 0], ccMask: 0.8, resolutionA: 3 } } },
      { threshold: stats.mean + 2 * stats.rms },
    );
    const seconds = (performance.now() - started) / 1000;
    const section = out.section as { value: SectionResult; files: Record<string, Uint8Array> };
    expect(Object.keys(section.files).filter((f) => f.endsWith('.png'))).toHaveLength(3);
    expect(section.value.metrics.atoms).toBe(1401);
    expect(section.value.metrics.tracedResidues as number).toBeGreaterThan(100);
    for (const file of Object.values(section.files)) {
      const image = decodePng(file);
      expect(image.width).toBe(480);
    }
    if (process.env.VRS_DUMP_FIGURES) for (const [name, bytes] of Object.entries(section.files)) writeFileSync(join(process.env.VRS_DUMP_FIGURES, name), bytes);
    console.log(`emd_6272_fragment model section: ${seconds.toFixed(2)} s, ${section.value.metrics.tracedResidues} residues traced`);
  });
});
