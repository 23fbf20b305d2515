import { describe, expect, it } from 'vitest';
import { canonicalJson, strictJsonStringify } from './canonicalJson.js';

describe('canonicalJson', () => {
  it('sorts keys at every level, so key order never changes a hash', () => {
    expect(canonicalJson({ b: 1, a: { d: [3, { z: 1, y: 2 }], c: null } })).toBe('{"a":{"c":null,"d":[3,{"y":2,"z":1}]},"b":1}');
    expect(canonicalJson({ x: 1, y: 2 })).toBe(canonicalJson({ y: 2, x: 1 }));
  });

  it('drops undefined properties and writes -0 as 0', () => {
    expect(canonicalJson({ a: undefined, b: -0 })).toBe('{"b":0}');
  });

  it('refuses what JSON cannot hold, naming where it is', () => {
    expect(() => canonicalJson({ metrics: { b: [1, Number.NaN] } })).toThrow('$.metrics.b[1] is NaN');
    expect(() => canonicalJson([undefined])).toThrow('$[0] is undefined');
    expect(() => canonicalJson({ n: 10n })).toThrow('bigint');
  });
});

describe('strictJsonStringify', () => {
  it('keeps key order and indentation but refuses infinities', () => {
    expect(strictJsonStringify({ b: 1, a: 2 })).toBe('{"b":1,"a":2}');
    expect(() => strictJsonStringify({ resolution: Number.POSITIVE_INFINITY })).toThrow('$.resolution is Infinity');
  });
});
