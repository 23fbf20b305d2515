import { readModel, type AtomicModel, type AtomTable, type Vec3 } from '../../core/index.js';

/** The `placement` output of vrs.modelFit: where level A puts the model and whether it fits the map. */
export interface ModelPlacement {
  /** False: the model does not fit the map at any candidate origin; level A stops. */
  fitted: boolean;
  /** Translation (Å) added to every atom of the file; [0, 0, 0] when the model fitted as given. */
  shiftA: Vec3;
  /** Masked CC of the map with the model map at `resolutionA`, after the shift; null when no atom reaches the box. */
  ccMask: number | null;
  /** The resolution (Å) the fit was judged at: max(reported resolution, 3 Å). */
  resolutionA: number;
  /** Why the model was judged not to fit, for the sections that stop. */
  reason?: string;
}

/**
 * The atoms level A works on: the file's first model and, at alternate locations, the blank or first
 * conformer, moved by the placement's shift. Columnar like core/io's AtomTable.
 */
export interface PlacedModel {
  model: AtomicModel;
  atoms: AtomTable;
  shiftA: Vec3;
  /** Residues in file order: [first atom, end) ranges into `atoms`, with chain, number and name. */
  residues: { chain: string; seq: number; insertionCode: string; name: string; start: number; end: number; isHetero: boolean }[];
}

export async function placedModel(path: string, shiftA: Vec3 = [0, 0, 0]): Promise<PlacedModel> {
  const model = await readModel(path);
  return placeModel(model, shiftA);
}

export function placeModel(model: AtomicModel, shiftA: Vec3 = [0, 0, 0]): PlacedModel {
  const source = model.atoms;
  const firstModel = model.models[0];
  const keep: number[] = [];
  // The first conformer seen in each residue stands for it (blank altLoc atoms always kept).
  const chosenAlt = new Map<string, string>();
  for (let i = 0; i < source.count; i++) {
    if (source.modelNumber[i] !== firstModel) continue;
    const alt = source.altLoc[i]!;
    if (alt !== '') {
      const residueKey = `${source.chain[i]}|${source.resSeq[i]}|${source.insertionCode[i]}`;
      const chosen = chosenAlt.get(residueKey);
      if (chosen === undefined) chosenAlt.set(residueKey, alt);
      else if (chosen !== alt) continue;
    }
    keep.push(i);
  }
  const atoms = selectAtoms(source, keep, shiftA);
  const residues: PlacedModel['residues'] = [];
  for (let i = 0; i < atoms.count; i++) {
    const last = residues[residues.length - 1];
    if (last && last.chain === atoms.chain[i] && last.seq === atoms.resSeq[i] && last.insertionCode === atoms.insertionCode[i] && last.name === atoms.resName[i]) {
      last.end = i + 1;
    } else {
      residues.push({ chain: atoms.chain[i]!, seq: atoms.resSeq[i]!, insertionCode: atoms.insertionCode[i]!, name: atoms.resName[i]!, start: i, end: i + 1, isHetero: atoms.isHetero[i] === 1 });
    }
  }
  return { model, atoms, shiftA: [...shiftA], residues };
}

/** A new atom table of the given rows, coordinates translated by `shift`. */
export function selectAtoms(table: AtomTable, rows: readonly number[], shift: Vec3 = [0, 0, 0]): AtomTable {
  const pick = <T>(column: T[]) => rows.map((i) => column[i]!);
  return {
    count: rows.length,
    serial: Int32Array.from(rows, (i) => table.serial[i]!),
    name: pick(table.name),
    altLoc: pick(table.altLoc),
    resName: pick(table.resName),
    chain: pick(table.chain),
    resSeq: Int32Array.from(rows, (i) => table.resSeq[i]!),
    insertionCode: pick(table.insertionCode),
    x: Float64Array.from(rows, (i) => table.x[i]! + shift[0]),
    y: Float64Array.from(rows, (i) => table.y[i]! + shift[1]),
    z: Float64Array.from(rows, (i) => table.z[i]! + shift[2]),
    occupancy: Float32Array.from(rows, (i) => table.occupancy[i]!),
    b: Float32Array.from(rows, (i) => table.b[i]!),
    element: pick(table.element),
    charge: Int8Array.from(rows, (i) => table.charge[i]!),
    isHetero: Uint8Array.from(rows, (i) => table.isHetero[i]!),
    modelNumber: Int32Array.from(rows, (i) => table.modelNumber[i]!),
  };
}

/** Indices of the non-hydrogen atoms (H and D). */
export function heavyAtoms(atoms: AtomTable): Int32Array {
  const out: number[] = [];
  for (let i = 0; i < atoms.count; i++) if (atoms.element[i] !== 'H' && atoms.element[i] !== 'D') out.push(i);
  return Int32Array.from(out);
}

/** The section every level-A check returns when the fit check found that the model does not fit the map. */
export function modelNotFittedSection(id: string, title: string, placement: ModelPlacement): import('../../core/index.js').SectionResult {
  return {
    id,
    level: 'A',
    title,
    method: 'not run',
    status: 'not-applicable',
    reason: `the model does not fit the map (A.fit: ${placement.reason ?? `masked CC ${placement.ccMask === null ? 'not measurable' : placement.ccMask.toFixed(3)}`}); level A stops at the fit check`,
    warnings: [],
    metrics: {},
  };
}
