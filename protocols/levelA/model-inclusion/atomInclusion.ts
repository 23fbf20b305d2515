import { mapSampler, type Volume, type VoxelArray } from '../../../core/index.js';
import type { PlacedModel } from '../../shared/placedModel.js';

/** Backbone atom names of EMDB's validation analysis: the protein main chain and the nucleic-acid sugar–phosphate chain. */
export const BACKBONE_NAMES: ReadonlySet<string> = new Set(['N', 'CA', 'C', 'O', 'OXT', 'P', "O5'", "C5'", "C4'", "C3'", "O3'"]);
const WATERS = new Set(['HOH', 'WAT', 'DOD', 'H2O']);

export interface ResidueInclusion {
  chain: string;
  seq: number;
  insertionCode: string;
  name: string;
  /** Atoms counted (non-hydrogen). */
  atoms: number;
  /** Fraction of those inside the contour. */
  inclusion: number;
  /** The largest level at which at least half of the residue's atoms are still inside (for the scan). */
  halfLevel: number;
}

/** Map values at the atoms that count, and what they belong to; the contour-independent part. */
export interface AtomValues {
  /** Trilinear map value at each counted atom; −Infinity for atoms outside the box (never inside). */
  values: Float64Array;
  backbone: Uint8Array;
  /** Index into `chains` of each counted atom. */
  chainOf: Int32Array;
  chains: string[];
  /** Per residue: [start, end) into `values`. */
  residues: { chain: string; seq: number; insertionCode: string; name: string; start: number; end: number }[];
  outsideBox: number;
  /** Atoms of the model left out: hydrogens, and waters. */
  hydrogensSkipped: number;
  waterAtomsSkipped: number;
}

/**
 * The map value at every non-hydrogen atom of the model, waters left out, as EMDB's validation
 * analysis takes them: trilinear interpolation of the map at the atom (Å → voxel through the origin
 * and voxel size); an atom outside the box counts as outside the contour.
 */
export function atomValues(map: Volume<VoxelArray>, model: Pick<PlacedModel, 'atoms' | 'residues'>): AtomValues {
  const { atoms } = model;
  const sample = mapSampler(map, 'trilinear');
  const values: number[] = [];
  const backbone: number[] = [];
  const chainOf: number[] = [];
  const chainIndex = new Map<string, number>();
  const residues: AtomValues['residues'] = [];
  let outsideBox = 0;
  let hydrogensSkipped = 0;
  let waterAtomsSkipped = 0;
  for (const residue of model.residues) {
    if (WATERS.has(residue.name)) {
      waterAtomsSkipped += residue.end - residue.start;
      continue;
    }
    const start = values.length;
    for (let i = residue.start; i < residue.end; i++) {
      const element = atoms.element[i];
      if (element === 'H' || element === 'D') {
        hydrogensSkipped++;
        continue;
      }
      const v = sample(atoms.x[i]!, atoms.y[i]!, atoms.z[i]!);
      if (Number.isNaN(v)) outsideBox++;
      values.push(Number.isNaN(v) ? -Infinity : v);
      backbone.push(BACKBONE_NAMES.has(atoms.name[i]!) ? 1 : 0);
      let c = chainIndex.get(residue.chain);
      if (c === undefined) chainIndex.set(residue.chain, (c = chainIndex.size));
      chainOf.push(c);
    }
    if (values.length > start) residues.push({ chain: residue.chain, seq: residue.seq, insertionCode: residue.insertionCode, name: residue.name, start, end: values.length });
  }
  return {
    values: Float64Array.from(values),
    backbone: Uint8Array.from(backbone),
    chainOf: Int32Array.from(chainOf),
    chains: [...chainIndex.keys()],
    residues,
    outsideBox,
    hydrogensSkipped,
    waterAtomsSkipped,
  };
}

export interface InclusionAtContour {
  /** Fraction of counted atoms whose map value is above the contour. */
  atomInclusion: number;
  backboneInclusion: number;
  /** Fraction of residues with at least half of their atoms inside (our summary of EMDB's per-residue values). */
  residueInclusion: number;
  /** Mean over residues of each residue's own inclusion (EMDB's per-residue value). */
  meanResidueInclusion: number;
  atoms: number;
  backboneAtoms: number;
  perResidue: ResidueInclusion[];
  perChain: { chain: string; atoms: number; atomInclusion: number; backboneAtoms: number; backboneInclusion: number; residues: number; residueInclusion: number }[];
}

/** "Inside" as EMDB's validation analysis decides it: the interpolated value is strictly above the contour. */
export function inclusionAt(av: AtomValues, contour: number): InclusionAtContour {
  const { values, backbone, chainOf } = av;
  const nChains = av.chains.length;
  const chainAtoms = new Float64Array(nChains), chainIn = new Float64Array(nChains);
  const chainBackbone = new Float64Array(nChains), chainBackboneIn = new Float64Array(nChains);
  let inside = 0, backboneAtoms = 0, backboneInside = 0;
  for (let i = 0; i < values.length; i++) {
    const isIn = values[i]! > contour ? 1 : 0;
    const c = chainOf[i]!;
    inside += isIn;
    chainAtoms[c]!++;
    chainIn[c]! += isIn;
    if (backbone[i]) {
      backboneAtoms++;
      backboneInside += isIn;
      chainBackbone[c]!++;
      chainBackboneIn[c]! += isIn;
    }
  }
  const chainResidues = new Float64Array(nChains), chainResiduesHalf = new Float64Array(nChains);
  const chainNumber = new Map(av.chains.map((c, i) => [c, i]));
  let half = 0, sum = 0;
  const perResidue = av.residues.map((r) => {
    let n = 0;
    for (let i = r.start; i < r.end; i++) if (values[i]! > contour) n++;
    const count = r.end - r.start;
    const inclusion = n / count;
    const atLeastHalf = 2 * n >= count ? 1 : 0;
    half += atLeastHalf;
    sum += inclusion;
    const c = chainNumber.get(r.chain)!;
    chainResidues[c]!++;
    chainResiduesHalf[c]! += atLeastHalf;
    return { chain: r.chain, seq: r.seq, insertionCode: r.insertionCode, name: r.name, atoms: count, inclusion, halfLevel: halfLevel(values, r.start, r.end) };
  });
  const ratio = (a: number, b: number) => (b > 0 ? a / b : Number.NaN);
  return {
    atomInclusion: ratio(inside, values.length),
    backboneInclusion: ratio(backboneInside, backboneAtoms),
    residueInclusion: ratio(half, perResidue.length),
    meanResidueInclusion: ratio(sum, perResidue.length),
    atoms: values.length,
    backboneAtoms,
    perResidue,
    perChain: av.chains.map((chain, c) => ({
      chain,
      atoms: chainAtoms[c]!,
      atomInclusion: ratio(chainIn[c]!, chainAtoms[c]!),
      backboneAtoms: chainBackbone[c]!,
      backboneInclusion: ratio(chainBackboneIn[c]!, chainBackbone[c]!),
      residues: chainResidues[c]!,
      residueInclusion: ratio(chainResiduesHalf[c]!, chainResidues[c]!),
    })),
  };
}

/** The ⌈n/2⌉-th largest value: at any level below it, at least half of the residue's atoms are inside. */
function halfLevel(values: Float64Array, start: number, end: number): number {
  const sorted = Array.from(values.subarray(start, end)).sort((a, b) => b - a);
  return sorted[Math.ceil(sorted.length / 2) - 1]!;
}

export interface InclusionScan {
  levels: number[];
  atoms: number[];
  backbone: number[];
  residues: number[];
}

/**
 * Inclusion against the contour level, on EMDB's grid of levels: 129 levels evenly spaced from the
 * map's minimum to its maximum, with the recommended contour put in place of the level just below it.
 */
export function inclusionScan(av: AtomValues, mapMin: number, mapMax: number, contour: number, steps = 129): InclusionScan {
  const levels = Array.from({ length: steps }, (_, i) => mapMin + ((mapMax - mapMin) * i) / (steps - 1));
  if (contour >= mapMin && contour <= mapMax) {
    const below = levels.findLastIndex((l) => l <= contour);
    levels[below] = contour;
  }
  const all = Float64Array.from(av.values).sort();
  const backbone = Float64Array.from(av.values.filter((_, i) => av.backbone[i] === 1)).sort();
  const halves = Float64Array.from(av.residues.map((r) => halfLevel(av.values, r.start, r.end))).sort();
  // Fraction of a sorted array strictly above a level.
  const above = (sorted: Float64Array, level: number) => {
    let lo = 0, hi = sorted.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (sorted[mid]! > level) hi = mid;
      else lo = mid + 1;
    }
    return sorted.length > 0 ? (sorted.length - lo) / sorted.length : Number.NaN;
  };
  return { levels, atoms: levels.map((l) => above(all, l)), backbone: levels.map((l) => above(backbone, l)), residues: levels.map((l) => above(halves, l)) };
}
