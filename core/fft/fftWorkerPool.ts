import { WorkerPool } from '../parallel/index.js';
import type { Fft3dStage } from './fft3dStage.js';

let pool: WorkerPool<Fft3dStage, null> | null = null;

/** The shared pool of FFT worker threads, (re)created with `threads` workers on demand. */
export async function fftWorkerPool(threads: number): Promise<WorkerPool<Fft3dStage, null>> {
  if (pool !== null && pool.size !== threads) await shutdownFftWorkers();
  if (pool === null) pool = new WorkerPool<Fft3dStage, null>(import.meta.url, 'fft3d.worker', threads);
  return pool;
}

/** Terminates the FFT worker threads (they are recreated by the next threaded transform). */
export async function shutdownFftWorkers(): Promise<void> {
  const current = pool;
  pool = null;
  if (current !== null) await current.close();
}
