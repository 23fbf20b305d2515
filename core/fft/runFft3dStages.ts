import type { Fft3dStage } from './fft3dStage.js';
import { runFft3dStage } from './fft3dStage.js';
import { fftWorkerPool } from './fftWorkerPool.js';

/** A stage over its whole range: `from`, `to` are filled in per part. */
export type Fft3dPhase = Omit<Fft3dStage, 'from' | 'to'> & { extent: number };

/** Runs the phases one after the other in the calling thread. */
export function runFft3dPhasesSync(phases: readonly Fft3dPhase[]): void {
  for (const { extent, ...stage } of phases) runFft3dStage({ ...stage, from: 0, to: extent });
}

/**
 * Runs the phases one after the other, each split into contiguous ranges over the worker pool;
 * every phase waits for the previous one (the passes along different axes depend on each other).
 * All arrays must be on SharedArrayBuffers.
 */
export async function runFft3dPhasesThreaded(phases: readonly Fft3dPhase[], threads: number): Promise<void> {
  const pool = await fftWorkerPool(threads);
  for (const { extent, ...stage } of phases) {
    // Two parts per thread balance the load when one thread is slowed down.
    const parts = Math.min(extent, 2 * threads);
    const tasks: Fft3dStage[] = [];
    for (let p = 0; p < parts; p++) {
      tasks.push({ ...stage, from: Math.floor((p * extent) / parts), to: Math.floor(((p + 1) * extent) / parts) });
    }
    await pool.runAll(tasks);
  }
}
