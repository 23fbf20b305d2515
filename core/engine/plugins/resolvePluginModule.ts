import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import { VrsInputError } from '../../errors/index.js';

/**
 * Turns a plugin reference from configuration into the module file to import:
 * - a file path (relative to `baseDir`): that file;
 * - a folder holding a package.json: the package's entry point (`exports["."]`, then `main`);
 * - a bare package name: that package, found in node_modules above `baseDir`.
 */
export function resolvePluginModule(reference: string, baseDir: string, source: string): string {
  // A bare name that exists as a path (e.g. "plugins/my-plugin") is taken as that path.
  const looksLikePath = reference.startsWith('.') || isAbsolute(reference) || existsSync(resolve(baseDir, reference));
  if (looksLikePath) {
    const target = resolve(baseDir, reference);
    if (!existsSync(target)) throw new VrsInputError(`plugin ${reference} not found (looked at ${target})`, source, 'plugins');
    return statSync(target).isDirectory() ? packageEntry(target, reference, source) : target;
  }
  for (let dir = resolve(baseDir); ; dir = dirname(dir)) {
    const candidate = join(dir, 'node_modules', reference);
    if (existsSync(join(candidate, 'package.json'))) return packageEntry(candidate, reference, source);
    if (dirname(dir) === dir) break;
  }
  throw new VrsInputError(`plugin package ${reference} is not installed (no node_modules/${reference} above ${baseDir})`, source, 'plugins');
}

interface PackageJson {
  name?: string;
  main?: string;
  exports?: unknown;
}

function packageEntry(dir: string, reference: string, source: string): string {
  const manifestFile = join(dir, 'package.json');
  if (!existsSync(manifestFile)) {
    throw new VrsInputError(`plugin folder ${reference} has no package.json`, source, 'plugins');
  }
  const manifest = JSON.parse(readFileSync(manifestFile, 'utf8')) as PackageJson;
  const entry = exportTarget(manifest.exports) ?? manifest.main ?? 'index.js';
  const file = resolve(dir, entry);
  if (!existsSync(file)) {
    throw new VrsInputError(
      `plugin ${manifest.name ?? reference}: its entry point ${entry} does not exist — build the plugin first (npm run build in ${dir})`,
      source,
      'plugins',
    );
  }
  return file;
}

/** The file an `exports` field maps "." to for `import`, following Node's condition order loosely. */
function exportTarget(exportsField: unknown): string | undefined {
  if (typeof exportsField === 'string') return exportsField;
  if (!exportsField || typeof exportsField !== 'object') return undefined;
  const record = exportsField as Record<string, unknown>;
  const root = Object.hasOwn(record, '.') ? record['.'] : record;
  if (typeof root === 'string') return root;
  if (!root || typeof root !== 'object') return undefined;
  const conditions = root as Record<string, unknown>;
  for (const condition of ['import', 'node', 'default']) {
    const target = conditions[condition];
    if (typeof target === 'string') return target;
    const nested = exportTarget(target);
    if (nested) return nested;
  }
  return undefined;
}
