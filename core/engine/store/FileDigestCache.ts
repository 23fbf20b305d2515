import { mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { hashBytes, hashFile } from './hashFile.js';

interface DigestEntry {
  path: string;
  size: number;
  mtimeMs: number;
  ino: number;
  sha256: string;
}

/**
 * Content digests of user files (maps, models), remembered by path + size + mtime + inode so a
 * second run does not re-read a big map. One small file per path: concurrent runs sharing a store
 * never rewrite each other's entries.
 */
export class FileDigestCache {
  constructor(readonly dir: string) {}

  /** SHA-256 of the file's content; computed only when the file changed since it was last hashed. */
  async digest(path: string): Promise<string> {
    const stat = statSync(path);
    const entryFile = join(this.dir, `${hashBytes(path).slice(0, 40)}.json`);
    try {
      const entry = JSON.parse(readFileSync(entryFile, 'utf8')) as DigestEntry;
      if (entry.path === path && entry.size === stat.size && entry.mtimeMs === stat.mtimeMs && entry.ino === stat.ino) return entry.sha256;
    } catch {
      // no entry yet, or an unreadable one: hash again
    }
    const sha256 = await hashFile(path);
    const entry: DigestEntry = { path, size: stat.size, mtimeMs: stat.mtimeMs, ino: stat.ino, sha256 };
    mkdirSync(this.dir, { recursive: true });
    const temp = `${entryFile}.${process.pid}.tmp`;
    writeFileSync(temp, JSON.stringify(entry));
    renameSync(temp, entryFile);
    return sha256;
  }
}
