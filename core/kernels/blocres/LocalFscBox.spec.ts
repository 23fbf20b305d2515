import { describe, expect, it } from 'vitest';
import { SeededRandom } from '../../stats/index.js';
import type { Vec3 } from '../../volume/index.js';
import { bsoftCrossing } from './bsoftCrossing.js';
import { LocalFscBox } from './LocalFscBox.js';

/**
 * Bsoft's local FSC of one box written the slow, obvious way: extract, Hann taper towards the
 * box mean, pad with the mean (box centred in the padded grid), a plain DFT double loop over the
 * whole padded grid, then the shell sums with linear splitting over the half spectrum x < P/2.
 */
function referenceFsc(h1: Float32Array, h2: Float32Array, dims: Vec3, corner: Vec3, box: number, P: number, ts: number, hiRes: number): number[] {
  const [nx, ny] = dims;
  const hann = (i: number) => 0.5 * (1 - Math.cos((2 * Math.PI * i) / (box - 1)));
  const padded = (map: Float32Array) => {
    let mean = 0;
    for (let z = 0; z < box; z++) for (let y = 0; y < box; y++) for (let x = 0; x < box; x++) mean += map[((corner[2] + z) * ny + corner[1] + y) * nx + corner[0] + x]!;
    mean /= box ** 3;
    const out = new Float64Array(P ** 3).fill(mean);
    const off = Math.floor((P - box) / 2);
    for (let z = 0; z < box; z++) for (let y = 0; y < box; y++) for (let x = 0; x < box; x++) {
      const v = map[((corner[2] + z) * ny + corner[1] + y) * nx + corner[0] + x]!;
      out[((z + off) * P + y + off) * P + x + off] = mean + (v - mean) * hann(x) * hann(y) * hann(z);
    }
    return out;
  };
  const p1 = padded(h1);
  const p2 = padded(h2);
  const dft = (v: Float64Array, kx: number, ky: number, kz: number): [number, number] => {
    let re = 0;
    let im = 0;
    for (let z = 0; z < P; z++) for (let y = 0; y < P; y++) for (let x = 0; x < P; x++) {
      const phase = (-2 * Math.PI * (kx * x + ky * y + kz * z)) / P;
      const value = v[(z * P + y) * P + x]!;
      re += value * Math.cos(phase);
      im += value * Math.sin(phase);
    }
    return [re, im];
  };
  const radScale = P * ts;
  const maxrad = Math.floor(2 + radScale / hiRes + 1e-9);
  const num = new Array<number>(maxrad).fill(0);
  const f1 = new Array<number>(maxrad).fill(0);
  const f2 = new Array<number>(maxrad).fill(0);
  const signed = (k: number) => (k > Math.floor((P - 1) / 2) ? k - P : k);
  for (let kz = 0; kz < P; kz++) for (let ky = 0; ky < P; ky++) for (let kx = 0; kx < Math.floor(P / 2); kx++) {
    // frequencies in Å⁻¹ times rad_scale: the radius in Fourier voxels
    const fx = signed(kx) / radScale, fy = signed(ky) / radScale, fz = signed(kz) / radScale;
    const r = radScale * Math.sqrt(fx * fx + fy * fy + fz * fz);
    const i = Math.floor(r);
    if (i + 1 >= maxrad) continue;
    const frac = r - i;
    const [ar, ai] = dft(p1, kx, ky, kz);
    const [br, bi] = dft(p2, kx, ky, kz);
    const c = ar * br + ai * bi;
    num[i] += (1 - frac) * c; num[i + 1] += frac * c;
    f1[i] += (1 - frac) * (ar * ar + ai * ai); f1[i + 1] += frac * (ar * ar + ai * ai);
    f2[i] += (1 - frac) * (br * br + bi * bi); f2[i + 1] += frac * (br * br + bi * bi);
  }
  return num.map((n, i) => (i === 0 ? 1 : Math.max(-1, Math.min(1, n / Math.sqrt(f1[i]! * f2[i]!)))));
}

function randomMaps(dims: Vec3, seed: number, noise: number): { h1: Float32Array; h2: Float32Array } {
  const random = new SeededRandom(seed);
  const n = dims[0] * dims[1] * dims[2];
  const h1 = new Float32Array(n);
  const h2 = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    const s = 3 + random.normal();
    h1[i] = s + noise * random.normal();
    h2[i] = 0.5 * s + 7 + noise * random.normal();
  }
  return { h1, h2 };
}

describe('LocalFscBox', () => {
  it('matches a plain DFT double loop of the padded box (box 6 padded to 12)', () => {
    const dims: Vec3 = [11, 10, 9];
    const { h1, h2 } = randomMaps(dims, 7, 0.8);
    const ts = 1.3;
    const engine = new LocalFscBox({ box: 6, pad: 1, voxelSize: ts, maxResolution: 0 });
    expect(engine.padded).toBe(12);
    // hiRes = 2·Ts: shells 0 … floor(2 + 12·1.3/2.6) − 1 = 7
    expect(engine.hiRes).toBeCloseTo(2.6, 12);
    expect(engine.shells).toBe(8);
    for (const corner of [[0, 0, 0], [3, 2, 1], [5, 4, 3]] as Vec3[]) {
      const ours = Array.from(engine.fscAtCorner(h1, h2, dims, ...corner));
      const expected = referenceFsc(h1, h2, dims, corner, 6, 12, ts, 2.6);
      expect(ours.length).toBe(expected.length);
      for (let i = 0; i < expected.length; i++) expect(ours[i]).toBeCloseTo(expected[i]!, 10);
      expect(engine.frequency[3]).toBeCloseTo(3 / (12 * ts), 14);
    }
  });

  it('matches the DFT loop with an odd box, no padding and a coarser resolution limit', () => {
    const dims: Vec3 = [9, 9, 9];
    const { h1, h2 } = randomMaps(dims, 11, 1.5);
    // box 7, pad 0: P = 7; hiRes = max(3.1, 2·1) = 3.1 → shells = floor(2 + 7/3.1) = 4
    const engine = new LocalFscBox({ box: 7, pad: 0, voxelSize: 1, maxResolution: 3.1 });
    expect(engine.shells).toBe(4);
    const ours = Array.from(engine.fscAtCorner(h1, h2, dims, 1, 2, 0));
    const expected = referenceFsc(h1, h2, dims, [1, 2, 0], 7, 7, 1, 3.1);
    for (let i = 0; i < expected.length; i++) expect(ours[i]).toBeCloseTo(expected[i]!, 10);
  });

  it('is 1 in every shell for identical halves (up to an affine change), so the resolution is the Nyquist clamp 2·Ts', () => {
    const dims: Vec3 = [24, 24, 24];
    const { h1 } = randomMaps(dims, 3, 1);
    // FSC is invariant to a positive gain and an offset of one half
    const h2 = h1.map((v) => 2.5 * v - 4);
    const engine = new LocalFscBox({ voxelSize: 1.7 });
    const fsc = engine.fscAtCorner(h1, h2, dims, 2, 3, 4);
    for (const v of fsc) expect(v).toBeCloseTo(1, 5);
    expect(engine.resolutionAt(h1, h2, dims, 12, 12, 12)).toBeCloseTo(2 * 1.7, 12);
  });

  it('rejects a box that leaves the map', () => {
    const dims: Vec3 = [20, 20, 20];
    const { h1, h2 } = randomMaps(dims, 3, 1);
    const engine = new LocalFscBox({ voxelSize: 1 });
    expect(() => engine.fscAtCorner(h1, h2, dims, 1, 0, 0)).toThrow(RangeError);
  });
});

describe('bsoftCrossing', () => {
  const f = [0, 0.1, 0.2, 0.3, 0.4, 0.5];

  it('interpolates linearly at the last downward crossing (Bsoft) or the first', () => {
    // drops below 0.5 between 0.1 and 0.2 (at 0.1 + 0.1·(0.5−0.8)/(0.2−0.8) = 0.15), comes back,
    // drops again between 0.3 and 0.4 (at 0.3 + 0.1·(0.5−0.7)/(0.1−0.7) = 0.3333…)
    const fsc = [1, 0.8, 0.2, 0.7, 0.1, 0];
    expect(bsoftCrossing(f, fsc, 0.5, 'last')).toBeCloseTo(0.3 + 0.1 / 3, 12);
    expect(bsoftCrossing(f, fsc, 0.5, 'first')).toBeCloseTo(0.15, 12);
  });

  it('gives the last frequency when the curve never drops below the cutoff', () => {
    expect(bsoftCrossing(f, [1, 0.9, 0.9, 0.8, 0.8, 0.6], 0.5)).toBe(0.5);
  });

  it('crosses in the first interval when the first shell is already below', () => {
    // 0 + 0.1·(0.5 − 1)/(0 − 1) = 0.05
    expect(bsoftCrossing(f, [1, 0, 0, 0, 0, 0], 0.5)).toBeCloseTo(0.05, 12);
  });
});
