import { mkdirSync } from 'node:fs';
import path from 'node:path';

export const repoRoot = path.resolve(import.meta.dirname, '../..');

/** test-output/<name> (git-ignored), created on demand: screenshots, PDFs and page images to look at. */
export function outputDir(name: string): string {
  const dir = path.join(repoRoot, 'test-output', name);
  mkdirSync(dir, { recursive: true });
  return dir;
}
