import { totalmem } from 'node:os';

/** How often a worker step that ran out of memory is run in all (the first run and two retries). */
export const maxMemoryAttempts = 3;

const bytesPerMb = 1024 * 1024;

/**
 * The most memory a retry may ask for, in MB: the machine's memory, or the container's limit
 * (cgroup) when that is lower. Node reports an unlimited container as a huge number or 0.
 */
export function memoryCapMb(): number {
  const total = totalmem();
  const constrained = typeof process.constrainedMemory === 'function' ? process.constrainedMemory() : 0;
  const bytes = constrained > 0 && constrained < total ? constrained : total;
  return Math.floor(bytes / bytesPerMb);
}

/**
 * The memory of the next try of a step that ran out of memory at `memoryMb` after `attempts`
 * tries: double, up to `capMb`; undefined when no retry is left or the cap gives nothing more.
 */
export function retryMemoryMb(memoryMb: number, attempts: number, capMb: number): number | undefined {
  if (attempts >= maxMemoryAttempts) return undefined;
  const next = Math.min(memoryMb * 2, capMb);
  return next > memoryMb ? next : undefined;
}
