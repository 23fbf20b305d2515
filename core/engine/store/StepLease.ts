import { mkdirSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { LeaseLock } from '../run/LeaseLock.js';

class LeaseHeld extends Error {}

/** How often a step waiting for another process's lease looks again (ms). */
const WAIT_MS = 250;

/**
 * The right to compute one step key in a shared store: a lease lock (`<store>/locks/<key>.lock`,
 * renewed by a heartbeat thread, lapsing when its holder dies however it died). Runs and Slurm jobs
 * sharing a store compute a step once: the others wait for the lease, then find the result stored.
 * Resolves with a release function, or undefined when `signal` aborted the wait.
 */
export async function acquireStepLease(storeRoot: string, key: string, step: string, signal: AbortSignal, onWait?: (holder: { pid?: number; host?: string; step?: string }) => void): Promise<(() => void) | undefined> {
  const dir = join(storeRoot, 'locks');
  mkdirSync(dir, { recursive: true });
  const lock = new LeaseLock<{ pid: number; host: string; step: string }>(join(dir, `${key}.lock`));
  let told = false;
  for (;;) {
    if (signal.aborted) return undefined;
    try {
      await lock.acquire({ pid: process.pid, host: hostname(), step }, (holder) => {
        if (!told) onWait?.(holder);
        told = true;
        throw new LeaseHeld();
      });
      return () => lock.release();
    } catch (error) {
      if (!(error instanceof LeaseHeld)) throw error;
      await new Promise((resolve) => setTimeout(resolve, WAIT_MS));
    }
  }
}
