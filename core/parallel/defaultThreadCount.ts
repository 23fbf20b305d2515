import { availableParallelism } from 'node:os';
import { VrsInputError } from '../errors/index.js';

/**
 * Threads a parallel kernel uses when the caller does not say: the VRS_THREADS environment
 * variable when it is a positive integer, otherwise the number of CPUs Node may use.
 */
export function defaultThreadCount(): number {
  const fromEnv = process.env['VRS_THREADS'];
  if (fromEnv !== undefined && fromEnv.trim() !== '') {
    const n = Number(fromEnv);
    if (Number.isInteger(n) && n >= 1) return n;
    throw new VrsInputError(`must be a positive integer, got "${fromEnv}"`, 'environment', 'VRS_THREADS');
  }
  return Math.max(1, availableParallelism());
}
