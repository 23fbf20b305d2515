import { describe, expect, it } from 'vitest';
import { SeededRandom } from '../stats/index.js';
import { Volume, type Vec3 } from '../volume/index.js';
import { centerOfMass } from './centerOfMass.js';
import { maskExtent } from './maskExtent.js';
import { maxVarianceSliceIndex } from './maxVarianceSliceIndex.js';
import { centralSliceIndex, orthogonalSlice } from './orthogonalSlice.js';
import { projection } from './projection.js';
import { maskWith, sampledGaussian } from './testing.js';

/** value = x + 100·y + 10000·z: every voxel says where it is. */
function coded(dims: Vec3): Volume {
  const v = Volume.zeros(dims);
  for (let z = 0; z < dims[2]; z++) for (let y = 0; y < dims[1]; y++) for (let x = 0; x < dims[0]; x++) v.data[v.index(x, y, z)] = x + 100 * y + 10000 * z;
  return v;
}

describe('centerOfMass', () => {
  it('finds the centre of an off-grid Gaussian blob', () => {
    const c: Vec3 = [15.3, 14.7, 13.2]; // ≥ 6σ from every face: truncation below 1e-8
    const r = centerOfMass(sampledGaussian([32, 30, 28], c, 2));
    r.center.forEach((v, k) => expect(v).toBeCloseTo(c[k]!, 5)); // float32 samples
  });

  it('reproduces the raw-density bug and its correction (vrs-spec §6.1 B1)', () => {
    const c: Vec3 = [14, 15, 16];
    const blob = sampledGaussian([30, 30, 30], c, 2);
    let sum = 0;
    blob.data.forEach((v) => (sum += v));
    // a negative background that nearly cancels the mass: raw COM runs far away
    const offset = (-sum * (1 - 1e-4)) / blob.size;
    blob.data.forEach((v, i) => (blob.data[i] = v + offset));
    const raw = centerOfMass(blob);
    expect(Math.abs(raw.center[0])).toBeGreaterThan(1000);
    const mask = maskWith([30, 30, 30], []);
    for (let z = 8; z < 24; z++) for (let y = 8; y < 24; y++) for (let x = 8; x < 24; x++) mask.data[mask.index(x, y, z)] = 1;
    const fixed = centerOfMass(blob, { mask, positiveOnly: true });
    fixed.center.forEach((v, k) => expect(v).toBeCloseTo(c[k]!, 3));
  });

  it('returns NaN with zero total weight', () => {
    expect(centerOfMass(Volume.zeros([3, 3, 3])).center.every(Number.isNaN)).toBe(true);
  });
});

describe('maskExtent', () => {
  it('gives the first and last planes holding the mask', () => {
    const m = maskWith([10, 12, 14], [[3, 5, 7], [6, 2, 9], [4, 11, 1]]);
    expect(maskExtent(m)).toEqual({ first: [3, 2, 1], last: [6, 11, 9] });
    expect(maskExtent(maskWith([4, 4, 4], []))).toBeNull();
  });
});

describe('slices and projections', () => {
  const dims: Vec3 = [5, 6, 7];
  const v = coded(dims);

  it('orients slices as numpy slicing of [z][y][x]', () => {
    const sz = orthogonalSlice(v, 'z', 4); // V[4, :, :]
    expect([sz.width, sz.height]).toEqual([5, 6]);
    expect(sz.data[2 * 5 + 3]).toBe(3 + 200 + 40000); // row y = 2, col x = 3
    const sy = orthogonalSlice(v, 'y', 1); // V[:, 1, :]
    expect([sy.width, sy.height]).toEqual([5, 7]);
    expect(sy.data[6 * 5 + 4]).toBe(4 + 100 + 60000); // row z = 6, col x = 4
    const sx = orthogonalSlice(v, 'x', 2); // V[:, :, 2]
    expect([sx.width, sx.height]).toEqual([6, 7]);
    expect(sx.data[3 * 6 + 5]).toBe(2 + 500 + 30000); // row z = 3, col y = 5
    expect(() => orthogonalSlice(v, 'x', 5)).toThrow(RangeError);
    expect(centralSliceIndex(dims)).toEqual([2, 3, 3]);
  });

  it('projects by summing along the axis', () => {
    // Σ_z (x + 100y + 10000z) = 7(x + 100y) + 10000·21
    const pz = projection(v, 'z');
    expect(pz.data[4 * 5 + 1]).toBe(7 * (1 + 400) + 210000);
    // Σ_x = 10 + 5(100y + 10000z)
    const px = projection(v, 'x');
    expect(px.data[2 * 6 + 3]).toBe(10 + 5 * (300 + 20000));
  });

  it('picks the slice of largest variance, the first on ties', () => {
    const n: Vec3 = [8, 8, 8];
    const w = Volume.zeros(n);
    const rnd = new SeededRandom(5);
    for (let i = 0; i < w.size; i++) w.data[i] = rnd.normal() * 0.1;
    for (let y = 0; y < 8; y++) for (let x = 0; x < 8; x++) w.data[w.index(x, y, 5)] = (x + y) % 2 ? 3 : -3;
    expect(maxVarianceSliceIndex(w, 'z')).toBe(5);
    const flat = Volume.zeros(n);
    expect(maxVarianceSliceIndex(flat, 'x')).toBe(0);
    // a constant offset per slice does not count, only the spread within it
    for (let i = 0; i < 64; i++) flat.data[i] = 100;
    flat.data[3 * 64 + 9] = 1;
    expect(maxVarianceSliceIndex(flat, 'z')).toBe(3);
  });
});
