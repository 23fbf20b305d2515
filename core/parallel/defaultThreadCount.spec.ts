import { availableParallelism } from 'node:os';
import { afterEach, describe, expect, it } from 'vitest';
import { VrsInputError } from '../errors/index.js';
import { defaultThreadCount } from './defaultThreadCount.js';

const saved = process.env['VRS_THREADS'];
afterEach(() => {
  if (saved === undefined) delete process.env['VRS_THREADS'];
  else process.env['VRS_THREADS'] = saved;
});

describe('defaultThreadCount', () => {
  it('is the CPU count without VRS_THREADS', () => {
    delete process.env['VRS_THREADS'];
    expect(defaultThreadCount()).toBe(availableParallelism());
  });
  it('follows VRS_THREADS', () => {
    process.env['VRS_THREADS'] = '3';
    expect(defaultThreadCount()).toBe(3);
  });
  it('names the variable when it is not a positive integer', () => {
    process.env['VRS_THREADS'] = 'two';
    expect(() => defaultThreadCount()).toThrow(VrsInputError);
    expect(() => defaultThreadCount()).toThrow(/VRS_THREADS/);
    process.env['VRS_THREADS'] = '0';
    expect(() => defaultThreadCount()).toThrow(VrsInputError);
  });
});
