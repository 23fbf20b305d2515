import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

type GcFunction = (options?: { type?: 'major' | 'minor' }) => void;
let gcFunction: GcFunction | null | undefined;

/**
 * Runs a garbage collection in this thread, full by default or only of the young generation
 * ('minor', a fraction of a millisecond); returns false when the runtime does not allow it.
 *
 * Why: V8 does not count SharedArrayBuffers toward the external-memory pressure that triggers a GC
 * (plain ArrayBuffers are counted), and a worker that received a shared array keeps its memory alive
 * until that worker collects. Code that hands large shared arrays to workers must therefore collect
 * explicitly, or dropped arrays pile up to gigabytes. The function is obtained as the Jest leak
 * detector does: expose it with a V8 flag and read it from a fresh context.
 */
export function collectGarbage(kind: 'full' | 'minor' = 'full'): boolean {
  if (gcFunction === undefined) {
    const global = (globalThis as { gc?: GcFunction }).gc;
    if (typeof global === 'function') gcFunction = global;
    else {
      try {
        setFlagsFromString('--expose-gc');
        gcFunction = runInNewContext('gc') as GcFunction;
      } catch {
        gcFunction = null;
      }
    }
  }
  if (gcFunction === null) return false;
  if (kind === 'minor') gcFunction({ type: 'minor' });
  else gcFunction();
  return true;
}
