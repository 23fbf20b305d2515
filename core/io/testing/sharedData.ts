import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** Repository root, found from this file's place in core/io/testing. */
export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

/** The shared real-data folder beside the clone (CI has it at ../shared). */
export const sharedDataDir = path.resolve(repoRoot, '../shared/data');

export const hasSharedData = existsSync(sharedDataDir);

export function sharedDataFile(...parts: string[]): string {
  return path.join(sharedDataDir, ...parts);
}

if (!hasSharedData) {
  console.warn(`[core/io tests] ${sharedDataDir} is absent: tests on real EMDB data are skipped`);
}
