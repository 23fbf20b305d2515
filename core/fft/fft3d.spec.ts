import { afterAll, describe, expect, it } from 'vitest';
import type { Vec3 } from '../volume/index.js';
import { digitalFrequency } from './digitalFrequency.js';
import { fft3d, fft3dSync, ifft3d, ifft3dSync } from './fft3d.js';
import { halfSpectrumDims, MIN_PARALLEL_VOXELS } from './fft3dOptions.js';
import { shutdownFftWorkers } from './fftWorkerPool.js';
import { irfft3d, irfft3dSync } from './irfft3d.js';
import { naiveDft3d, realToComplex } from './naiveDft.js';
import { rfft3d, rfft3dSync } from './rfft3d.js';
import { seededUniform } from './testSignals.js';

afterAll(() => shutdownFftWorkers());

const volume = (d: Vec3) => d[0] * d[1] * d[2];

function maxAbs(a: ArrayLike<number>): number {
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i]!));
  return m;
}

function maxDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  expect(a.length).toBe(b.length);
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i]! - b[i]!));
  return m;
}

/** The half spectrum [nz][ny][nx/2+1] cut out of a full complex spectrum [nz][ny][nx]. */
function halfOf(full: Float64Array, [nx, ny, nz]: Vec3): Float64Array {
  const h = Math.floor(nx / 2) + 1;
  const out = new Float64Array(2 * h * ny * nz);
  for (let row = 0; row < ny * nz; row++) out.set(full.subarray(2 * row * nx, 2 * row * nx + 2 * h), 2 * row * h);
  return out;
}

function shared(values: Float64Array): Float64Array {
  const out = new Float64Array(new SharedArrayBuffer(8 * values.length));
  out.set(values);
  return out;
}

// Non-cubic, odd, even, unit axes, 23 (generic radix) and 59 (Bluestein).
const SMALL_DIMS: Vec3[] = [[1, 1, 1], [2, 1, 1], [1, 5, 1], [1, 1, 6], [5, 4, 3], [6, 7, 5], [8, 3, 2], [12, 10, 9], [23, 8, 5], [59, 4, 3], [4, 59, 2], [9, 9, 16]];

describe('rfft3dSync / irfft3dSync', () => {
  it.each(SMALL_DIMS)('r2c of %i×%i×%i matches the naive 3D DFT, and c2r inverts it', (...dims) => {
    const real = seededUniform(volume(dims), volume(dims));
    const expected = halfOf(naiveDft3d(realToComplex(real), dims, -1), dims);
    const spectrum = rfft3dSync(real, dims);
    expect(maxDiff(spectrum, expected)).toBeLessThan(1e-13 * maxAbs(expected));
    const back = irfft3dSync(spectrum, dims);
    expect(maxDiff(back, real)).toBeLessThan(1e-13);
  });

  it('an impulse at the origin gives a constant spectrum; a shifted one a pure phase ramp', () => {
    const dims: Vec3 = [10, 9, 7];
    const [nx, ny, nz] = dims;
    const h = nx / 2 + 1;
    const impulse = new Float64Array(volume(dims));
    impulse[0] = 1;
    const flat = rfft3dSync(impulse, dims);
    for (let i = 0; i < flat.length; i += 2) {
      expect(flat[i]).toBe(1);
      expect(flat[i + 1]).toBe(0);
    }
    const [x0, y0, z0] = [3, 5, 2];
    const shifted = new Float64Array(volume(dims));
    shifted[(z0 * ny + y0) * nx + x0] = 1;
    const ramp = rfft3dSync(shifted, dims);
    for (let kz = 0; kz < nz; kz++) {
      for (let ky = 0; ky < ny; ky++) {
        for (let kx = 0; kx < h; kx++) {
          const phase = -2 * Math.PI * ((kx * x0) / nx + (ky * y0) / ny + (kz * z0) / nz);
          const i = 2 * ((kz * ny + ky) * h + kx);
          expect(ramp[i]).toBeCloseTo(Math.cos(phase), 13);
          expect(ramp[i + 1]).toBeCloseTo(Math.sin(phase), 13);
        }
      }
    }
  });

  it('a plane wave gives N/2 at its frequency (and at the Hermitian partner inside the half spectrum)', () => {
    const dims: Vec3 = [12, 10, 9];
    const [nx, ny, nz] = dims;
    const h = nx / 2 + 1;
    const cases: Array<[number, number, number]> = [[3, 2, 4], [0, 3, 2], [6, 0, 1]];
    for (const [fx, fy, fz] of cases) {
      const wave = new Float64Array(volume(dims));
      for (let z = 0; z < nz; z++) for (let y = 0; y < ny; y++) for (let x = 0; x < nx; x++) {
        wave[(z * ny + y) * nx + x] = Math.cos(2 * Math.PI * ((fx * x) / nx + (fy * y) / ny + (fz * z) / nz));
      }
      const spectrum = rfft3dSync(wave, dims);
      const peaks = new Set<number>([(fz * ny + fy) * h + fx]);
      // For kx = 0 or nx/2 the partner (−ky, −kz) is also stored in the half spectrum.
      if (fx === 0 || fx === nx / 2) peaks.add((((nz - fz) % nz) * ny + ((ny - fy) % ny)) * h + fx);
      const peak = volume(dims) / 2;
      for (let i = 0; i < spectrum.length / 2; i++) {
        expect(spectrum[2 * i]).toBeCloseTo(peaks.has(i) ? peak : 0, 9);
        expect(spectrum[2 * i + 1]).toBeCloseTo(0, 9);
      }
    }
  });

  it('satisfies Parseval with each kx in 1…ceil(nx/2)−1 counted twice', () => {
    for (const dims of [[16, 12, 10], [15, 12, 11]] as Vec3[]) {
      const [nx, ny, nz] = dims;
      const h = Math.floor(nx / 2) + 1;
      const real = seededUniform(volume(dims), 99);
      const spectrum = rfft3dSync(real, dims);
      let energy = 0;
      for (let i = 0; i < real.length; i++) energy += real[i]! ** 2;
      let spectral = 0;
      for (let row = 0; row < ny * nz; row++) {
        for (let kx = 0; kx < h; kx++) {
          const twice = kx > 0 && !(nx % 2 === 0 && kx === nx / 2);
          const i = 2 * (row * h + kx);
          spectral += (twice ? 2 : 1) * (spectrum[i]! ** 2 + spectrum[i + 1]! ** 2);
        }
      }
      expect(Math.abs(spectral / volume(dims) - energy) / energy).toBeLessThan(1e-13);
    }
  });

  it('is Hermitian in the kx = 0 and kx = nx/2 planes', () => {
    const dims: Vec3 = [14, 11, 8];
    const [nx, ny, nz] = dims;
    const h = nx / 2 + 1;
    const spectrum = rfft3dSync(seededUniform(volume(dims), 5), dims);
    for (const kx of [0, nx / 2]) {
      for (let kz = 0; kz < nz; kz++) for (let ky = 0; ky < ny; ky++) {
        const a = 2 * ((kz * ny + ky) * h + kx);
        const b = 2 * ((((nz - kz) % nz) * ny + ((ny - ky) % ny)) * h + kx);
        expect(Math.abs(spectrum[a]! - spectrum[b]!)).toBeLessThan(1e-13);
        expect(Math.abs(spectrum[a + 1]! + spectrum[b + 1]!)).toBeLessThan(1e-13);
      }
    }
  });

  it.each([[33, 20, 17], [64, 48, 40], [46, 46, 46]] as Vec3[])('round-trips %i×%i×%i to 1e-12 relative', (...dims) => {
    const real = seededUniform(volume(dims), 3);
    const back = irfft3dSync(rfft3dSync(real, dims), dims);
    expect(maxDiff(back, real) / maxAbs(real)).toBeLessThan(1e-12);
  });

  it('scales as numpy for each norm', () => {
    const dims: Vec3 = [6, 5, 4];
    const n = volume(dims);
    const real = seededUniform(n, 8);
    const plain = rfft3dSync(real, dims);
    const forward = rfft3dSync(real, dims, { norm: 'forward' });
    const ortho = rfft3dSync(real, dims, { norm: 'ortho' });
    for (let i = 0; i < plain.length; i++) {
      expect(forward[i]).toBeCloseTo(plain[i]! / n, 14);
      expect(ortho[i]).toBeCloseTo(plain[i]! / Math.sqrt(n), 14);
    }
    expect(maxDiff(irfft3dSync(forward, dims, { norm: 'forward' }), real)).toBeLessThan(1e-14);
    expect(maxDiff(irfft3dSync(ortho, dims, { norm: 'ortho' }), real)).toBeLessThan(1e-14);
    expect(() => rfft3dSync(real, dims, { norm: 'xmipp' as 'forward' })).toThrow(RangeError);
  });

  it('accepts Float32 input (same result as the equal float64 values) and writes into `out`', () => {
    const dims: Vec3 = [9, 8, 7];
    const real32 = Float32Array.from(seededUniform(volume(dims), 4));
    const out = new Float64Array(2 * 5 * 8 * 7);
    const result = rfft3dSync(real32, dims, { out });
    expect(result).toBe(out);
    expect(Array.from(out)).toEqual(Array.from(rfft3dSync(Float64Array.from(real32), dims)));
  });

  it('leaves the spectrum untouched unless overwriteInput is set', () => {
    const dims: Vec3 = [10, 6, 5];
    const spectrum = rfft3dSync(seededUniform(volume(dims), 2), dims);
    const copy = Float64Array.from(spectrum);
    const a = irfft3dSync(spectrum, dims);
    expect(Array.from(spectrum)).toEqual(Array.from(copy));
    const b = irfft3dSync(spectrum, dims, { overwriteInput: true });
    expect(Array.from(b)).toEqual(Array.from(a));
  });

  it('rejects bad dims and lengths', () => {
    expect(() => rfft3dSync(new Float64Array(6), [3, 2, 0])).toThrow(RangeError);
    expect(() => rfft3dSync(new Float64Array(6), [3, 2, 1.5])).toThrow(RangeError);
    expect(() => rfft3dSync(new Float64Array(5), [3, 2, 1])).toThrow(/need 6/);
    expect(() => irfft3dSync(new Float64Array(10), [3, 2, 1])).toThrow(RangeError);
    expect(() => rfft3dSync(new Float64Array(6), [3, 2, 1], { out: new Float64Array(3) })).toThrow(RangeError);
  });
});

describe('fft3dSync / ifft3dSync', () => {
  it.each([[5, 4, 3], [8, 6, 7], [59, 3, 2], [1, 1, 1]] as Vec3[])('match the naive 3D DFT for %i×%i×%i', (...dims) => {
    const data = seededUniform(2 * volume(dims), 12);
    const expected = naiveDft3d(data, dims, -1);
    const spectrum = fft3dSync(data, dims);
    expect(maxDiff(spectrum, expected)).toBeLessThan(1e-13 * maxAbs(expected));
    const inverseExpected = naiveDft3d(data, dims, 1);
    const inv = ifft3dSync(data, dims, { norm: 'forward' });
    expect(maxDiff(inv, inverseExpected)).toBeLessThan(1e-13 * maxAbs(inverseExpected));
    expect(maxDiff(ifft3dSync(spectrum, dims), data)).toBeLessThan(1e-13);
  });

  it('transforms in place with overwriteInput', () => {
    const dims: Vec3 = [6, 5, 4];
    const data = seededUniform(2 * volume(dims), 1);
    const expected = fft3dSync(data, dims);
    const result = fft3dSync(data, dims, { overwriteInput: true });
    expect(result).toBe(data);
    expect(Array.from(data)).toEqual(Array.from(expected));
  });
});

describe('threaded transforms', () => {
  // Above MIN_PARALLEL_VOXELS so that the worker threads are really used.
  const DIMS: Vec3[] = [[48, 40, 36], [45, 37, 23], [36, 30, 59]];
  it('use grids large enough to go to the workers', () => {
    for (const dims of DIMS) expect(volume(dims)).toBeGreaterThanOrEqual(MIN_PARALLEL_VOXELS);
  });

  it.each(DIMS)('r2c and c2r of %i×%i×%i on 2 threads are identical to the single-thread result', async (...dims) => {
    const real = seededUniform(volume(dims), 21);
    const expected = rfft3dSync(real, dims);
    const fromPlain = await rfft3d(real, dims, { threads: 2 });
    const fromShared = await rfft3d(shared(real), dims, { threads: 2 });
    const fromFloat32 = await rfft3d(Float32Array.from(real), dims, { threads: 2 });
    expect(maxDiff(fromPlain, expected)).toBe(0);
    expect(maxDiff(fromShared, expected)).toBe(0);
    expect(maxDiff(fromFloat32, rfft3dSync(Float32Array.from(real), dims))).toBe(0);

    const back = irfft3dSync(expected, dims);
    expect(maxDiff(back, real) / maxAbs(real)).toBeLessThan(1e-12);
    const copy = Float64Array.from(fromShared);
    expect(maxDiff(await irfft3d(expected, dims, { threads: 2 }), back)).toBe(0);
    expect(maxDiff(await irfft3d(fromShared, dims, { threads: 2 }), back)).toBe(0);
    expect(maxDiff(fromShared, copy)).toBe(0); // input kept
    expect(maxDiff(await irfft3d(fromShared, dims, { threads: 2, overwriteInput: true }), back)).toBe(0);
  });

  it.each([[2, 160, 120], [3, 120, 100], [1, 200, 200]] as Vec3[])('c2r of %i×%i×%i (rows too short to pack in parallel) matches the single-thread result', async (...dims) => {
    const real = seededUniform(volume(dims), 6);
    const spectrum = rfft3dSync(real, dims);
    const expected = irfft3dSync(spectrum, dims);
    const threaded = await irfft3d(spectrum, dims, { threads: 2 });
    expect(threaded.length).toBe(volume(dims));
    expect(maxDiff(threaded, expected)).toBe(0);
    expect(maxDiff(threaded, real)).toBeLessThan(1e-14);
  });

  it('c2r with overwriteInput returns the result in the spectrum memory; with out, in out', async () => {
    const dims: Vec3 = [40, 36, 30];
    const real = seededUniform(volume(dims), 8);
    const spectrum = shared(rfft3dSync(real, dims));
    const out = new Float64Array(volume(dims));
    expect(await irfft3d(Float64Array.from(spectrum), dims, { threads: 2, out })).toBe(out);
    const inPlace = await irfft3d(spectrum, dims, { threads: 2, overwriteInput: true });
    expect(inPlace.buffer).toBe(spectrum.buffer);
    expect(maxDiff(inPlace, out)).toBe(0);
    expect(maxDiff(out, real)).toBeLessThan(1e-14);
  });

  it('complex transforms on 3 threads are identical to the single-thread result', async () => {
    const dims: Vec3 = [40, 33, 27];
    const data = seededUniform(2 * volume(dims), 17);
    const expected = fft3dSync(data, dims);
    expect(maxDiff(await fft3d(data, dims, { threads: 3 }), expected)).toBe(0);
    expect(maxDiff(await ifft3d(expected, dims, { threads: 3 }), ifft3dSync(expected, dims))).toBe(0);
    const out = new Float64Array(data.length);
    expect(await fft3d(shared(data), dims, { threads: 3, out })).toBe(out);
    expect(maxDiff(out, expected)).toBe(0);
  });

  it('runs concurrent transforms with different thread counts', async () => {
    const dims: Vec3 = [40, 36, 30];
    const a = seededUniform(volume(dims), 31);
    const b = seededUniform(volume(dims), 32);
    const [sa, sb, sc] = await Promise.all([rfft3d(a, dims, { threads: 2 }), rfft3d(b, dims, { threads: 3 }), rfft3d(a, dims, { threads: 1 })]);
    expect(maxDiff(sa, rfft3dSync(a, dims))).toBe(0);
    expect(maxDiff(sb, rfft3dSync(b, dims))).toBe(0);
    expect(maxDiff(sc, sa)).toBe(0);
  });

  it('rejects a bad thread count', async () => {
    await expect(rfft3d(new Float64Array(MIN_PARALLEL_VOXELS), [MIN_PARALLEL_VOXELS, 1, 1], { threads: 0 })).rejects.toThrow(RangeError);
  });
});

describe('halfSpectrumDims and digitalFrequency', () => {
  it('give the FFTW half-spectrum dims', () => {
    expect(halfSpectrumDims([184, 100, 50])).toEqual([93, 100, 50]);
    expect(halfSpectrumDims([7, 3, 2])).toEqual([4, 3, 2]);
  });
  it('map FFT indices to cycles per sample as Xmipp FFT_IDX2DIGFREQ', () => {
    expect([0, 1, 2, 3].map((i) => digitalFrequency(i, 4))).toEqual([0, 0.25, 0.5, -0.25]);
    expect([0, 1, 2, 3, 4].map((i) => digitalFrequency(i, 5))).toEqual([0, 0.2, 0.4, -0.4, -0.2]);
  });
});
