import { WorkerPool } from '../parallel/index.js';
import type { Fft3dStage } from './fft3dStage.js';

let pool: WorkerPool<Fft3dStage, null> | null = null;

/**
 * The shared pool of FFT worker threads, with room for at least `threads` workers. It only grows, so
 * transforms asking for different thread counts can run at the same time; each limits its own
 * stages in flight to its thread count.
 */
export function fftWorkerPool(threads: number): WorkerPool<Fft3dStage, null> {
  if (pool === null) pool = new WorkerPool<Fft3dStage, null>(import.meta.url, 'fft3d.worker', threads);
  else pool.grow(threads);
  return pool;
}

/** Terminates the FFT worker threads (they are recreated by the next threaded transform). */
export async function shutdownFftWorkers(): Promise<void> {
  const current = pool;
  pool = null;
  if (current !== null) await current.close();
}

/** Asks the FFT worker threads, if any, to collect their garbage (see WorkerPool.collectGarbage). */
export function collectFftWorkerGarbage(): void {
  pool?.collectGarbage();
}
