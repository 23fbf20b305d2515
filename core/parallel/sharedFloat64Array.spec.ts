import { describe, expect, it } from 'vitest';
import { collectGarbage } from './collectGarbage.js';
import { isSharedArray, sharedFloat64Array } from './sharedFloat64Array.js';

describe('sharedFloat64Array', () => {
  it('allocates zero-filled float64 on a SharedArrayBuffer', () => {
    const a = sharedFloat64Array(10);
    expect(a.length).toBe(10);
    expect(a.buffer).toBeInstanceOf(SharedArrayBuffer);
    expect(Array.from(a)).toEqual(new Array(10).fill(0));
    expect(isSharedArray(a)).toBe(true);
    expect(isSharedArray(new Float64Array(3))).toBe(false);
  });
});

describe('collectGarbage', () => {
  it('really collects: an unreachable object is finalised', async () => {
    let finalised = false;
    const registry = new FinalizationRegistry(() => {
      finalised = true;
    });
    (() => {
      registry.register({ payload: new Array(1000).fill(1) }, 'x');
    })();
    expect(collectGarbage()).toBe(true);
    for (let i = 0; i < 20 && !finalised; i++) {
      await new Promise((resolve) => setTimeout(resolve, 5));
      collectGarbage();
    }
    expect(finalised).toBe(true);
  });
});
