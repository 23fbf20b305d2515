import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatPdbAtom, readMap, VrsInputError, type SectionResult, type Vec3 } from '../../core/index.js';
import { runProtocolInProcess } from '../../protocols/level0/loc-bfactor/testing/runProtocolInProcess.js';
import { importModelProtocol } from '../../protocols/levelA/import-model/importModelProtocol.js';
import type { ModelInfo } from '../../protocols/levelA/import-model/ModelInfo.js';
import { modelFitProtocol } from '../../protocols/levelA/model-fit/modelFitProtocol.js';
import type { ModelPlacement } from '../../protocols/shared/placedModel.js';

const DATA = join(import.meta.dirname, '../../../shared/data');
const levelA = (name: string) => join(DATA, 'levelA', name);
const dir = mkdtempSync(join(tmpdir(), 'vrs-levelA-'));

function pdbLine(serial: number, name: string, resName: string, chain: string, resSeq: number, x: number, y: number, z: number, occupancy: number, element: string, charge?: string): string {
  return formatPdbAtom({ serial, name, resName, chain, resSeq, x, y, z, occupancy, element, ...(charge ? { charge } : {}) });
}

/** The PDB text with every ATOM/HETATM position passed through `move`. */
function movePdb(text: string, move: (xyz: Vec3) => Vec3): string {
  return text
    .split('\n')
    .map((line) => {
      if (!/^(ATOM  |HETATM)/.test(line)) return line;
      const xyz = move([30, 38, 46].map((c) => Number(line.slice(c, c + 8))) as Vec3);
      return line.slice(0, 30) + xyz.map((v) => v.toFixed(3).padStart(8)).join('') + line.slice(54);
    })
    .join('\n');
}

function writeModel(name: string, lines: string[]): string {
  const file = join(dir, name);
  writeFileSync(file, `${lines.join('\n')}\nEND\n`);
  return file;
}

async function importError(file: string): Promise<VrsInputError> {
  try {
    await runProtocolInProcess(importModelProtocol, {}, { file });
  } catch (error) {
    if (error instanceof VrsInputError) return error;
    throw error;
  }
  throw new Error(`${file} was accepted`);
}

describe('vrs.importModel refuses models no check can use, naming the file and the record', () => {
  it('no atoms', async () => {
    const error = await importError(writeModel('empty.pdb', ['HEADER    NOTHING', 'REMARK 1']));
    expect(error.message).toMatch(/empty\.pdb/);
  });
  it('an unknown element', async () => {
    const error = await importError(writeModel('unknown.pdb', [pdbLine(1, 'CA', 'ALA', 'A', 1, 0, 0, 0, 1, 'C'), pdbLine(2, 'XX', 'ALA', 'A', 1, 1, 0, 0, 1, 'QX')]));
    expect(error.message).toContain('unknown.pdb');
    expect(error.message).toContain('atom 2');
    expect(error.message).toContain('"QX"');
  });
  it('zero occupancy everywhere', async () => {
    const error = await importError(writeModel('ghost.pdb', [pdbLine(1, 'CA', 'ALA', 'A', 1, 0, 0, 0, 0, 'C'), pdbLine(2, 'CB', 'ALA', 'A', 1, 1.5, 0, 0, 0, 'C')]));
    expect(error.field).toBe('occupancy');
  });
  it.skipIf(!existsSync(levelA('7cec_chainA.cif')))('a truncated mmCIF', async () => {
    const text = readFileSync(levelA('7cec_chainA.cif'), 'utf8');
    const file = join(dir, 'truncated.cif');
    writeFileSync(file, text.slice(0, text.indexOf('ATOM   1946') + 40));
    const error = await importError(file);
    expect(error.message).toMatch(/truncated\.cif.*middle of a row/);
  });
  it('accepts ions, charges and hydrogens, and counts them', async () => {
    const file = writeModel('ions.pdb', [
      pdbLine(1, 'N', 'GLY', 'A', 1, 0, 0, 0, 1, 'N', '1+'),
      pdbLine(2, 'H', 'GLY', 'A', 1, 1, 0, 0, 1, 'H'),
      formatPdbAtom({ serial: 3, name: 'ZN', resName: 'ZN', chain: 'B', resSeq: 101, x: 5, y: 5, z: 5, b: 30, element: 'ZN', charge: '2+', hetero: true }),
    ]);
    const out = await runProtocolInProcess(importModelProtocol, {}, { file });
    const info = out['info']!.value as ModelInfo;
    expect(info.atoms).toBe(3);
    expect(info.hydrogens).toBe(1);
    expect(info.heteroAtoms).toBe(1);
    expect(info.elements).toEqual({ N: 1, H: 1, ZN: 1 });
    expect(info.chains.map((c) => c.id)).toEqual(['A', 'B']);
  });
});

async function fit(mapFile: string, modelFile: string, resolution: number) {
  const map = await readMap(mapFile);
  const info = (await runProtocolInProcess(importModelProtocol, {}, { file: modelFile }))['info']!.value;
  const mapInfo = { fileName: mapFile, dims: map.volume.dims, voxelSize: map.volume.voxelSize, origin: map.volume.origin };
  const out = await runProtocolInProcess(modelFitProtocol, { map: map.volume, mapInfo: { json: mapInfo }, model: { path: modelFile }, modelInfo: { json: info } }, { resolution });
  return { placement: out['placement']!.value as ModelPlacement, section: out['section']!.value as SectionResult, origin: map.volume.origin };
}

describe.skipIf(!existsSync(levelA('emd_2566_3j6b_chain9_zone.mrc')))('fit check on real map–model pairs', () => {
  it('the negative control (EMD-1997 with the unfitted 1OEL) does not fit, and says so', async () => {
    const { placement, section } = await fit(join(DATA, 'level0/emd_1997.map'), levelA('emd_1997_1oel_unfitted.pdb'), 7);
    expect(placement.fitted).toBe(false);
    expect(section.metrics['fitted']).toBe(false);
    expect(placement.ccMask).toBeLessThan(0.2);
    expect(section.results!.join(' ')).toMatch(/does not fit/);
  }, 60_000);

  it('a fitted model (EMD-2566 zone, 3J6B chain 9: hydrogens and charged atoms) fits as given', async () => {
    const { placement } = await fit(levelA('emd_2566_3j6b_chain9_zone.mrc'), levelA('3j6b_chain9.pdb'), 3.4);
    expect(placement.fitted).toBe(true);
    expect(placement.shiftA).toEqual([0, 0, 0]);
    expect(placement.ccMask).toBeGreaterThan(0.6);
  }, 60_000);

  it('the same model written without the map origin is found again by the origin search, at the exact shift', async () => {
    const mapFile = levelA('emd_2566_3j6b_chain9_zone.mrc');
    const { origin } = await readMap(mapFile).then((m) => ({ origin: m.volume.origin }));
    // Every ATOM/HETATM line moved by −origin: the model as a program that ignores the map origin would write it.
    const moved = movePdb(readFileSync(levelA('3j6b_chain9.pdb'), 'utf8'), (xyz) => xyz.map((v, a) => v - origin[a]!) as Vec3);
    const file = join(dir, 'moved.pdb');
    writeFileSync(file, moved);
    const { placement, section } = await fit(mapFile, file, 3.4);
    expect(placement.fitted).toBe(true);
    placement.shiftA.forEach((s, a) => expect(s).toBeCloseTo((origin as Vec3)[a]!, 6));
    expect(placement.ccMask).toBeGreaterThan(0.6);
    expect(section.results!.join(' ')).toMatch(/better origin/);
  }, 60_000);
});

describe.skipIf(!existsSync(levelA('emd_6272_fragment.mrc')))('fit check with a model far outside the box', () => {
  it('measures nothing where no atom reaches the box (null, never NaN in JSON) and finds the model again by the translation search', async () => {
    const far = movePdb(readFileSync(levelA('emd_6272_fragment.pdb'), 'utf8'), (xyz) => xyz.map((v) => v + 5000) as Vec3);
    const file = join(dir, 'far.pdb');
    writeFileSync(file, far);
    const { placement, section } = await fit(levelA('emd_6272_fragment.mrc'), file, 4);
    const candidates = section.metrics['candidates'] as { label: string; ccMask: number | null }[];
    expect(candidates[0]!.ccMask).toBeNull();
    expect(JSON.parse(JSON.stringify(section.metrics))).toEqual(section.metrics);
    expect(placement.fitted).toBe(true);
    expect(candidates.find((c) => c.ccMask === placement.ccMask)!.label).toMatch(/translation search/);
    // back where it was, to within a voxel (1.023 Å): the search moves by whole voxels from the centred start
    placement.shiftA.forEach((s) => expect(Math.abs(s + 5000)).toBeLessThan(1.023));
    expect(placement.ccMask!).toBeGreaterThan(0.7);
  }, 60_000);
});

describe.skipIf(!existsSync(levelA('emd_2566_3j6b_chain9_zone.mrc')))('model placement on the map grid', () => {
  it("uses the header's origin to a fraction of a voxel: the original's whole-voxel truncation (Xmipp int(origin/Ts)) lowers the CC", async () => {
    const { fitCorrelation } = await import('../../protocols/levelA/model-fit/fitCorrelation.js');
    const { placedModel } = await import('../../protocols/shared/placedModel.js');
    const { Volume } = await import('../../core/index.js');
    const map = (await readMap(levelA('emd_2566_3j6b_chain9_zone.mrc'))).volume;
    const { atoms } = await placedModel(levelA('3j6b_chain9.pdb'));
    const truncated = new Volume(map.data, { dims: map.dims, voxelSize: map.voxelSize, origin: map.origin.map((o, a) => Math.trunc(o / map.voxelSize[a]!) * map.voxelSize[a]!) as Vec3 });
    const exact = await fitCorrelation(map, atoms, 3.4);
    const whole = await fitCorrelation(truncated, atoms, 3.4);
    // emd_2566's origin is about 266, 116 and 119 voxels, stored as float32 values that may fall just below the integer (z: 118.9999987), which truncation turns into a whole voxel
    const moved = map.origin.map((o, a) => o - truncated.origin[a]!);
    expect(Math.max(...moved)).toBeGreaterThan(0.5 * map.voxelSize[0]);
    expect(exact.ccMask).toBeGreaterThan(whole.ccMask + 0.05);
  }, 60_000);

  it('a rotated model scores low, and no translation rescues it', async () => {
    const mapFile = levelA('emd_2566_3j6b_chain9_zone.mrc');
    const text = readFileSync(levelA('3j6b_chain9.pdb'), 'utf8');
    const coords: Vec3[] = [];
    movePdb(text, (xyz) => (coords.push(xyz), xyz));
    const centre = [0, 1, 2].map((a) => coords.reduce((s, c) => s + c[a]!, 0) / coords.length);
    const angle = (60 * Math.PI) / 180;
    // 60° about z through the model's centre
    const rotated = movePdb(text, ([x, y, z]) => {
      const [dx, dy] = [x - centre[0]!, y - centre[1]!];
      return [dx * Math.cos(angle) - dy * Math.sin(angle) + centre[0]!, dx * Math.sin(angle) + dy * Math.cos(angle) + centre[1]!, z];
    });
    const file = join(dir, 'rotated.pdb');
    writeFileSync(file, rotated);
    const { placement, section } = await fit(mapFile, file, 3.4);
    const candidates = section.metrics['candidates'] as { ccMask: number | null }[];
    expect(candidates[0]!.ccMask!).toBeLessThan(0.3);
    expect(placement.fitted).toBe(false);
  }, 60_000);
});
