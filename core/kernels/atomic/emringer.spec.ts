import { describe, expect, it } from 'vitest';
import { Volume } from '../../volume/index.js';
import {
  binPeakCounts,
  dihedralDeg,
  emringerScore,
  isRotamericIndex,
  ringerScan,
  rollingWindows,
  rotamerStatistic,
  rotateAboutAxis,
  type RingerScan,
} from './emringer.js';
import { mapSampler, type MapSampler } from './mapSampler.js';
import { ringerTestAtoms, toRingerInput } from './testing/emringerTestModel.js';

type Point = [number, number, number];
const dist = (a: Point, b: Point) => Math.hypot(a[0] - b[0], a[1] - b[1], a[2] - b[2]);
const angle = (a: Point, b: Point, c: Point) => {
  const u = [a[0] - b[0], a[1] - b[1], a[2] - b[2]];
  const v = [c[0] - b[0], c[1] - b[1], c[2] - b[2]];
  return (Math.acos((u[0]! * v[0]! + u[1]! * v[1]! + u[2]! * v[2]!) / (Math.hypot(...u) * Math.hypot(...v))) * 180) / Math.PI;
};

/** An analytic map: a Gaussian (σ 0.6 Å) at each given point, evaluated exactly wherever asked. */
function gaussianSampler(points: readonly Point[], sigma = 0.6): MapSampler {
  return (x, y, z) => {
    let s = 0;
    for (const p of points) s += Math.exp(-((x - p[0]) ** 2 + (y - p[1]) ** 2 + (z - p[2]) ** 2) / (2 * sigma * sigma));
    return s;
  };
}

/** γ atoms of a test model (the last atom of each residue). */
function gammaPoints(chi1s: number[]): Point[] {
  return ringerTestAtoms(chi1s)
    .filter((a) => !['N', 'CA', 'C', 'O', 'CB'].includes(a.name))
    .map((a) => a.xyz);
}

describe('geometry', () => {
  it('dihedral sign is IUPAC: D at (cos 60°, sin 60°, 1) seen along B→C from A at +x is +60°', () => {
    const c60 = Math.cos(Math.PI / 3);
    const s60 = Math.sin(Math.PI / 3);
    expect(dihedralDeg([1, 0, 0], [0, 0, 0], [0, 0, 1], [c60, s60, 1])).toBeCloseTo(60, 10);
    expect(dihedralDeg([1, 0, 0], [0, 0, 0], [0, 0, 1], [c60, -s60, 1])).toBeCloseTo(-60, 10);
    expect(Math.abs(dihedralDeg([1, 0, 0], [0, 0, 0], [0, 0, 1], [-1, 0, 1]))).toBeCloseTo(180, 10);
  });

  it('turning γ about CA→CB keeps the CB–γ bond and the CA–CB–γ angle and adds the turn to χ1', () => {
    const atoms = ringerTestAtoms([73]);
    const get = (n: string) => atoms.find((a) => a.name === n)!.xyz;
    const [n, ca, cb, cg] = [get('N'), get('CA'), get('CB'), get('CG')];
    expect(dihedralDeg(n, ca, cb, cg)).toBeCloseTo(73, 8);
    for (const turn of [5, 47, 180, 287, 355]) {
      const p = rotateAboutAxis(cg, ca, cb, turn);
      expect(dist(cb, p)).toBeCloseTo(dist(cb, cg), 10);
      expect(angle(ca, cb, p)).toBeCloseTo(angle(ca, cb, cg), 8);
      expect(angle(ca, cb, p)).toBeCloseTo(114, 8);
      const expected = ((((73 + turn + 180) % 360) + 360) % 360) - 180;
      expect(dihedralDeg(n, ca, cb, p)).toBeCloseTo(expected, 8);
    }
  });
});

describe('statistics', () => {
  it('bins start at index 6, twelve wide, wrapping; bins 0, 2, 4 rotameric', () => {
    const counts = new Array<number>(72).fill(0);
    for (const k of [0, 5, 6, 17, 18, 29, 30, 41, 54, 65, 66, 71]) counts[k]! += 1;
    expect(binPeakCounts(counts)).toEqual([2, 2, 2, 0, 2, 4]);
    expect([5, 6, 17, 18, 30, 41, 42, 54, 65, 66, 71, 0].map(isRotamericIndex)).toEqual([false, true, true, false, true, true, false, true, true, false, false, false]);
  });

  it('Z of 16 rotameric peaks out of 20 (hand computation: (16 − 20·39/72)/√(20·39/72·33/72) = 2.31867)', () => {
    const counts = new Array<number>(72).fill(0);
    counts[11] = 10; // bin 0
    counts[23] = 4; // bin 1
    counts[35] = 6; // bin 2
    const bins = binPeakCounts(counts);
    const k = bins[0]! + bins[2]! + bins[4]!;
    const n = bins.reduce((a, b) => a + b, 0);
    expect([k, n]).toEqual([16, 20]);
    const { zScore, rotamerRatio } = rotamerStatistic(k, n);
    expect(zScore).toBeCloseTo(2.3186685, 6);
    expect(rotamerRatio).toBe(0.8);
  });
});

describe('ringer scan and score on an analytic map (density exactly at the model γ atoms)', () => {
  // χ1 multiples of 5°: the scan hits each γ atom exactly, so every residue's peak has the same height
  // and every threshold counts all residues — the score has a closed form.
  const rotamers = [60, 180, 300];
  const n = 36;

  it('all side chains rotameric: score = 10·√(33/39) = 9.19866 (every peak rotameric, Z = √n·√(33/39))', () => {
    const chi1s = Array.from({ length: n }, (_, i) => rotamers[i % 3]!);
    const { atoms, residues } = toRingerInput(ringerTestAtoms(chi1s));
    const { scans, skippedMissingAtoms, skippedOutsideMap } = ringerScan(atoms, residues, gaussianSampler(gammaPoints(chi1s)));
    expect([scans.length, skippedMissingAtoms, skippedOutsideMap]).toEqual([n, 0, 0]);
    for (const s of scans) {
      // Peak sampled at χ = 5(k+1)°, so the rotamer at χ shows at index χ/5 − 1.
      const k = s.densities.indexOf(Math.max(...s.densities));
      expect(k).toBe(Math.round(s.chi1 < 0 ? s.chi1 + 360 : s.chi1) / 5 - 1);
    }
    const r = emringerScore(scans);
    expect(r.modelLength).toBe(n);
    expect(r.steps).toHaveLength(20);
    expect(r.rotamerRatio).toBe(1);
    expect(r.maxZScore).toBeCloseTo(Math.sqrt(n) * Math.sqrt(33 / 39), 9);
    expect(r.emringerScore).toBeCloseTo(9.198662, 5);
    expect(r.optimalIndex).toBe(0);
    expect(r.peakCountsAtOptimum.reduce((a, b) => a + b, 0)).toBe(n);
  });

  it('a third rotameric, the rest at 0°/120°/240° ± 15°: score = 10·(1/3 − 39/72)/√(39·33/72²) = −4.18121', () => {
    const off = [0, 120, 240];
    const chi1s = Array.from({ length: n }, (_, i) => (i % 3 === 0 ? rotamers[(i / 3) % 3]! : off[i % 3]! + [-15, -5, 5, 15][i % 4]!));
    const { atoms, residues } = toRingerInput(ringerTestAtoms(chi1s));
    const r = emringerScore(ringerScan(atoms, residues, gaussianSampler(gammaPoints(chi1s))).scans);
    expect(r.rotamerRatio).toBeCloseTo(1 / 3, 12);
    expect(r.emringerScore).toBeCloseTo(-4.181210, 5);
  });

  it('all side chains off-rotamer: no threshold has a rotameric peak, the scan stops at once (no score)', () => {
    const chi1s = Array.from({ length: n }, (_, i) => [0, 120, 240][i % 3]! + 10);
    const { atoms, residues } = toRingerInput(ringerTestAtoms(chi1s));
    const r = emringerScore(ringerScan(atoms, residues, gaussianSampler(gammaPoints(chi1s))).scans);
    expect(r.steps).toHaveLength(0);
    expect(r.optimalIndex).toBe(-1);
    expect(Number.isNaN(r.emringerScore)).toBe(true);
  });
});

describe('interpolation on the voxel grid', () => {
  // A smooth field sampled on a grid with a non-integer origin and anisotropic voxels.
  const dims: Point = [20, 22, 24];
  const voxel: Point = [0.7, 0.8, 0.9];
  const origin: Point = [3.3, -2.1, 10.45];
  const f = (x: number, y: number, z: number) => Math.sin(0.31 * x) * Math.cos(0.23 * y) + 0.05 * z;
  const data = new Float32Array(dims[0] * dims[1] * dims[2]);
  for (let k = 0; k < dims[2]; k++) for (let j = 0; j < dims[1]; j++) for (let i = 0; i < dims[0]; i++) data[(k * dims[1] + j) * dims[0] + i] = f(origin[0] + i * voxel[0], origin[1] + j * voxel[1], origin[2] + k * voxel[2]);
  const volume = new Volume(data, { dims, voxelSize: voxel, origin });

  it('both interpolators return the voxel value at voxel (i, j, k) = origin + (i, j, k)·voxel, NaN off the edge', () => {
    for (const kind of ['trilinear', 'tricubic'] as const) {
      const s = mapSampler(volume, kind);
      const p: Point = [origin[0] + 7 * voxel[0], origin[1] + 9 * voxel[1], origin[2] + 11 * voxel[2]];
      expect(s(...p)).toBeCloseTo(data[(11 * dims[1] + 9) * dims[0] + 7]!, 6);
      expect(Number.isNaN(s(origin[0] - 0.1, 0, 15))).toBe(true);
    }
  });

  it('tricubic is closer than trilinear to the field between voxels', () => {
    const lin = mapSampler(volume, 'trilinear');
    const cub = mapSampler(volume, 'tricubic');
    let eLin = 0;
    let eCub = 0;
    for (let t = 0; t < 200; t++) {
      const x = origin[0] + 2 * voxel[0] + ((t * 0.618) % 1) * 15 * voxel[0];
      const y = origin[1] + 2 * voxel[1] + ((t * 0.414) % 1) * 17 * voxel[1];
      const z = origin[2] + 2 * voxel[2] + ((t * 0.732) % 1) * 19 * voxel[2];
      eLin = Math.max(eLin, Math.abs(lin(x, y, z) - f(x, y, z)));
      eCub = Math.max(eCub, Math.abs(cub(x, y, z) - f(x, y, z)));
    }
    expect(eCub).toBeLessThan(eLin / 3);
    expect(eCub).toBeLessThan(2e-3);
  });
});

describe('rolling windows', () => {
  const scan = (chain: string, seq: number, peakIndex: number, height: number): RingerScan => {
    const densities = new Float64Array(72).fill(-1);
    densities[peakIndex] = height;
    return { chain, seq, insertionCode: '', name: 'LEU', chi1: 0, densities };
  };

  it('counts residues within ±10 by number, those above the threshold, and those peaking within 30° of a rotamer', () => {
    // Peak labels 5k°: index 12 → 60° (rotameric), 24 → 120° (off by 60°), 18 → 90° (off by exactly 30°: rotameric).
    const scans = [scan('A', 1, 12, 1), scan('A', 5, 24, 1), scan('A', 11, 18, 1), scan('A', 12, 12, -0.5), scan('A', 30, 36, 2), scan('B', 1, 24, 1)];
    const w = rollingWindows(scans, 0, 10);
    const counts = (p: { seq: number; total: number; aboveThreshold: number; rotameric: number }) => ({ seq: p.seq, total: p.total, aboveThreshold: p.aboveThreshold, rotameric: p.rotameric });
    expect(w.get('A')!.map(counts)).toEqual([
      { seq: 1, total: 3, aboveThreshold: 3, rotameric: 2 },
      { seq: 5, total: 4, aboveThreshold: 3, rotameric: 2 },
      { seq: 11, total: 4, aboveThreshold: 3, rotameric: 2 },
      { seq: 12, total: 3, aboveThreshold: 2, rotameric: 1 },
      { seq: 30, total: 1, aboveThreshold: 1, rotameric: 1 },
    ]);
    expect(w.get('B')!.map(counts)).toEqual([{ seq: 1, total: 1, aboveThreshold: 1, rotameric: 0 }]);
    // Window Z by hand: 2 of 3 → (2 − 3·39/72)/√(3·39·33/72²) = 0.43452; 0 of 1 → −1.08711.
    expect(w.get('A')![0]!.zScore).toBeCloseTo(0.434524, 5);
    expect(w.get('B')![0]!.zScore).toBeCloseTo(-1.087115, 5);
  });
});
