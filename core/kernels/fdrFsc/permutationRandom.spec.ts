import { describe, expect, it } from 'vitest';
import { SeededRandom } from '../../stats/index.js';
import { PermutationRandom } from './permutationRandom.js';

describe('PermutationRandom', () => {
  it('draws the xoshiro128** sequence of SeededRandom started from the same state', () => {
    const fast = new PermutationRandom(12345);
    const seeder = new SeededRandom(12345);
    const state = [seeder.nextUint32(), seeder.nextUint32(), seeder.nextUint32(), seeder.nextUint32()] as [number, number, number, number];
    expect(fast.state()).toEqual(state);
    const reference = SeededRandom.fromState(state);
    for (let i = 0; i < 10000; i++) {
      const v = fast.nextUint32();
      expect(v).toBe(reference.nextUint32());
      expect(Number.isInteger(v) && v >= 0 && v < 2 ** 32).toBe(true);
    }
  });

  it('gives other sequences for other seeds', () => {
    const a = new PermutationRandom(1);
    const b = new PermutationRandom(2);
    const first = Array.from({ length: 8 }, () => a.nextUint32());
    expect(Array.from({ length: 8 }, () => b.nextUint32())).not.toEqual(first);
  });
});
