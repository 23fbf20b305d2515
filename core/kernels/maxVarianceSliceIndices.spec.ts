import { describe, expect, it } from 'vitest';
import { SeededRandom } from '../stats/index.js';
import { Volume, type Vec3 } from '../volume/index.js';
import { maxVarianceSliceIndices } from './maxVarianceSliceIndices.js';

/** Population variance of a plain list (the definition, for the brute-force answer). */
function variance(values: number[]): number {
  const mean = values.reduce((a, b) => a + b, 0) / values.length;
  return values.reduce((a, b) => a + (b - mean) ** 2, 0) / values.length;
}

/** The max-variance index along one axis by building every slice as a list (no shared code). */
function bruteForce(volume: Volume, axis: 0 | 1 | 2): number {
  const dims = volume.dims;
  let best = -1;
  let bestVar = -Infinity;
  for (let k = 0; k < dims[axis]; k++) {
    const values: number[] = [];
    for (let z = 0; z < dims[2]; z++)
      for (let y = 0; y < dims[1]; y++)
        for (let x = 0; x < dims[0]; x++) if ([x, y, z][axis] === k) values.push(volume.get(x, y, z));
    const v = variance(values);
    if (v > bestVar) {
      bestVar = v;
      best = k;
    }
  }
  return best;
}

describe('maxVarianceSliceIndices', () => {
  it('agrees with slice-by-slice variances on random non-cubic maps', () => {
    const rnd = new SeededRandom(7);
    for (const dims of [[9, 7, 5], [4, 11, 6], [13, 3, 8]] as Vec3[]) {
      const v = Volume.zeros(dims);
      for (let i = 0; i < v.size; i++) v.data[i] = rnd.normal() * (1 + (i % 5));
      expect(maxVarianceSliceIndices(v)).toEqual([bruteForce(v, 0), bruteForce(v, 1), bruteForce(v, 2)]);
    }
  });

  it('finds a planted high-variance slice on each axis, first maximum on ties', () => {
    const v = Volume.zeros([10, 12, 14]);
    // a checkerboard in the plane x = 6, y = 3 and z = 11: only those slices vary that much
    for (let z = 0; z < 14; z++) for (let y = 0; y < 12; y++) for (let x = 0; x < 10; x++) {
      if (x === 6 || y === 3 || z === 11) v.data[v.index(x, y, z)] = (x + y + z) % 2 === 0 ? 5 : -5;
    }
    expect(maxVarianceSliceIndices(v)).toEqual([6, 3, 11]);
    // a constant map: every variance is 0, the first index wins (np.argmax)
    expect(maxVarianceSliceIndices(Volume.zeros([3, 4, 5]))).toEqual([0, 0, 0]);
  });
});
