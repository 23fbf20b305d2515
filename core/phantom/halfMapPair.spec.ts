import { describe, expect, it } from 'vitest';
import { gaussianBlob } from './gaussianBlob.js';
import { halfMapPair } from './halfMapPair.js';
import { regionalResolutionPhantom } from './regionalResolutionPhantom.js';

describe('halfMapPair', () => {
  const signal = gaussianBlob([24, 24, 24], [12, 12, 12], 3, { voxelSize: [2, 2, 2] });
  it('adds independent noise of the asked standard deviation to each half, deterministically', () => {
    const a = halfMapPair(signal, { seed: 7, noiseSd: 0.5 });
    const b = halfMapPair(signal, { seed: 7, noiseSd: 0.5 });
    expect(Array.from(a.half1.data)).toEqual(Array.from(b.half1.data));
    let s1 = 0, s2 = 0, s12 = 0;
    for (let i = 0; i < signal.data.length; i++) {
      const n1 = a.half1.data[i]! - signal.data[i]!;
      const n2 = a.half2.data[i]! - signal.data[i]!;
      s1 += n1 * n1; s2 += n2 * n2; s12 += n1 * n2;
    }
    const n = signal.data.length;
    expect(Math.sqrt(s1 / n)).toBeCloseTo(0.5, 1);
    expect(Math.sqrt(s2 / n)).toBeCloseTo(0.5, 1);
    // Independent: the correlation of the two noises is within 4/√n of 0.
    expect(Math.abs(s12 / Math.sqrt(s1 * s2))).toBeLessThan(4 / Math.sqrt(n));
  });
  it('a zero filter leaves the signal alone', () => {
    const { half1 } = halfMapPair(signal, { seed: 1, noiseSd: 1, noiseFilter: () => 0 });
    for (let i = 0; i < 50; i++) expect(half1.data[i]).toBeCloseTo(signal.data[i]!, 6);
  });
});

describe('regionalResolutionPhantom', () => {
  it('labels each region core and gives each region unit variance', () => {
    const p = regionalResolutionPhantom([32, 32, 32], 1, [{ centre: [10, 16, 16], radius: 7, resolution: 3 }, { centre: [22, 16, 16], radius: 7, resolution: 6 }], { seed: 3 });
    const idx = (x: number, y: number, z: number) => (z * 32 + y) * 32 + x;
    expect(p.labels[idx(10, 16, 16)]).toBe(1);
    expect(p.labels[idx(22, 16, 16)]).toBe(2);
    expect(p.mask[idx(2, 2, 2)]).toBe(0);
    let s2 = 0, count = 0;
    for (let i = 0; i < p.labels.length; i++) if (p.labels[i] === 1) { s2 += p.signal.data[i]! ** 2; count++; }
    expect(Math.sqrt(s2 / count)).toBeGreaterThan(0.7);
    expect(Math.sqrt(s2 / count)).toBeLessThan(1.3);
  });
});
