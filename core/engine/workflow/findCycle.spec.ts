import { describe, expect, it } from 'vitest';
import { findCycle } from './findCycle.js';

const graph = (edges: Record<string, string[]>) => (node: string) => edges[node] ?? [];

describe('findCycle', () => {
  it('returns undefined for a DAG (a diamond is not a cycle)', () => {
    expect(findCycle(['a', 'b', 'c', 'd'], graph({ a: ['b', 'c'], b: ['d'], c: ['d'] }))).toBeUndefined();
  });

  it('returns the cycle in order, closed', () => {
    expect(findCycle(['s', 'a', 'b', 'c'], graph({ s: ['a'], a: ['b'], b: ['c'], c: ['a'] }))).toEqual(['a', 'b', 'c', 'a']);
  });

  it('finds a self-loop', () => {
    expect(findCycle(['a'], graph({ a: ['a'] }))).toEqual(['a', 'a']);
  });
});
