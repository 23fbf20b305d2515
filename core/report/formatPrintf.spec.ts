import { describe, expect, it } from 'vitest';
import { formatCell, formatPrintf } from './formatPrintf.js';

describe('formatPrintf', () => {
  it('prints like C printf for the formats the report uses', () => {
    // Values and outputs as in the EMD-5138 report: "%5.4f & %5.2f & %5.2f & %5.2f".
    expect(formatPrintf(0.093433, '%5.4f')).toBe('0.0934');
    expect(formatPrintf(566783, '%5.2f')).toBe('566783.00');
    expect(formatPrintf(0.45, '%5.2f')).toBe(' 0.45');
    expect(formatPrintf(0.9, '%f')).toBe('0.900000');
    expect(formatPrintf(91567.9, '%d')).toBe('91567');
    expect(formatPrintf(0.46, '%4.3f')).toBe('0.460');
    expect(formatPrintf(-211.04, '%5.1f')).toBe('-211.0');
  });
  it('handles exponents, %g, flags and padding as C does', () => {
    expect(formatPrintf(123456, '%e')).toBe('1.234560e+05');
    expect(formatPrintf(0.000123, '%.2E')).toBe('1.23E-04');
    expect(formatPrintf(0.0001, '%g')).toBe('0.0001');
    expect(formatPrintf(0.00001, '%g')).toBe('1e-05');
    expect(formatPrintf(123456789, '%g')).toBe('1.23457e+08');
    expect(formatPrintf(2.5, '%g')).toBe('2.5');
    expect(formatPrintf(42, '%05d')).toBe('00042');
    expect(formatPrintf(-42, '%06.1f')).toBe('-042.0');
    expect(formatPrintf(3, '%+d')).toBe('+3');
    expect(formatPrintf(3, '%-4d')).toBe('3   ');
    expect(formatPrintf('abc', '%5s')).toBe('  abc');
  });
  it('never prints "-0.00", and shows missing values as a dash', () => {
    expect(formatPrintf(-0.001, '%5.2f')).toBe(' 0.00');
    expect(formatPrintf(null, '%f')).toBe('—');
    expect(formatPrintf(NaN, '%f')).toBe('—');
    expect(formatPrintf(Infinity, '%f')).toBe('∞');
  });
  it('rejects formats it does not know', () => {
    expect(() => formatPrintf(1, '%5.2q')).toThrow(/unsupported/);
  });
});

describe('formatCell', () => {
  it('prints integers whole and other numbers to 6 significant digits', () => {
    expect(formatCell(342806)).toBe('342806');
    expect(formatCell(0.1 + 0.2)).toBe('0.3');
    expect(formatCell(null)).toBe('—');
    expect(formatCell('text')).toBe('text');
  });
});
