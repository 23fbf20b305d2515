import { describe, expect, it } from 'vitest';
import { validateParams } from './validateParams.js';

const specs = {
  threshold: { type: 'number', required: true },
  passes: { type: 'integer', default: 2, min: 0, max: 10 },
  method: { type: 'string', enum: ['a', 'b'], default: 'a' },
  levels: { type: 'string[]', default: ['0'] },
  shells: { type: 'number[]', min: 0 },
  verbose: { type: 'boolean' },
} as const;

describe('validateParams', () => {
  it('applies defaults and keeps given values', () => {
    expect(validateParams(specs, { threshold: 0.5, shells: [1, 2] })).toEqual({
      values: { threshold: 0.5, passes: 2, method: 'a', levels: ['0'], shells: [1, 2] },
      problems: [],
    });
  });

  it('reports every problem at once', () => {
    const { problems } = validateParams(specs, { passes: 2.5, method: 'c', shells: [1, -1], verbose: 'yes', extra: 1 });
    expect(problems.map((problem) => problem.message)).toEqual([
      'unknown parameter "extra" (known: threshold, passes, method, levels, shells, verbose)',
      'missing required parameter "threshold" (number)',
      'parameter "passes": expected an integer, got 2.5',
      'parameter "method": expected one of a, b, got "c"',
      'parameter "shells": element 1: -1 is below the minimum 0',
      'parameter "verbose": expected true or false, got "yes"',
    ]);
  });

  it('refuses non-finite numbers', () => {
    expect(validateParams(specs, { threshold: Number.NaN }).problems[0]!.message).toBe('parameter "threshold": expected a finite number, got NaN');
  });
});
