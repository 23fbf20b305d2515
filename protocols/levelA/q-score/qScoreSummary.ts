import { mean, percentiles } from '../../../core/index.js';
import type { PlacedModel } from '../../shared/placedModel.js';

/** What MapQ's statistics group residues by; each kind has its own Q-versus-resolution line. */
export type ResidueKind = 'protein' | 'nucleic' | 'ion' | 'water' | 'ligand';

/**
 * Q at resolution R on the lines Pintilie et al. fitted to EMDB entries at σ = 0.6 Å (MapQ's
 * eQ_protein, eQ_nucleic, eQ_ion, eQ_water): expected Q = slope·R + intercept. Ligands have none.
 */
export const Q_RESOLUTION_LINES: Record<Exclude<ResidueKind, 'ligand'>, { slope: number; intercept: number }> = {
  protein: { slope: -0.1775, intercept: 1.1192 },
  nucleic: { slope: -0.1377, intercept: 0.9973 },
  ion: { slope: -0.1103, intercept: 1.0795 },
  water: { slope: -0.0895, intercept: 1.0001 },
};

export function expectedQ(kind: ResidueKind, resolutionA: number): number | null {
  if (kind === 'ligand') return null;
  const line = Q_RESOLUTION_LINES[kind];
  return line.slope * resolutionA + line.intercept;
}

/** The resolution at which the kind's line gives this Q: (Q − intercept)/slope. */
export function resolutionFromQ(kind: ResidueKind, q: number): number | null {
  if (kind === 'ligand') return null;
  const line = Q_RESOLUTION_LINES[kind];
  return (q - line.intercept) / line.slope;
}

const IONS = new Set(['MG', 'NA', 'CL', 'CA', 'ZN', 'MN', 'FE', 'FE2', 'CO', 'NI', 'K', 'CU', 'CU1', 'CD', 'BR', 'IOD', 'SR', 'BA', 'CS', 'RB', 'LI', 'HG', 'F', 'AG', 'AU', 'PT', 'PB', 'YB', 'SM', 'GD', 'TB', 'EU']);
const WATERS = new Set(['HOH', 'WAT', 'DOD', 'H2O', 'TIP', 'TIP3', 'SOL']);

/**
 * MapQ's grouping: protein when the residue has N, CA and C; nucleic when it has O3′ and O5′
 * (old files write ′ as *); ion when it is a single-atom residue of a metal or halide; water by
 * name; anything else is a ligand.
 */
export function classifyResidue(name: string, atomNames: readonly string[]): ResidueKind {
  const has = (n: string) => atomNames.includes(n);
  if (has('N') && has('CA') && has('C')) return 'protein';
  if ((has("O3'") || has('O3*')) && (has("O5'") || has('O5*'))) return 'nucleic';
  const upper = name.toUpperCase();
  if (WATERS.has(upper)) return 'water';
  if (IONS.has(upper)) return 'ion';
  return 'ligand';
}

export interface ResidueQ {
  chain: string;
  seq: number;
  insertionCode: string;
  name: string;
  kind: ResidueKind;
  /** Mean Q of the residue's non-hydrogen atoms. */
  meanQ: number;
  atoms: number;
}

export interface ChainQ {
  chain: string;
  kind: ResidueKind;
  residues: number;
  atoms: number;
  meanQ: number;
  /** Q the kind's line expects at the map's resolution; null without a resolution or for ligands. */
  expectedQ: number | null;
  /** Resolution at which the kind's line gives this chain's mean Q; null for ligands. */
  estimatedResolution: number | null;
}

export interface QScoreSummary {
  meanQ: number;
  medianQ: number;
  percentiles: { p2_5: number; p25: number; p50: number; p75: number; p97_5: number };
  residues: ResidueQ[];
  chains: ChainQ[];
  /** Mean over the chain rows that have a resolution line (protein, nucleic, ion, water); null if none. */
  estimatedResolution: number | null;
  /** The values summarised (non-hydrogen atoms with a Q). */
  values: Float64Array;
}

/**
 * Statistics of per-atom Q over a placed model, as MapQ's "All" statistics file and VRS present
 * them: atoms are the non-hydrogen atoms with a Q (NaN marks the rest); residues average their
 * atoms; chains are split by kind and each (chain, kind) row averages its atoms.
 */
export function summarizeQScores(model: Pick<PlacedModel, 'atoms' | 'residues'>, q: Float64Array, resolutionA: number | null): QScoreSummary {
  const { atoms, residues } = model;
  const residueRows: ResidueQ[] = [];
  const groups = new Map<string, { chain: string; kind: ResidueKind; residues: number; sum: number; atoms: number }>();
  const values: number[] = [];
  for (const r of residues) {
    const names: string[] = [];
    for (let i = r.start; i < r.end; i++) names.push(atoms.name[i]!);
    const kind = classifyResidue(r.name, names);
    let sum = 0;
    let count = 0;
    for (let i = r.start; i < r.end; i++) {
      const v = q[i]!;
      if (!Number.isFinite(v)) continue;
      sum += v;
      count++;
      values.push(v);
    }
    if (count === 0) continue;
    residueRows.push({ chain: r.chain, seq: r.seq, insertionCode: r.insertionCode, name: r.name, kind, meanQ: sum / count, atoms: count });
    const key = `${r.chain}\u0000${kind}`;
    const g = groups.get(key) ?? { chain: r.chain, kind, residues: 0, sum: 0, atoms: 0 };
    g.residues++;
    g.sum += sum;
    g.atoms += count;
    groups.set(key, g);
  }
  const kindOrder: ResidueKind[] = ['protein', 'nucleic', 'ion', 'water', 'ligand'];
  const chains: ChainQ[] = [...groups.values()]
    .sort((a, b) => (a.chain < b.chain ? -1 : a.chain > b.chain ? 1 : kindOrder.indexOf(a.kind) - kindOrder.indexOf(b.kind)))
    .map((g) => {
      const meanQ = g.sum / g.atoms;
      return {
        chain: g.chain,
        kind: g.kind,
        residues: g.residues,
        atoms: g.atoms,
        meanQ,
        expectedQ: resolutionA !== null ? expectedQ(g.kind, resolutionA) : null,
        estimatedResolution: resolutionFromQ(g.kind, meanQ),
      };
    });
  const array = Float64Array.from(values);
  const [p2_5, p25, p50, p75, p97_5] = array.length > 0 ? percentiles(array, [2.5, 25, 50, 75, 97.5]) : [NaN, NaN, NaN, NaN, NaN];
  const estimates = chains.map((c) => c.estimatedResolution).filter((v): v is number => v !== null);
  return {
    meanQ: array.length > 0 ? mean(array) : NaN,
    medianQ: p50!,
    percentiles: { p2_5: p2_5!, p25: p25!, p50: p50!, p75: p75!, p97_5: p97_5! },
    residues: residueRows,
    chains,
    estimatedResolution: estimates.length > 0 ? estimates.reduce((s, v) => s + v, 0) / estimates.length : null,
    values: array,
  };
}
