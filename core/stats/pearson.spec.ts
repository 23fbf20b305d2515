import { describe, expect, it } from 'vitest';
import { pearson } from './pearson.js';

describe('pearson', () => {
  it('is ±1 on exact lines and 0.5 on the hand example', () => {
    const x = [1, 2, 3, 4, 5];
    expect(pearson(x, x.map((v) => 2 * v + 1))).toBeCloseTo(1, 15);
    expect(pearson(x, x.map((v) => -v))).toBeCloseTo(-1, 15);
    // x = 1,2,3; y = 1,3,2: Σdx·dy = 1, Σdx² = Σdy² = 2 → r = 0.5
    expect(pearson([1, 2, 3], [1, 3, 2])).toBeCloseTo(0.5, 15);
  });

  it('honours a mask and rejects mismatched lengths', () => {
    expect(pearson([1, 2, 3, 100], [1, 3, 2, -100], [1, 1, 1, 0])).toBeCloseTo(0.5, 15);
    expect(() => pearson([1, 2], [1])).toThrow(RangeError);
  });
});
