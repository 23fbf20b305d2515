import type { Fft3dStage, PassStage } from './fft3dStage.js';
import { runFft3dStage } from './fft3dStage.js';
import { fftWorkerPool } from './fftWorkerPool.js';

/** Splits a pass over `extent` planes or rows into `parts` contiguous ranges. */
export function splitStage(stage: Omit<PassStage, 'from' | 'to'>, extent: number, parts: number): PassStage[] {
  const count = Math.max(1, Math.min(extent, parts));
  return Array.from({ length: count }, (_, p) => ({
    ...stage,
    from: Math.floor((p * extent) / count),
    to: Math.floor(((p + 1) * extent) / count),
  }));
}

/** Runs the phases one after the other in the calling thread. */
export function runFft3dStagesSync(phases: readonly (readonly Fft3dStage[])[]): void {
  for (const phase of phases) for (const stage of phase) runFft3dStage(stage);
}

/**
 * Runs the phases one after the other, the stages of a phase in parallel on the worker pool, at
 * most `threads` at a time; a phase starts when the previous one is complete (passes along
 * different axes depend on each other). All arrays must be on SharedArrayBuffers. `prepareFirst`,
 * when given, runs in this thread just before each stage of the first phase is sent (e.g. copying
 * that stage's input into shared memory), one stage ahead of the workers, so that copying
 * overlaps with computing.
 */
export async function runFft3dStagesThreaded(
  phases: readonly (readonly Fft3dStage[])[], threads: number, prepareFirst?: (stage: Fft3dStage) => void,
): Promise<void> {
  const pool = fftWorkerPool(threads);
  for (const [index, phase] of phases.entries()) {
    const prepare = index === 0 ? prepareFirst : undefined;
    const running: Promise<null>[] = [];
    let inFlight = 0;
    let wake: (() => void) | null = null;
    const done = (): void => {
      inFlight--;
      const w = wake;
      wake = null;
      w?.();
    };
    try {
      for (const stage of phase) {
        prepare?.(stage);
        while (inFlight >= threads) await new Promise<void>((resolve) => (wake = resolve));
        inFlight++;
        running.push(pool.run(stage).finally(done));
      }
    } finally {
      // Never return (or throw) while a stage still runs on memory the caller owns.
      const results = await Promise.allSettled(running);
      const failed = results.find((r) => r.status === 'rejected');
      if (failed !== undefined) throw failed.reason;
    }
  }
}
