import { totalmem } from 'node:os';
import { describe, expect, it } from 'vitest';
import { maxMemoryAttempts, memoryCapMb, retryMemoryMb } from './memoryRetries.js';

describe('memory retries', () => {
  it('double the memory, at most 3 tries in all', () => {
    expect(maxMemoryAttempts).toBe(3);
    expect(retryMemoryMb(64, 1, 10_000)).toBe(128);
    expect(retryMemoryMb(128, 2, 10_000)).toBe(256);
    expect(retryMemoryMb(256, 3, 10_000)).toBeUndefined();
  });

  it('never above the cap, and no retry that would give nothing more', () => {
    expect(retryMemoryMb(3000, 1, 4096)).toBe(4096);
    expect(retryMemoryMb(4096, 2, 4096)).toBeUndefined();
    expect(retryMemoryMb(6000, 1, 4096)).toBeUndefined();
  });

  it('the cap is at most the machine memory, in whole MB', () => {
    const cap = memoryCapMb();
    expect(Number.isInteger(cap)).toBe(true);
    expect(cap).toBeGreaterThan(0);
    expect(cap).toBeLessThanOrEqual(totalmem() / 2 ** 20);
  });
});
