import { describe, expect, it } from 'vitest';
import { SeededRandom } from '../../stats/index.js';
import { selectKth } from './selectKth.js';

describe('selectKth', () => {
  it('equals the sorted array at k, for random data, ties and every k of a small array', () => {
    const random = new SeededRandom(3);
    for (const n of [1, 2, 3, 10, 1001]) {
      const values = Float64Array.from({ length: n }, () => Math.round(random.normal() * 5) / 2 + 0); // + 0: no −0
      const sorted = Float64Array.from(values).sort();
      for (const k of n <= 10 ? Array.from({ length: n }, (_, i) => i) : [0, 1, 500, 950, n - 1]) {
        expect(selectKth(Float64Array.from(values), k)).toBe(sorted[k]);
      }
    }
  });

  it('works on float32, on a prefix, and rejects k outside the range', () => {
    const values = Float32Array.from([5, 1, 4, 2, 3, -7, 100]);
    expect(selectKth(values, 2, 5)).toBe(3);
    expect(() => selectKth(values, 5, 5)).toThrow(RangeError);
    expect(() => selectKth(values, -1)).toThrow(RangeError);
  });
});
