import type { Volume } from '../../volume/index.js';
import type { MapSampler } from './mapSampler.js';

type Point = [number, number, number];

/**
 * EMRinger (Barad et al. 2015, Nat. Methods 12:943), computed here from the method as published and
 * as the reference scripts define it (algorithms.md §4.8): the χ1 "ringer" scan of each side chain,
 * the threshold scan, the binomial Z-score of rotameric peaks, the score 10·Z/√L, and the 21-residue
 * rolling windows.
 */

/** Residue types EMRinger scores, with the atom whose position χ1 (N–CA–CB–γ) turns. */
export const EMRINGER_GAMMA_ATOM: Readonly<Record<string, string>> = {
  ARG: 'CG',
  ASN: 'CG',
  ASP: 'CG',
  CYS: 'SG',
  GLU: 'CG',
  GLN: 'CG',
  HIS: 'CG',
  LEU: 'CG',
  LYS: 'CG',
  MET: 'CG',
  PHE: 'CG',
  SER: 'OG',
  TRP: 'CG',
  TYR: 'CG',
  SEC: 'SE',
  PYL: 'CG',
};

/** Samples per scan: 360° in 5° steps. */
export const RINGER_SAMPLES = 72;
export const RINGER_STEP_DEG = 5;
/** Number of thresholds of the scan, avg + k·(max − avg)/20 for k = 0…19. */
export const EMRINGER_THRESHOLDS = 20;
/** Probability that a uniformly placed peak falls in a rotameric bin, as the reference scorer counts it (39 of 72). */
const P_ROTAMERIC = 39 / 72;

/** Dihedral angle a–b–c–d in degrees, (−180, 180], IUPAC sign (positive = clockwise seen along b→c). */
export function dihedralDeg(a: Point, b: Point, c: Point, d: Point): number {
  const b1 = sub(b, a);
  const b2 = sub(c, b);
  const b3 = sub(d, c);
  const n1 = cross(b1, b2);
  const n2 = cross(b2, b3);
  // atan2(|b2| b1·(b2×b3), (b1×b2)·(b2×b3)): the IUPAC sign.
  const x = dot(n1, n2);
  const y = Math.hypot(b2[0], b2[1], b2[2]) * dot(b1, n2);
  return (Math.atan2(y, x) * 180) / Math.PI;
}

/** `p` turned by `angleDeg` about the axis through a1 towards a2, right-handed: a positive turn raises the dihedral (·, a1, a2, p) by the same angle. */
export function rotateAboutAxis(p: Point, a1: Point, a2: Point, angleDeg: number): Point {
  const k = sub(a2, a1);
  const kn = Math.hypot(k[0], k[1], k[2]);
  const ux = k[0] / kn;
  const uy = k[1] / kn;
  const uz = k[2] / kn;
  const v = sub(p, a1);
  const th = (angleDeg * Math.PI) / 180;
  const c = Math.cos(th);
  const s = Math.sin(th);
  const kv = ux * v[0] + uy * v[1] + uz * v[2];
  // Rodrigues: v cosθ + (k×v) sinθ + k (k·v)(1 − cosθ).
  const cx = uy * v[2] - uz * v[1];
  const cy = uz * v[0] - ux * v[2];
  const cz = ux * v[1] - uy * v[0];
  return [a1[0] + v[0] * c + cx * s + ux * kv * (1 - c), a1[1] + v[1] * c + cy * s + uy * kv * (1 - c), a1[2] + v[2] * c + cz * s + uz * kv * (1 - c)];
}

function sub(a: Point, b: Point): Point {
  return [a[0] - b[0], a[1] - b[1], a[2] - b[2]];
}
function cross(a: Point, b: Point): Point {
  return [a[1] * b[2] - a[2] * b[1], a[2] * b[0] - a[0] * b[2], a[0] * b[1] - a[1] * b[0]];
}
function dot(a: Point, b: Point): number {
  return a[0] * b[0] + a[1] * b[1] + a[2] * b[2];
}

/** The atom columns and residue ranges a ringer scan reads (protocols/shared/placedModel gives them). */
export interface RingerAtoms {
  count: number;
  x: Float64Array;
  y: Float64Array;
  z: Float64Array;
  name: string[];
}
export interface RingerResidue {
  chain: string;
  seq: number;
  insertionCode: string;
  name: string;
  /** [start, end) into the atom table. */
  start: number;
  end: number;
}

export interface RingerScan {
  chain: string;
  seq: number;
  insertionCode: string;
  name: string;
  /** χ1 of the model, degrees. */
  chi1: number;
  /** Map values with the γ atom at χ1 = 5(k+1)°, k = 0…71 (the scan turns before it samples). */
  densities: Float64Array;
}

export interface RingerScanResult {
  scans: RingerScan[];
  /** Scored residue types present but not scanned: χ1 atoms missing or degenerate (no dihedral), or the circle leaves the map. */
  skippedMissingAtoms: number;
  skippedOutsideMap: number;
}

/**
 * The χ1 ringer scan: for every residue of a scored type with N, CA, CB and its γ atom, the γ atom is
 * turned about CA→CB (bond length and angle kept, only χ1 changes) to χ1 = 5°, 10°, …, 360° and the map
 * sampled there. A residue whose circle leaves the interpolable part of the map is skipped, as the
 * reference drops residues whose interpolation fails. The residues are those given: the caller picks
 * the model and the first alternate location.
 */
export function ringerScan(atoms: RingerAtoms, residues: readonly RingerResidue[], sample: MapSampler): RingerScanResult {
  const scans: RingerScan[] = [];
  let skippedMissingAtoms = 0;
  let skippedOutsideMap = 0;
  const find = (r: RingerResidue, atomName: string): Point | undefined => {
    for (let i = r.start; i < r.end; i++) if (atoms.name[i] === atomName) return [atoms.x[i]!, atoms.y[i]!, atoms.z[i]!];
    return undefined;
  };
  for (const r of residues) {
    const gammaName = EMRINGER_GAMMA_ATOM[r.name];
    if (gammaName === undefined) continue;
    const n = find(r, 'N');
    const ca = find(r, 'CA');
    const cb = find(r, 'CB');
    const g = find(r, gammaName);
    const chi1 = n && ca && cb && g ? dihedralDeg(n, ca, cb, g) : Number.NaN;
    // Missing atoms, or atoms on top of each other or in a line (no dihedral, no rotation axis).
    if (!Number.isFinite(chi1)) {
      skippedMissingAtoms++;
      continue;
    }
    const densities = new Float64Array(RINGER_SAMPLES);
    let inside = true;
    for (let k = 0; k < RINGER_SAMPLES; k++) {
      const p = rotateAboutAxis(g!, ca!, cb!, RINGER_STEP_DEG * (k + 1) - chi1);
      const v = sample(p[0], p[1], p[2]);
      if (!Number.isFinite(v)) {
        inside = false;
        break;
      }
      densities[k] = v;
    }
    if (!inside) {
      skippedOutsideMap++;
      continue;
    }
    scans.push({ chain: r.chain, seq: r.seq, insertionCode: r.insertionCode, name: r.name, chi1, densities });
  }
  return { scans, skippedMissingAtoms, skippedOutsideMap };
}

/** Index (0…71) of every sample equal to the scan's maximum: ties all count, as in the reference. */
function peakIndices(densities: Float64Array): { max: number; indices: number[] } {
  let max = -Infinity;
  for (let k = 0; k < densities.length; k++) if (densities[k]! > max) max = densities[k]!;
  const indices: number[] = [];
  for (let k = 0; k < densities.length; k++) if (densities[k] === max) indices.push(k);
  return { max, indices };
}

/**
 * The six bins of 12 peak-count indices starting at index 6 (6–17, 18–29, …, 66–5 wrapping); the
 * reference labels index k as 5k°, so bin 0 is "around 60°". Bins 0, 2, 4 are rotameric.
 */
export function binPeakCounts(peakCounts: ArrayLike<number>): number[] {
  const bins = [0, 0, 0, 0, 0, 0];
  for (let b = 0; b < 6; b++) for (let j = 0; j < 12; j++) bins[b]! += peakCounts[(6 + 12 * b + j) % RINGER_SAMPLES]!;
  return bins;
}

/** True for a peak index the scorer counts as rotameric (bins 0, 2, 4). */
export function isRotamericIndex(k: number): boolean {
  const bin = Math.floor((((k - 6) % 72) + 72) % 72 / 12);
  return bin % 2 === 0;
}

/** Z of k rotameric peaks out of n against the binomial with p = 39/72 (normal approximation), and k/n. */
export function rotamerStatistic(rotameric: number, total: number): { zScore: number; rotamerRatio: number } {
  if (total === 0) return { zScore: 0, rotamerRatio: 0 };
  const zScore = (rotameric - total * P_ROTAMERIC) / Math.sqrt(total * P_ROTAMERIC * (1 - P_ROTAMERIC));
  return { zScore, rotamerRatio: rotameric / total };
}

export interface EmringerThresholdStep {
  threshold: number;
  peaks: number;
  rotameric: number;
  zScore: number;
  rotamerRatio: number;
  /** 10·Z/√L. */
  score: number;
}

export interface EmringerScore {
  /** The 20 thresholds avg + k·(max − avg)/20. */
  thresholds: number[];
  /** Thresholds scanned, up to (not including) the first whose rotamer ratio is 0. */
  steps: EmringerThresholdStep[];
  /** Index into `steps` of the maximum Z (first on ties); −1 when no threshold could be scored. */
  optimalIndex: number;
  optimalThreshold: number;
  rotamerRatio: number;
  maxZScore: number;
  emringerScore: number;
  /** L: the number of residues scanned. */
  modelLength: number;
  /** Peak counts per sample index (0…71) at the optimal threshold. */
  peakCountsAtOptimum: number[];
  /** False when every scan has the same mean and max (a flat map): nothing to threshold. */
  hasFeatures: boolean;
}

/** The threshold scan and the EMRinger score of a set of ringer scans. */
export function emringerScore(scans: readonly RingerScan[]): EmringerScore {
  const L = scans.length;
  const empty: EmringerScore = { thresholds: [], steps: [], optimalIndex: -1, optimalThreshold: NaN, rotamerRatio: NaN, maxZScore: NaN, emringerScore: NaN, modelLength: L, peakCountsAtOptimum: [], hasFeatures: false };
  if (L === 0) return empty;
  const peaks = scans.map((s) => peakIndices(s.densities));
  let maxMax = -Infinity;
  let meanSum = 0;
  for (const [i, s] of scans.entries()) {
    maxMax = Math.max(maxMax, peaks[i]!.max);
    let m = 0;
    for (const v of s.densities) m += v;
    meanSum += m / s.densities.length;
  }
  const avgAvg = meanSum / L;
  const thresholds = Array.from({ length: EMRINGER_THRESHOLDS }, (_, k) => avgAvg + (k * (maxMax - avgAvg)) / EMRINGER_THRESHOLDS);
  if (!(maxMax > avgAvg)) return { ...empty, thresholds };
  const steps: EmringerThresholdStep[] = [];
  const countsPerStep: number[][] = [];
  for (const threshold of thresholds) {
    const counts = new Array<number>(RINGER_SAMPLES).fill(0);
    for (const p of peaks) if (p.max > threshold) for (const k of p.indices) counts[k]!++;
    const bins = binPeakCounts(counts);
    const total = bins.reduce((a, b) => a + b, 0);
    const rotameric = bins[0]! + bins[2]! + bins[4]!;
    const { zScore, rotamerRatio } = rotamerStatistic(rotameric, total);
    if (rotamerRatio === 0) break;
    steps.push({ threshold, peaks: total, rotameric, zScore, rotamerRatio, score: (10 * zScore) / Math.sqrt(L) });
    countsPerStep.push(counts);
  }
  if (steps.length === 0) return { ...empty, thresholds, hasFeatures: true };
  let best = 0;
  for (let i = 1; i < steps.length; i++) if (steps[i]!.zScore > steps[best]!.zScore) best = i;
  const s = steps[best]!;
  return {
    thresholds,
    steps,
    optimalIndex: best,
    optimalThreshold: s.threshold,
    rotamerRatio: s.rotamerRatio,
    maxZScore: s.zScore,
    emringerScore: s.score,
    modelLength: L,
    peakCountsAtOptimum: countsPerStep[best]!,
    hasFeatures: true,
  };
}

export interface RollingWindowPoint {
  /** Residue number at the window's centre. */
  seq: number;
  /** Scanned residues in seq−10…seq+10. */
  total: number;
  /** Of those, with a peak above the threshold. */
  aboveThreshold: number;
  /** Of those above, with the peak within 30° of 60°, 180° or 300° (peak labelled 5k°). */
  rotameric: number;
  /**
   * Binomial Z of `rotameric` out of `aboveThreshold` against 39/72 — the chance that a random 5k°
   * label lies within 30° of a rotamer (13 of 72 labels each) — so the window reads on the scale of
   * the global Z; 0 when no residue is above the threshold.
   */
  zScore: number;
}

/**
 * EMRinger's rolling windows: for every scanned residue of a chain, the residues whose number is within
 * ±`extension` (10: 21-residue windows), how many have their χ1 peak above `threshold` and how many of
 * those peak near a rotamer. The reference plots rotameric/above and above/total along the chain; its
 * program runs this at threshold 0 in map units. The window's Z-score is ours.
 */
export function rollingWindows(scans: readonly RingerScan[], threshold = 0, extension = 10): Map<string, RollingWindowPoint[]> {
  const byChain = new Map<string, Map<number, { above: boolean; rotameric: boolean }>>();
  for (const s of scans) {
    const { max, indices } = peakIndices(s.densities);
    const chi = RINGER_STEP_DEG * indices[0]!;
    const deviation = Math.min(Math.abs(chi - 60), Math.abs(chi - 180), Math.abs(chi - 300));
    let chain = byChain.get(s.chain);
    if (!chain) byChain.set(s.chain, (chain = new Map()));
    // Keyed by number as the reference: an insertion-code residue replaces its namesake.
    chain.set(s.seq, { above: max > threshold, rotameric: deviation <= 30 });
  }
  const out = new Map<string, RollingWindowPoint[]>();
  for (const [chainId, chain] of byChain) {
    const seqs = [...chain.keys()].sort((a, b) => a - b);
    const points: RollingWindowPoint[] = [];
    for (const centre of seqs) {
      let total = 0;
      let aboveThreshold = 0;
      let rotameric = 0;
      for (let j = -extension; j <= extension; j++) {
        const r = chain.get(centre + j);
        if (!r) continue;
        total++;
        if (r.above) {
          aboveThreshold++;
          if (r.rotameric) rotameric++;
        }
      }
      points.push({ seq: centre, total, aboveThreshold, rotameric, zScore: rotamerStatistic(rotameric, aboveThreshold).zScore });
    }
    out.set(chainId, points);
  }
  return out;
}
