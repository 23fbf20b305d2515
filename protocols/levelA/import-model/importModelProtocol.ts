import { basename } from 'node:path';
import { checkModelAtoms, defineProtocol, readModel, type Vec3 } from '../../../core/index.js';
import { placeModel } from '../../shared/placedModel.js';
import type { ModelInfo } from './ModelInfo.js';

const WATERS = new Set(['HOH', 'WAT', 'DOD', 'H2O']);

/**
 * The canonical model-ingest node of level A: reads a PDB or mmCIF file (plain or gzip), refuses
 * what no check could use — no atoms, atoms of no known element, zero occupancy everywhere,
 * non-finite coordinates — naming the file and the record, and describes the model. Level A works
 * on the first model and the first conformer at alternate locations; the counts are of those.
 */
export const importModelProtocol = defineProtocol({
  id: 'vrs.importModel',
  version: '2',
  title: 'Import atomic model',
  description: 'Reads a PDB/mmCIF atomic model (optionally gzipped), checks its atoms and records chains, residues, elements and SHA-256.',
  execution: 'worker',
  params: {
    file: { type: 'path', required: true, description: 'The atomic model (.pdb, .cif, .mmcif, optionally .gz).' },
  },
  inputs: {},
  outputs: {
    model: { kind: 'model', description: 'The model file as given (bytes unchanged).' },
    info: { kind: 'json', description: 'File name, SHA-256, counts, chains, elements, extent and reader notes (ModelInfo).' },
  },
  async run(ctx) {
    const file = ctx.params.file;
    const model = await readModel(file);
    checkModelAtoms(model);
    const placed = placeModel(model);
    const { atoms } = placed;
    const elements: Record<string, number> = {};
    let hydrogens = 0;
    let heteroAtoms = 0;
    let waters = 0;
    let occupied = 0;
    let negativeB = 0;
    let sumB = 0;
    const min: Vec3 = [Infinity, Infinity, Infinity];
    const max: Vec3 = [-Infinity, -Infinity, -Infinity];
    const sum: Vec3 = [0, 0, 0];
    for (let i = 0; i < atoms.count; i++) {
      const element = atoms.element[i]!;
      const position = [atoms.x[i]!, atoms.y[i]!, atoms.z[i]!];
      for (let a = 0; a < 3; a++) {
        min[a] = Math.min(min[a]!, position[a]!);
        max[a] = Math.max(max[a]!, position[a]!);
        sum[a] += position[a]!;
      }
      elements[element] = (elements[element] ?? 0) + 1;
      if (element === 'H' || element === 'D') hydrogens++;
      if (atoms.isHetero[i]) heteroAtoms++;
      if (WATERS.has(atoms.resName[i]!)) waters++;
      if (atoms.occupancy[i]! > 0) occupied++;
      if (atoms.b[i]! < 0) negativeB++;
      sumB += atoms.b[i]!;
    }
    const chains = new Map<string, { id: string; residues: number; atoms: number }>();
    for (const residue of placed.residues) {
      const chain = chains.get(residue.chain) ?? { id: residue.chain, residues: 0, atoms: 0 };
      chain.residues++;
      chain.atoms += residue.end - residue.start;
      chains.set(residue.chain, chain);
    }
    const notes = [...model.notes];
    if (model.models.length > 1) notes.push(`level A uses the first model (${model.models[0]}) of ${model.models.length}`);
    if (atoms.count < model.atoms.count && model.models.length === 1) notes.push(`${model.atoms.count - atoms.count} atoms of second and further alternate conformers left out`);
    if (negativeB > 0) notes.push(`${negativeB} atoms with a negative B-factor: the model maps treat it as 0`);
    if (occupied < atoms.count) notes.push(`${atoms.count - occupied} atoms with occupancy 0 (they add no density)`);
    const info: ModelInfo = {
      fileName: basename(file),
      sha256: model.sha256,
      ...(model.sha256Decompressed ? { sha256Decompressed: model.sha256Decompressed } : {}),
      format: model.format,
      idScheme: model.idScheme,
      atoms: atoms.count,
      hydrogens,
      heteroAtoms,
      waters,
      residues: placed.residues.length,
      chains: [...chains.values()],
      elements,
      boundsA: { min, max },
      centreA: sum.map((s) => s / atoms.count) as Vec3,
      meanB: sumB / atoms.count,
      notes,
    };
    // Stored under a plain name: the user's file name may hold characters a store path refuses.
    const storedName = `model.${model.format === 'pdb' ? 'pdb' : 'cif'}${model.sha256Decompressed ? '.gz' : ''}`;
    return { model: { kind: 'model', value: { name: storedName, path: file } }, info: { kind: 'json', value: info } };
  },
});
