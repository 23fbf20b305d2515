import { afterAll, describe, expect, it } from 'vitest';
import type { Vec3 } from '../volume/index.js';
import { digitalFrequency } from './digitalFrequency.js';
import { shutdownFftWorkers } from './fftWorkerPool.js';
import { irfft3d, irfft3dSync } from './irfft3d.js';
import { rfft3d, rfft3dSync } from './rfft3d.js';
import { seededUniform } from './testSignals.js';
import { ballZLineSupport, fullZLineSupport, zLineSupportOfBins, type ZLineSupport } from './zLineSupport.js';

afterAll(() => shutdownFftWorkers());

/** Bins (indices) of a half spectrum whose frequency lies within `halfAngle` of ±d and beyond rMin. */
function coneBins([nx, ny, nz]: Vec3, d: [number, number, number], halfAngle: number, rMin: number): number[] {
  const bins = Math.floor(nx / 2) + 1;
  const cos = Math.cos((halfAngle * Math.PI) / 180);
  const out: number[] = [];
  for (let kz = 0, p = 0; kz < nz; kz++) {
    for (let ky = 0; ky < ny; ky++) {
      for (let kx = 0; kx < bins; kx++, p++) {
        const f = [kx / nx, digitalFrequency(ky, ny), digitalFrequency(kz, nz)];
        const r = Math.hypot(f[0]!, f[1]!, f[2]!);
        if (r > rMin && Math.abs(f[0]! * d[0] + f[1]! * d[1] + f[2]! * d[2]) >= cos * r) out.push(p);
      }
    }
  }
  return out;
}

function onLines(dims: Vec3, support: ZLineSupport, p: number): boolean {
  const bins = Math.floor(dims[0] / 2) + 1;
  const kx = p % bins;
  const ky = Math.floor(p / bins) % dims[1];
  return kx >= support.ranges[2 * ky]! && kx < support.ranges[2 * ky + 1]!;
}

const cases: { dims: Vec3; d: [number, number, number] }[] = [
  { dims: [16, 16, 16], d: [0, 0, 1] },
  { dims: [15, 12, 18], d: [1, 0, 0] },
  { dims: [20, 17, 13], d: [0.577350269, 0.577350269, 0.577350269] },
  { dims: [40, 36, 30], d: [0, 1, 0] }, // above MIN_PARALLEL_VOXELS: the threaded path
];

describe('zLineSupport', () => {
  it('holds every bin of the ball and no line outside it', () => {
    for (const dims of [[16, 16, 16], [15, 12, 9]] as Vec3[]) {
      const radius = 0.3;
      const support = ballZLineSupport(dims, radius);
      const bins = Math.floor(dims[0] / 2) + 1;
      for (let ky = 0; ky < dims[1]; ky++) {
        for (let kx = 0; kx < bins; kx++) {
          const inBall = Math.hypot(kx / dims[0], digitalFrequency(ky, dims[1])) <= radius;
          expect(kx >= support.ranges[2 * ky]! && kx < support.ranges[2 * ky + 1]!, `kx ${kx} ky ${ky}`).toBe(inBall);
        }
      }
    }
  });

  it('an inverse transform given the support of a sparse spectrum gives the unpruned result bit for bit', async () => {
    for (const { dims, d } of cases) {
      const length = 2 * (Math.floor(dims[0] / 2) + 1) * dims[1] * dims[2];
      const spectrum = new Float64Array(length);
      const noise = seededUniform(length, 7);
      const support = zLineSupportOfBins(dims, coneBins(dims, d, 15, 0.1));
      let lines = 0;
      for (let y = 0; y < dims[1]; y++) lines += support.ranges[2 * y + 1]! - support.ranges[2 * y]!;
      expect(lines, 'the cone leaves out some lines').toBeLessThan((Math.floor(dims[0] / 2) + 1) * dims[1]);
      for (const p of coneBins(dims, d, 15, 0.1)) {
        spectrum[2 * p] = noise[2 * p]!;
        spectrum[2 * p + 1] = noise[2 * p + 1]!;
      }
      const full = irfft3dSync(spectrum, dims);
      expect(irfft3dSync(spectrum, dims, { support })).toEqual(full);
      expect(irfft3dSync(spectrum.slice(), dims, { support, overwriteInput: true })).toEqual(full);
      expect(await irfft3d(spectrum, dims, { support, threads: 2 })).toEqual(await irfft3d(spectrum, dims, { threads: 2 }));
    }
  });

  it('a forward transform given a support computes its lines exactly and writes 0 elsewhere', async () => {
    for (const { dims } of cases) {
      const real = seededUniform(dims[0] * dims[1] * dims[2], 11);
      const full = rfft3dSync(real, dims);
      const support = ballZLineSupport(dims, 0.27);
      const expected = full.slice();
      for (let p = 0; p < expected.length / 2; p++) {
        if (!onLines(dims, support, p)) expected[2 * p] = expected[2 * p + 1] = 0;
      }
      const out = new Float64Array(full.length).fill(NaN);
      expect(rfft3dSync(real, dims, { support, out })).toEqual(expected);
      expect(await rfft3d(real, dims, { support, threads: 2 })).toEqual(expected);
    }
  });

  it('the full support changes nothing and a bad one is refused', () => {
    const dims: Vec3 = [12, 10, 8];
    const real = seededUniform(960, 3);
    expect(rfft3dSync(real, dims, { support: fullZLineSupport(dims) })).toEqual(rfft3dSync(real, dims));
    expect(() => rfft3dSync(real, dims, { support: { ranges: new Int32Array(4), lo: 0, hi: 7 } })).toThrow(/2·ny = 20/);
    const outside = fullZLineSupport(dims);
    outside.hi = 3;
    expect(() => irfft3dSync(rfft3dSync(real, dims), dims, { support: outside })).toThrow(/outside the union/);
  });
});
