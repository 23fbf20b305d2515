import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, extname, relative, resolve, sep } from 'node:path';
import { hashBytes } from '../store/hashFile.js';

/** Source files whose relative imports are followed. */
const SCRIPT = /\.(?:[cm]?[jt]sx?)$/;

/**
 * Static `import … from '…'`, `export … from '…'`, side-effect `import '…'` and dynamic
 * `import('…')` with a literal specifier. Type-only imports and exports are skipped: they vanish at
 * run time, so editing a type file does not invalidate results.
 */
const IMPORT = /(?:^|[;\s}])(?:import|export)\s+(type\s+)?(?:[^'";]*?\s+from\s+)?['"]([^'"\n]+)['"]|\bimport\s*\(\s*['"]([^'"\n]+)['"]\s*\)/g;

interface FileEntry {
  size: number;
  mtimeMs: number;
  sha256: string;
  /** Absolute paths of the local files it imports. */
  imports: string[];
}

/** Per process: a file is read again only when its size or modification time changed. */
const files = new Map<string, FileEntry>();

/**
 * Digest of the code a plugin module runs: the module file and, followed recursively, every file
 * it imports by a relative specifier ('./x.js', '../core/index.js'), outside node_modules (packages
 * have versions; local files do not). Files count by content and by their path relative to the
 * module's folder, so a copy of the plugin elsewhere has the same digest. A TypeScript source
 * imported as './x.js' counts as './x.ts'.
 */
export function moduleCodeDigest(moduleFile: string): string {
  const root = dirname(resolve(moduleFile));
  const seen = new Map<string, string>();
  const pending = [resolve(moduleFile)];
  while (pending.length > 0) {
    const file = pending.pop()!;
    if (seen.has(file)) continue;
    const entry = readEntry(file);
    if (!entry) continue;
    seen.set(file, entry.sha256);
    pending.push(...entry.imports);
  }
  const lines = [...seen].map(([file, sha256]) => `${relative(root, file).split(sep).join('/')}\t${sha256}`).sort();
  return hashBytes(lines.join('\n'));
}

function readEntry(file: string): FileEntry | undefined {
  let stat;
  try {
    stat = statSync(file);
  } catch {
    return undefined;
  }
  if (!stat.isFile()) return undefined;
  const cached = files.get(file);
  if (cached && cached.size === stat.size && cached.mtimeMs === stat.mtimeMs) return cached;
  const bytes = readFileSync(file);
  const imports: string[] = [];
  if (SCRIPT.test(file)) {
    for (const match of bytes.toString('utf8').matchAll(IMPORT)) {
      if (match[1]) continue; // import type / export type
      const specifier = match[2] ?? match[3]!;
      if (!specifier.startsWith('./') && !specifier.startsWith('../')) continue;
      const target = resolveLocal(resolve(dirname(file), specifier.split('?')[0]!));
      if (target && !target.split(sep).includes('node_modules')) imports.push(target);
    }
    // Files a module reads at run time (templates, schemas) count as its code when it says so.
    for (const match of bytes.toString('utf8').matchAll(ASSETS)) {
      for (const name of match[1]!.trim().split(/\s+/)) imports.push(...filesUnder(resolve(dirname(file), name)));
    }
  }
  const entry = { size: stat.size, mtimeMs: stat.mtimeMs, sha256: hashBytes(bytes), imports };
  files.set(file, entry);
  return entry;
}

/**
 * A line comment `code-digest-assets:` followed by paths, on a line of its own in a source file:
 * the files under those paths (relative to the source's folder) are part of its code digest,
 * e.g. the report's templates, which it reads at run time.
 */
const ASSETS = /^[ \t]*\/\/[ \t]*code-digest-assets:([^\n]*)/gm;

/** The file itself, or every file under a folder (sorted, recursively). */
function filesUnder(path: string): string[] {
  let stat;
  try {
    stat = statSync(path);
  } catch {
    return [];
  }
  if (stat.isFile()) return [path];
  if (!stat.isDirectory()) return [];
  return readdirSync(path).sort().flatMap((name) => filesUnder(resolve(path, name)));
}

/** The file a relative specifier names: as written, its TypeScript source, or an index file. */
function resolveLocal(path: string): string | undefined {
  const extension = extname(path);
  const sources: Record<string, string[]> = { '.js': ['.ts', '.tsx'], '.mjs': ['.mts'], '.cjs': ['.cts'], '.jsx': ['.tsx'] };
  const candidates = [
    path,
    ...(sources[extension] ?? []).map((ts) => path.slice(0, -extension.length) + ts),
    ...(extension === '' ? ['.ts', '.js', '.mts', '.mjs', '/index.ts', '/index.js'].map((suffix) => path + suffix) : []),
  ];
  return candidates.find((candidate) => existsSync(candidate) && statSync(candidate).isFile());
}
