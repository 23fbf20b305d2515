import { describe, expect, it } from 'vitest';
import { floatToHalfBits, halfToFloatLookup } from './float16.js';

// Expected bit patterns follow from the IEEE 754 binary16 layout (1 sign, 5 exponent bits with bias 15, 10 fraction bits).
describe('float16 conversion', () => {
  it('decodes normal, subnormal and special patterns', () => {
    const t = halfToFloatLookup();
    expect(t[0x3c00]).toBe(1);
    expect(t[0xc000]).toBe(-2);
    expect(t[0x7bff]).toBe(65504);
    expect(t[0x0400]).toBe(2 ** -14);
    expect(t[0x03ff]).toBe(1023 * 2 ** -24);
    expect(t[0x7c00]).toBe(Number.POSITIVE_INFINITY);
    expect(t[0xfc00]).toBe(Number.NEGATIVE_INFINITY);
    expect(t[0x7e00]).toBeNaN();
  });

  it('encodes with round-to-nearest-even, also across the subnormal range and at overflow', () => {
    expect(floatToHalfBits(1)).toBe(0x3c00);
    expect(floatToHalfBits(1 + 2 ** -11)).toBe(0x3c00); // tie between 1 and 1+2^-10: even fraction wins
    expect(floatToHalfBits(1 + 3 * 2 ** -11)).toBe(0x3c02); // tie between fraction 1 and 2: even (2) wins
    expect(floatToHalfBits(2 ** -25)).toBe(0); // tie between 0 and the smallest subnormal
    expect(floatToHalfBits(3 * 2 ** -25)).toBe(0x0002);
    expect(floatToHalfBits(2 ** -14 - 2 ** -25)).toBe(0x0400); // rounds up out of the subnormals into the smallest normal
    expect(floatToHalfBits(65504)).toBe(0x7bff);
    expect(floatToHalfBits(65519)).toBe(0x7bff);
    expect(floatToHalfBits(65520)).toBe(0x7c00); // tie at the top rounds to infinity
    expect(floatToHalfBits(-0)).toBe(0x8000);
    expect(floatToHalfBits(Number.NaN) & 0x7c00).toBe(0x7c00);
  });

  it('round-trips every finite half value', () => {
    const t = halfToFloatLookup();
    for (let h = 0; h < 65536; h++) {
      if ((h & 0x7c00) === 0x7c00) continue;
      expect(floatToHalfBits(t[h]!)).toBe(h);
    }
  });
});
