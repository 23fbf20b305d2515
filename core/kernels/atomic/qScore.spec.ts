import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { readMap } from '../../io/index.js';
import type { Vec3 } from '../../volume/index.js';
import { placedModel } from '../../../protocols/shared/placedModel.js';
import { mapReferenceRange, qScores, saffKuijlaarsSpiral, type QScoreAtoms, type QScoreMap } from './qScore.js';

function atoms(list: { x: number; y: number; z: number; element?: string }[]): QScoreAtoms {
  return {
    count: list.length,
    x: Float64Array.from(list, (a) => a.x),
    y: Float64Array.from(list, (a) => a.y),
    z: Float64Array.from(list, (a) => a.z),
    element: list.map((a) => a.element ?? 'C'),
  };
}

/**
 * The reference itself: every atom a Gaussian A·exp(−r²/2σ²) + B sampled at the voxel centres
 * origin + (i, j, k)·voxel (σ = 0.6 Å), on a grid fine enough for trilinear interpolation to be
 * nearly exact.
 */
function gaussianMap(centres: Vec3[], dims: Vec3, voxel: Vec3, origin: Vec3, sigma = 0.6, height = 3, offset = -0.2): QScoreMap {
  const [nx, ny, nz] = dims;
  const data = new Float32Array(nx * ny * nz).fill(offset);
  for (const [cx, cy, cz] of centres) {
    for (let k = 0; k < nz; k++) {
      const dz = origin[2] + k * voxel[2] - cz;
      if (Math.abs(dz) > 6 * sigma) continue;
      for (let j = 0; j < ny; j++) {
        const dy = origin[1] + j * voxel[1] - cy;
        if (Math.abs(dy) > 6 * sigma) continue;
        for (let i = 0; i < nx; i++) {
          const dx = origin[0] + i * voxel[0] - cx;
          data[(k * ny + j) * nx + i]! += height * Math.exp(-(dx * dx + dy * dy + dz * dz) / (2 * sigma * sigma));
        }
      }
    }
  }
  return { data, geometry: { dims, voxelSize: voxel, origin } };
}

describe('saffKuijlaarsSpiral', () => {
  it('gives N unit vectors from the south pole to the north pole, hand-checked for N = 8', () => {
    const p = saffKuijlaarsSpiral(8);
    expect(p.length).toBe(24);
    // k = 1: h = −1, φ = π, θ = 0 → (0, 0, −1); k = N: h = 1 → (0, 0, 1).
    expect([p[0], p[1], p[2]].map((v) => v! + 0)).toEqual([expect.closeTo(0, 12), expect.closeTo(0, 12), -1]);
    expect(p[21]).toBeCloseTo(0, 12);
    expect(p[22]).toBeCloseTo(0, 12);
    expect(p[23]).toBeCloseTo(1, 12);
    // k = 2: h = −5/7, sin φ = √24/7, θ = 3.6/√(8·24/49) = 25.2/√192 = 1.818653 rad.
    expect(p[3]).toBeCloseTo(-0.171693, 5);
    expect(p[4]).toBeCloseTo(0.678467, 5);
    expect(p[5]).toBeCloseTo(-5 / 7, 12);
    // k = 3: h = −3/7, θ = 1.818653 + 25.2/√320 = 3.227375 rad → (0.903508·cos θ, 0.903508·sin θ).
    expect(p[6]).toBeCloseTo(-0.900186, 5);
    expect(p[7]).toBeCloseTo(-0.077411, 5);
    for (const n of [8, 10, 12, 50, 198]) {
      const s = saffKuijlaarsSpiral(n);
      expect(s.length).toBe(3 * n);
      for (let k = 0; k < n; k++) expect(Math.hypot(s[3 * k]!, s[3 * k + 1]!, s[3 * k + 2]!)).toBeCloseTo(1, 12);
      // Heights are evenly spaced: h_k = −1 + 2(k − 1)/(N − 1).
      expect(s[3 * Math.floor(n / 2) + 2]).toBeCloseTo(-1 + (2 * Math.floor(n / 2)) / (n - 1), 12);
    }
  });
});

describe('mapReferenceRange', () => {
  it('is max(mean − std, min) and min(mean + 10·std, max) with the population std', () => {
    // Values 0, 0, 0, 4: mean 1, std √3 → minD = max(1 − 1.732, 0) = 0, maxD = min(1 + 17.32, 4) = 4.
    const r = mapReferenceRange([0, 0, 0, 4]);
    expect(r.std).toBeCloseTo(Math.sqrt(3), 12);
    expect(r.minD).toBe(0);
    expect(r.maxD).toBe(4);
    // 1, 2, 3: mean 2, std √(2/3) → minD = 2 − 0.8165, maxD = 3 (the max caps 2 + 8.165).
    const s = mapReferenceRange([1, 2, 3]);
    expect(s.minD).toBeCloseTo(2 - Math.sqrt(2 / 3), 12);
    expect(s.maxD).toBe(3);
  });
});

describe('qScores', () => {
  const voxel: Vec3 = [0.2, 0.2, 0.2];
  const origin: Vec3 = [10.13, -4.07, 50.31];
  const dims: Vec3 = [100, 60, 80];
  // Isolated atoms 8 Å apart, off the voxel centres.
  const centres: Vec3[] = [
    [16.037, 1.91, 56.2],
    [24.4, 2.333, 55.77],
    [24.1, 2.1, 63.4],
  ];

  it('is ≈ 1 for a map that is the reference Gaussian around every (isolated) atom', () => {
    const map = gaussianMap(centres, dims, voxel, origin);
    const model = atoms(centres.map(([x, y, z]) => ({ x, y, z })));
    const result = qScores(map, model);
    for (let a = 0; a < 3; a++) expect(result.q[a]).toBeGreaterThan(0.995);
    // Isolated atoms keep the first spiral (8 points) on all 20 shells: 8 + 20·8 map values.
    expect(Array.from(result.samples)).toEqual([168, 168, 168]);
    expect(result.sparseShells).toBe(0);
  });

  it('does not depend on the reference height and offset (a correlation is affine-invariant)', () => {
    const map = gaussianMap(centres, dims, voxel, origin, 0.9);
    const model = atoms(centres.map(([x, y, z]) => ({ x, y, z })));
    const a = qScores(map, model);
    const b = qScores(map, model, { referenceRange: { minD: -7, maxD: 123 } });
    for (let i = 0; i < 3; i++) expect(b.q[i]).toBeCloseTo(a.q[i]!, 12);
    // A wider Gaussian than the reference correlates less than the reference itself.
    expect(a.q[0]).toBeLessThan(0.99);
  });

  it('is low when the model is shifted by 2 Å from the density', () => {
    const map = gaussianMap(centres, dims, voxel, origin);
    const shifted = atoms(centres.map(([x, y, z]) => ({ x: x + 2 / Math.sqrt(3), y: y + 2 / Math.sqrt(3), z: z - 2 / Math.sqrt(3) })));
    const result = qScores(map, shifted);
    for (let a = 0; a < 3; a++) expect(result.q[a]).toBeLessThan(0.1);
    const nudged = atoms(centres.map(([x, y, z]) => ({ x: x + 0.3, y, z })));
    const mid = qScores(map, nudged);
    for (let a = 0; a < 3; a++) {
      expect(mid.q[a]).toBeGreaterThan(result.q[a]!);
      expect(mid.q[a]).toBeLessThan(0.99);
    }
  });

  it('uses voxel (i, j, k) at origin + (i, j, k)·voxel with anisotropic voxels', () => {
    const aniso: Vec3 = [0.17, 0.23, 0.29];
    const o: Vec3 = [-3.3, 7.77, 1.05];
    const c: Vec3[] = [[2.01, 12.52, 7.66]];
    const map = gaussianMap(c, [60, 45, 40], aniso, o);
    expect(qScores(map, atoms([{ x: 2.01, y: 12.52, z: 7.66 }])).q[0]).toBeGreaterThan(0.99);
    // Half a voxel off along z (what an index-vs-centre slip would give) is visibly worse.
    expect(qScores(map, atoms([{ x: 2.01, y: 12.52, z: 7.66 + 0.6 }])).q[0]).toBeLessThan(0.95);
  });

  it('keeps only points closer to their atom than 0.9·r to any other; the near shells are untouched', () => {
    // Two atoms 1.5 Å apart: a point at radius r can only be within 0.9·r of the other atom when
    // 1.5 < 1.9·r, so shells r ≤ 0.7 keep the first 8 points and later shells need more tries.
    const pair = atoms([
      { x: 20, y: 2, z: 58 },
      { x: 21.5, y: 2, z: 58 },
    ]);
    const map = gaussianMap([[20, 2, 58], [21.5, 2, 58]], dims, voxel, origin);
    const result = qScores(map, pair);
    expect(result.samples[0]).toBeGreaterThanOrEqual(168);
    expect(result.sparseShells).toBe(0);
    // A hydrogen at the same spot instead does not shadow anything and is not scored.
    const withH = atoms([
      { x: 20, y: 2, z: 58 },
      { x: 21.5, y: 2, z: 58, element: 'H' },
    ]);
    const single = gaussianMap([[20, 2, 58]], dims, voxel, origin);
    const h = qScores(single, withH);
    expect(h.samples[0]).toBe(168);
    expect(h.q[1]).toBeNaN();
    expect(h.scored.length).toBe(1);
    expect(h.q[0]).toBeGreaterThan(0.995);
  });

  it('gives 0 for an atom in a flat region and off the grid (MapQ/Chimera convention)', () => {
    const map = gaussianMap([], [20, 20, 20], [1, 1, 1], [0, 0, 0]);
    const result = qScores(map, atoms([{ x: 10, y: 10, z: 10 }, { x: 100, y: 100, z: 100 }]), { referenceRange: { minD: 0, maxD: 1 } });
    expect(result.q[0]).toBe(0);
    expect(result.q[1]).toBe(0);
    expect(result.flat).toBe(2);
    expect(result.outsideBox).toBe(1);
  });
});

const ZONE = '/work/shared/data/levelA/emd_30342_chainA_zone.mrc';
const MODEL = '/work/shared/data/levelA/7cec_chainA.cif';

describe.skipIf(!existsSync(ZONE) || !existsSync(MODEL))('qScores on EMD-30342 / 7CEC chain A (published value)', () => {
  it("agrees with MapQ's published mean Q 0.4506 (σ = 0.6) within 0.02", async () => {
    const map = await readMap(ZONE);
    const { atoms: model } = await placedModel(MODEL);
    const result = qScores({ data: map.volume.data, geometry: map.volume.geometry }, model);
    let sum = 0;
    for (const a of result.scored) sum += result.q[a]!;
    const meanQ = sum / result.scored.length;
    expect(result.scored.length).toBeGreaterThan(4000);
    expect(Math.abs(meanQ - 0.4506)).toBeLessThan(0.02);
  }, 30_000);
});
