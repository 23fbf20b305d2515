import type { Volume } from '../../../core/index.js';

/** Å³ per dalton of protein (partial specific volume) and daltons per residue (vrs-spec §6.2). */
export const PROTEIN_VOLUME_A3_PER_DA = 1.207;
export const DALTONS_PER_RESIDUE = 110;

export interface MassTableRow {
  threshold: number;
  /** Voxels with value strictly above the threshold. */
  voxels: number;
  /** Molecular mass those voxels would hold as protein: voxels·Ts³/1207. */
  kDa: number;
  /** Residues: voxels·Ts³/(110·1.207). */
  residues: number;
}

/**
 * Mass enclosed at 24–25 gray levels (vrs-spec §6.2): thresholds step·(i+1) for i = 0… while below
 * max(V), step = max(V)/25, the row count being numpy's arange length ⌈(max − step)/step⌉ in float64
 * (24 or 25 depending on rounding); voxels counted strictly above each level, in one sweep. A map
 * with no positive value gives no rows.
 */
export function massTable(map: Volume, voxelVolume: number): MassTableRow[] {
  const v = map.data;
  let max = -Infinity;
  for (let i = 0; i < v.length; i++) if (v[i]! > max) max = v[i]!;
  if (!(max > 0) || !Number.isFinite(max)) return [];
  const step = max / 25;
  const rows = Math.max(0, Math.ceil((max - step) / step));
  const levels = Float64Array.from({ length: rows }, (_, i) => step * (i + 1));
  // above[k] = voxels exceeding exactly k levels (k = 0..rows); the count above level i is Σ_{k>i} above[k].
  const above = new Float64Array(rows + 1);
  for (let i = 0; i < v.length; i++) {
    const value = v[i]!;
    if (!(value > step)) continue;
    let k = Math.min(rows, Math.floor(value / step));
    while (k > 0 && !(value > levels[k - 1]!)) k--;
    while (k < rows && value > levels[k]!) k++;
    above[k]!++;
  }
  const out: MassTableRow[] = [];
  let voxels = 0;
  const counts = new Array<number>(rows);
  for (let k = rows; k >= 1; k--) {
    voxels += above[k]!;
    counts[k - 1] = voxels;
  }
  for (let i = 0; i < rows; i++) {
    const w = counts[i]!;
    out.push({
      threshold: levels[i]!,
      voxels: w,
      kDa: (w * voxelVolume) / (PROTEIN_VOLUME_A3_PER_DA * 1000),
      residues: (w * voxelVolume) / (DALTONS_PER_RESIDUE * PROTEIN_VOLUME_A3_PER_DA),
    });
  }
  return out;
}
