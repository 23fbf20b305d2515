import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The root folder of the cryo-vrs package (where package.json is), found from this file whether it
 * runs from TypeScript sources (core/engine/plugins) or from dist (dist/core/engine/plugins).
 */
export const packageRoot: string = findPackageRoot(dirname(fileURLToPath(import.meta.url)));

/** True when the engine runs from TypeScript sources (tsx, vitest) rather than compiled dist/. */
export const runningFromSources: boolean = import.meta.url.endsWith('.ts');

/** The version in the package's package.json. */
export const engineVersion: string = (JSON.parse(readFileSync(join(packageRoot, 'package.json'), 'utf8')) as { version: string }).version;

/**
 * A module of this package by its path from the root, without extension (e.g. "protocols/index"):
 * the TypeScript source when running from sources, the compiled file in dist/ otherwise.
 */
export function packageModule(relativePathWithoutExtension: string): string {
  return runningFromSources
    ? join(packageRoot, `${relativePathWithoutExtension}.ts`)
    : join(packageRoot, 'dist', `${relativePathWithoutExtension}.js`);
}

function findPackageRoot(start: string): string {
  for (let dir = start; ; dir = dirname(dir)) {
    const file = join(dir, 'package.json');
    if (existsSync(file) && (JSON.parse(readFileSync(file, 'utf8')) as { name?: string }).name === 'cryo-vrs') return dir;
    if (dirname(dir) === dir) throw new Error(`cannot find the cryo-vrs package root above ${start}`);
  }
}
