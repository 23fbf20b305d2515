import { describe, expect, it } from 'vitest';
import { Volume, type Vec3 } from '../volume/index.js';
import { bsplineResize } from './bsplineResize.js';
import { fourierResize } from './fourierResize.js';
import { resizedBoxSize, resizeToVoxelSize } from './resizeToVoxelSize.js';
import { maxAbsDifference } from './testing.js';
import { window } from './window.js';

/** Gaussian of σ (Å) centred at c (Å), sampled at origin + index·voxel. */
function blobAt(vol: { dims: Vec3; voxelSize: Vec3; origin: Vec3 }, c: Vec3, sigma: number): Float32Array {
  const [nx, ny, nz] = vol.dims;
  const out = new Float32Array(nx * ny * nz);
  for (let z = 0, i = 0; z < nz; z++)
    for (let y = 0; y < ny; y++)
      for (let x = 0; x < nx; x++, i++) {
        const p = [x, y, z].map((j, k) => vol.origin[k]! + j * vol.voxelSize[k]!);
        out[i] = Math.exp(-((p[0]! - c[0]) ** 2 + (p[1]! - c[1]) ** 2 + (p[2]! - c[2]) ** 2) / (2 * sigma * sigma));
      }
  return out;
}

function blobVolume(dims: Vec3, voxelSize: Vec3, origin: Vec3, c: Vec3, sigma: number): Volume {
  return new Volume(blobAt({ dims, voxelSize, origin }, c, sigma), { dims, voxelSize, origin });
}

describe('window (Xmipp centred crop/pad)', () => {
  const line = (n: number) => new Volume(Float32Array.from({ length: n }, (_, i) => i + 1), { dims: [n, 1, 1], voxelSize: [2, 1, 1], origin: [10, 0, 0] });

  it('keeps voxel floor(n/2) on floor(n′/2) and moves the origin', () => {
    const crop = window(line(7), [4, 1, 1]); // shift 3 − 2 = 1
    expect(Array.from(crop.data)).toEqual([2, 3, 4, 5]);
    expect(crop.origin[0]).toBe(12);
    const pad = window(line(4), [7, 1, 1], -1); // shift 2 − 3 = −1
    expect(Array.from(pad.data)).toEqual([-1, 1, 2, 3, 4, -1, -1]);
    expect(pad.origin[0]).toBe(8);
    const odd = window(line(6), [5, 1, 1]); // shift 3 − 2 = 1
    expect(Array.from(odd.data)).toEqual([2, 3, 4, 5, 6]);
  });

  it('works per axis on 3D data and keeps the array type', () => {
    const v = new Volume(Uint8Array.from({ length: 4 * 5 * 6 }, (_, i) => i % 251), { dims: [4, 5, 6], voxelSize: [1, 1, 1], origin: [0, 0, 0] });
    const w = window(v, [6, 3, 6]);
    expect(w.data).toBeInstanceOf(Uint8Array);
    // output (x, y, z) ← input (x − 1, y + 1, z)
    expect(w.get(3, 1, 4)).toBe(v.get(2, 2, 4));
    expect(w.get(0, 0, 0)).toBe(0);
  });
});

describe('fourierResize', () => {
  it('resamples a band-limited blob exactly (grow, shrink, odd sizes)', async () => {
    for (const [n, m] of [
      [32, 48],
      [32, 24],
      [32, 27],
      [31, 45],
    ] as [number, number][]) {
      const dims: Vec3 = [n, n, n];
      const c: Vec3 = [15.5, 16, 14.25];
      const v = blobVolume(dims, [1, 1, 1], [0, 0, 0], c, 3);
      const r = await fourierResize(v, [m, m, m], { threads: 1 });
      expect(r.voxelSize[0]).toBeCloseTo(n / m, 12);
      expect(r.origin).toEqual([0, 0, 0]);
      expect(maxAbsDifference(r.data, blobAt(r.geometry, c, 3))).toBeLessThan(5e-6); // float32, e^−14 wrap
    }
  });

  it('is the identity for unchanged dims, also on one axis of several', async () => {
    const v = blobVolume([16, 15, 14], [1, 1, 1], [0, 0, 0], [7.5, 7, 6.2], 2);
    // a Nyquist-rich signal: random values, not band-limited
    v.data.forEach((_, i) => (v.data[i] = Math.sin(i * 12.9898) * 43758.5453 % 1));
    const same = await fourierResize(v, [16, 15, 14], { threads: 1 });
    expect(maxAbsDifference(same.data, v.data)).toBeLessThan(1e-5);
    // grow y only: x (even) and z (even) keep their size, their Nyquist bins must pass unchanged
    const grown = await fourierResize(v, [16, 30, 14], { threads: 1 });
    for (let z = 0; z < 14; z++) for (let x = 0; x < 16; x++) expect(grown.get(x, 2 * 3, z)).toBeCloseTo(v.get(x, 3, z), 5);
  });

  it('handles different factors per axis', async () => {
    // σ = 2.5 Å is ≤ 2.8 voxels on every axis, ≥ 6σ from the box faces, band-limited on the new grids
    const c: Vec3 = [15, 19.2, 16.2];
    const v = blobVolume([30, 32, 36], [1, 1.2, 0.9], [0, 0, 0], c, 2.5);
    const r = await fourierResize(v, [40, 28, 30], { threads: 1 });
    expect(r.voxelSize.map((s) => +s.toFixed(12))).toEqual([0.75, 1.2 * 32 / 28, 1.08].map((s) => +s.toFixed(12)));
    expect(maxAbsDifference(r.data, blobAt(r.geometry, c, 2.5))).toBeLessThan(5e-6);
  });
});

describe('bsplineResize', () => {
  it('is the identity at factor 1 and hits the input nodes at factor 2', () => {
    const v = blobVolume([9, 8, 7], [1, 1, 1], [0, 0, 0], [4, 3.5, 3], 1.5);
    expect(maxAbsDifference(bsplineResize(v, 1).data, v.data)).toBeLessThan(1e-6);
    const up = bsplineResize(v, 2); // 18×16×14; output floor(2n/2) + 2(i − floor(n/2)) sits on input i
    expect(up.dims).toEqual([18, 16, 14]);
    const at = (i: number, n: number) => n + 2 * (i - Math.floor(n / 2));
    for (const [x, y, z] of [[0, 0, 0], [4, 3, 2], [8, 7, 6]] as Vec3[]) expect(up.get(at(x, 9), at(y, 8), at(z, 7))).toBeCloseTo(v.get(x, y, z), 6);
  });

  it('reproduces a linear ramp away from the box edges', () => {
    const v = new Volume(Float32Array.from({ length: 40 }, (_, i) => 3 + 0.5 * i), { dims: [40, 1, 1], voxelSize: [1, 1, 1], origin: [0, 0, 0] });
    const r = bsplineResize(v, [0.7, 1, 1]);
    for (let j = 8; j < r.nx - 8; j++) {
      const t = 20 + (j - Math.floor(r.nx / 2)) / 0.7;
      expect(r.data[j]).toBeCloseTo(3 + 0.5 * t, 5);
    }
  });

  it('shrinks a smooth blob onto the analytic blob at the new positions', () => {
    const c: Vec3 = [20.3, 19.1, 21.7];
    const v = blobVolume([40, 40, 40], [1, 1, 1], [5, -3, 2], c, 4);
    const r = bsplineResize(v, 0.75);
    expect(r.dims).toEqual([30, 30, 30]);
    expect(r.voxelSize[0]).toBeCloseTo(4 / 3, 12);
    expect(maxAbsDifference(r.data, blobAt(r.geometry, c, 4))).toBeLessThan(2e-3);
  });
});

describe('resizeToVoxelSize (vrs-spec §3.4)', () => {
  it('gives the box sizes of the example reports', () => {
    expect(resizedBoxSize(184, 2.89, 9.0)).toEqual({ resized: 59, final: 58 }); // EMD-5107
    expect(resizedBoxSize(192, 1.33, 2.4)).toEqual({ resized: 106, final: 106 }); // EMD-5138
    expect(resizedBoxSize(432, 0.869, 2.45)).toEqual({ resized: 153, final: 152 }); // EMD-23398
  });

  it('down-samples a blob to the analytic blob at the new sampling, positions in Å kept', async () => {
    const c: Vec3 = [21.4, 19.2, 20.6];
    const v = blobVolume([40, 40, 40], [1, 1, 1], [0, 0, 0], c, 4);
    const r = await resizeToVoxelSize(v, 1.6, { threads: 1 });
    expect(r.resizedDims).toEqual([25, 25, 25]);
    expect(r.volume.dims).toEqual([24, 24, 24]);
    expect(r.volume.voxelSize).toEqual([1.6, 1.6, 1.6]);
    expect(r.lowPassed).toBe(true);
    expect(maxAbsDifference(r.volume.data, blobAt(r.volume.geometry, c, 4))).toBeLessThan(3e-3);
  });

  it('up-samples without low-pass; sizeRatio reproduces the Xmipp stretch', async () => {
    const c: Vec3 = [15.2, 14.7, 15.9]; // centred: the mirror boundary sees only tails
    const v = blobVolume([21, 21, 21], [1.5, 1.5, 1.5], [0, 0, 0], c, 4);
    const r = await resizeToVoxelSize(v, 1.1, { threads: 1 });
    expect(r.lowPassed).toBe(false);
    expect(r.volume.dims).toEqual([28, 28, 28]); // 21·1.5/1.1 = 28.6 → 28 → even 28
    expect(maxAbsDifference(r.volume.data, blobAt(r.volume.geometry, c, 4))).toBeLessThan(3e-3);
    const x = await resizeToVoxelSize(v, 1.1, { threads: 1, scaleRule: 'sizeRatio' });
    // stretched by 28/(21·1.5/1.1) relative to the label: off the analytic blob by more
    expect(maxAbsDifference(x.volume.data, blobAt(x.volume.geometry, c, 4))).toBeGreaterThan(5e-3);
  });
});
