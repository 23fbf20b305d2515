import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

// The templates and the schema are read at run time: the report step's cache key must change with them.
// code-digest-assets: templates schema
let cachedRoot: string | undefined;

/**
 * The folder of this package (the one holding package.json). Report templates and the JSON Schema
 * stay in core/report under it, and are read from there both when running compiled code from
 * dist/ and from TypeScript sources, so the build never has to copy them.
 */
export function reportPackageRoot(): string {
  if (cachedRoot) return cachedRoot;
  let dir = path.dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const manifest = path.join(dir, 'package.json');
    if (existsSync(manifest) && existsSync(path.join(dir, 'core', 'report', 'templates'))) {
      cachedRoot = dir;
      return dir;
    }
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error(`cannot find the package root (package.json with core/report/templates) above ${fileURLToPath(import.meta.url)}`);
    dir = parent;
  }
}

/** Absolute path of a file under core/report (e.g. "templates/report.mustache"). */
export function reportAssetPath(relative: string): string {
  return path.join(reportPackageRoot(), 'core', 'report', relative);
}

/** Text of a file under core/report. */
export function readReportAsset(relative: string): string {
  return readFileSync(reportAssetPath(relative), 'utf8');
}

/** Name and version from this package's package.json. */
export function reportToolInfo(): { name: string; version: string } {
  const manifest = JSON.parse(readFileSync(path.join(reportPackageRoot(), 'package.json'), 'utf8')) as { name?: string; version?: string };
  return { name: manifest.name ?? 'cryo-vrs', version: manifest.version ?? '0.0.0' };
}
