import type { VolumeGeometry } from '../../volume/index.js';

/** The atom columns the residue correlations read (core/io's AtomTable has them). */
export interface ResidueCorrelationAtoms {
  x: Float64Array;
  y: Float64Array;
  z: Float64Array;
  name: string[];
  element: string[];
}

/** A residue as a [start, end) range of atoms (protocols/shared/placedModel's residues). */
export interface ResidueRange {
  chain: string;
  seq: number;
  insertionCode: string;
  name: string;
  start: number;
  end: number;
}

export interface ResidueCorrelation {
  chain: string;
  seq: number;
  insertionCode: string;
  name: string;
  /** NaN when fewer than two grid points of the residue are in the box, or one map is flat there. */
  cc: number;
  voxels: number;
}

export interface ResidueCorrelationsResult {
  residues: ResidueCorrelation[];
  /** Over the points near any main-chain atom (N, CA, C, O). */
  mainChain: number;
  /** Over the points near any other non-hydrogen atom; null when the model has none. */
  sideChain: number | null;
  /** Per chain, in order of first appearance: over the points near the chain's non-hydrogen atoms. */
  chains: { chain: string; cc: number; residues: number; voxels: number }[];
}

/** Main-chain atom names (the protein backbone); every other non-hydrogen atom is side chain. */
export const MAIN_CHAIN_ATOMS: ReadonlySet<string> = new Set(['N', 'CA', 'C', 'O']);

/** Radius (Å) around the atoms of a selection whose grid points its correlation uses (algorithms.md §4.3: "2 Å is a safe default"). */
export const RESIDUE_CC_RADIUS = 2;

/**
 * Correlations of a map with its model map over the grid points within `radius` Å of selected
 * non-hydrogen atoms: every residue, the main chain, the side chains and every chain (Phenix
 * validation_cryoem's per-residue, main-chain, side-chain and per-chain CCs; weakly specified there,
 * here with a fixed radius). Each selection's points are collected once (a point near two of its
 * atoms counts once), so the cost follows the model, not the box.
 */
export function residueCorrelations(
  map: ArrayLike<number>,
  model: ArrayLike<number>,
  geometry: VolumeGeometry,
  atoms: ResidueCorrelationAtoms,
  residues: readonly ResidueRange[],
  radius = RESIDUE_CC_RADIUS,
): ResidueCorrelationsResult {
  const collector = new BallCollector(geometry, atoms, radius);
  const heavy = (i: number) => atoms.element[i] !== 'H' && atoms.element[i] !== 'D';
  const main: number[] = [];
  const side: number[] = [];
  const chainAtoms = new Map<string, { atoms: number[]; residues: number }>();
  const out: ResidueCorrelation[] = [];
  for (const r of residues) {
    const selected: number[] = [];
    for (let i = r.start; i < r.end; i++) {
      if (!heavy(i)) continue;
      selected.push(i);
      (MAIN_CHAIN_ATOMS.has(atoms.name[i]!) ? main : side).push(i);
    }
    let chain = chainAtoms.get(r.chain);
    if (!chain) chainAtoms.set(r.chain, (chain = { atoms: [], residues: 0 }));
    chain.residues++;
    for (const i of selected) chain.atoms.push(i);
    const points = collector.collect(selected);
    out.push({ chain: r.chain, seq: r.seq, insertionCode: r.insertionCode, name: r.name, cc: indexedCorrelation(map, model, points), voxels: points.length });
  }
  const over = (list: number[]) => indexedCorrelation(map, model, collector.collect(list));
  const chains = [...chainAtoms].map(([chain, c]) => {
    const points = collector.collect(c.atoms);
    return { chain, cc: indexedCorrelation(map, model, points), residues: c.residues, voxels: points.length };
  });
  return { residues: out, mainChain: over(main), sideChain: side.length > 0 ? over(side) : null, chains };
}

/** Collects, without repeats, the grid points within a radius of a list of atoms. */
class BallCollector {
  private readonly stamp: Int32Array;
  private generation = 0;
  private buffer = new Int32Array(4096);

  constructor(
    private readonly geometry: VolumeGeometry,
    private readonly atoms: ResidueCorrelationAtoms,
    private readonly radius: number,
  ) {
    const [nx, ny, nz] = geometry.dims;
    this.stamp = new Int32Array(nx * ny * nz);
  }

  /** The points' flat indices; a view valid until the next call. */
  collect(list: readonly number[]): Int32Array {
    const [nx, ny, nz] = this.geometry.dims;
    const [sx, sy, sz] = this.geometry.voxelSize;
    const [ox, oy, oz] = this.geometry.origin;
    const r = this.radius;
    const r2 = r * r;
    // A fresh stamp per call marks "already taken" without clearing the array.
    const mark = ++this.generation;
    let count = 0;
    for (const atom of list) {
      const px = (this.atoms.x[atom]! - ox) / sx;
      const py = (this.atoms.y[atom]! - oy) / sy;
      const pz = (this.atoms.z[atom]! - oz) / sz;
      const x0 = Math.max(0, Math.ceil(px - r / sx));
      const x1 = Math.min(nx - 1, Math.floor(px + r / sx));
      const y0 = Math.max(0, Math.ceil(py - r / sy));
      const y1 = Math.min(ny - 1, Math.floor(py + r / sy));
      const z0 = Math.max(0, Math.ceil(pz - r / sz));
      const z1 = Math.min(nz - 1, Math.floor(pz + r / sz));
      for (let k = z0; k <= z1; k++) {
        const dz2 = ((k - pz) * sz) ** 2;
        for (let j = y0; j <= y1; j++) {
          const dyz2 = dz2 + ((j - py) * sy) ** 2;
          if (dyz2 > r2) continue;
          const row = (k * ny + j) * nx;
          for (let i = x0; i <= x1; i++) {
            if (dyz2 + ((i - px) * sx) ** 2 > r2) continue;
            const p = row + i;
            if (this.stamp[p] === mark) continue;
            this.stamp[p] = mark;
            if (count === this.buffer.length) {
              const grown = new Int32Array(this.buffer.length * 2);
              grown.set(this.buffer);
              this.buffer = grown;
            }
            this.buffer[count++] = p;
          }
        }
      }
    }
    return this.buffer.subarray(0, count);
  }
}

/** Pearson correlation over the listed points (two passes in float64); NaN below two points or for a constant. */
function indexedCorrelation(x: ArrayLike<number>, y: ArrayLike<number>, points: Int32Array): number {
  const n = points.length;
  if (n < 2) return Number.NaN;
  let sx = 0;
  let sy = 0;
  for (let q = 0; q < n; q++) {
    sx += x[points[q]!]!;
    sy += y[points[q]!]!;
  }
  const mx = sx / n;
  const my = sy / n;
  let sxx = 0;
  let syy = 0;
  let sxy = 0;
  for (let q = 0; q < n; q++) {
    const dx = x[points[q]!]! - mx;
    const dy = y[points[q]!]! - my;
    sxx += dx * dx;
    syy += dy * dy;
    sxy += dx * dy;
  }
  return sxx > 0 && syy > 0 ? sxy / Math.sqrt(sxx * syy) : Number.NaN;
}
