import { randomBytes } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { hostname } from 'node:os';
import { dirname, join } from 'node:path';
import { FileDigestCache } from './FileDigestCache.js';
import { storeFormat, type StepManifest } from './StepManifest.js';
import { isProcessAlive } from '../run/isProcessAlive.js';

/** A finished step in the store. */
export interface StoredStep {
  key: string;
  /** Absolute folder of the entry; artifact paths in the manifest are relative to it. */
  dir: string;
  manifest: StepManifest;
}

/** Where a running step writes: moved into the store as a whole when the step succeeds. */
export interface StepWorkspace {
  key: string;
  dir: string;
  /** Private temporary folder of the protocol; deleted before the commit. */
  scratchDir: string;
  /** The step's log, kept with its outputs. */
  logFile: string;
}

/**
 * Content-addressed store of step results: `steps/<k0k1>/<key>/` holds `outputs/`, `step.log` and
 * `manifest.json`. A step is written in `tmp/` and renamed into place with its manifest already
 * inside, so an entry either exists complete or not at all — a killed run leaves only a `tmp/`
 * folder, which is never read and is cleaned up by the next run.
 */
export class StepStore {
  readonly digests: FileDigestCache;
  readonly #host = hostname();

  constructor(readonly root: string) {
    mkdirSync(join(root, 'steps'), { recursive: true });
    mkdirSync(join(root, 'tmp'), { recursive: true });
    this.digests = new FileDigestCache(join(root, 'digests'));
  }

  entryDir(key: string): string {
    return join(this.root, 'steps', key.slice(0, 2), key);
  }

  /**
   * The finished entry for a key, or undefined. An entry counts only if its manifest parses, names
   * this key, and every recorded file is there with its recorded size.
   */
  lookup(key: string): StoredStep | undefined {
    const dir = this.entryDir(key);
    let manifest: StepManifest;
    try {
      manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as StepManifest;
    } catch {
      return undefined;
    }
    if (manifest.format !== storeFormat || manifest.key !== key) return undefined;
    for (const record of Object.values(manifest.outputs)) {
      for (const file of record.files) {
        try {
          if (statSync(join(dir, file.name)).size !== file.size) return undefined;
        } catch {
          return undefined;
        }
      }
    }
    return { key, dir, manifest };
  }

  async createWorkspace(key: string): Promise<StepWorkspace> {
    const dir = join(this.root, 'tmp', `${key.slice(0, 16)}@${process.pid}@${randomBytes(4).toString('hex')}@${this.#host}`);
    const scratchDir = join(dir, 'scratch');
    await mkdir(scratchDir, { recursive: true });
    return { key, dir, scratchDir, logFile: join(dir, 'step.log') };
  }

  /**
   * Writes the manifest into the workspace and moves it into place. With `replace` (a forced
   * rerun) an existing entry is swapped out; otherwise an entry that appeared meanwhile (another
   * run computed the same key) wins and this workspace is dropped.
   *
   * There is no check-then-rename: the rename itself is the test (it fails with ENOTEMPTY/EEXIST
   * when the entry exists), so runs committing the same key at the same moment, in this process or
   * others sharing the store, all succeed. An entry being replaced is first renamed aside, which
   * only one of several concurrent replacements can do; the others try again.
   */
  async commit(workspace: StepWorkspace, manifest: StepManifest, options: { replace?: boolean } = {}): Promise<StoredStep> {
    await rm(workspace.scratchDir, { recursive: true, force: true });
    await writeFile(join(workspace.dir, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`);
    const target = this.entryDir(workspace.key);
    await mkdir(dirname(target), { recursive: true });
    for (let attempt = 0; ; attempt++) {
      try {
        await rename(workspace.dir, target);
        return { key: workspace.key, dir: target, manifest };
      } catch (error) {
        if (!isEntryInTheWay(error) || attempt >= 20) throw error;
      }
      const existing = this.lookup(workspace.key);
      if (existing && !options.replace) {
        await this.discard(workspace);
        return existing;
      }
      // A forced rerun, or a damaged entry: move it aside (unless another commit just did).
      const trash = `${workspace.dir}.old${attempt}`;
      try {
        await rename(target, trash);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
        continue;
      }
      await rm(trash, { recursive: true, force: true });
    }
  }

  async discard(workspace: StepWorkspace): Promise<void> {
    await rm(workspace.dir, { recursive: true, force: true });
  }

  /**
   * Deletes every entry whose key is not in `keep` (with `dryRun`, only lists them). Entries are
   * ours alone: nothing a user gave is inside the store. The caller makes sure no run is using it.
   */
  prune(keep: ReadonlySet<string>, options: { dryRun?: boolean } = {}): { key: string; step: string; bytes: number }[] {
    const removed: { key: string; step: string; bytes: number }[] = [];
    const steps = join(this.root, 'steps');
    for (const prefix of readdirSync(steps)) {
      for (const key of readdirSync(join(steps, prefix))) {
        if (keep.has(key)) continue;
        const dir = join(steps, prefix, key);
        let step = '?';
        try {
          step = (JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as StepManifest).step;
        } catch {
          // an entry without a readable manifest is not a finished step: it goes too
        }
        removed.push({ key, step, bytes: folderBytes(dir) });
        if (!options.dryRun) rmSync(dir, { recursive: true, force: true });
      }
    }
    return removed;
  }

  /** Removes workspaces left by processes of this host that no longer run (killed runs). */
  cleanAbandoned(): string[] {
    const removed: string[] = [];
    const tmp = join(this.root, 'tmp');
    for (const name of readdirSync(tmp)) {
      const [, pid, , tail] = name.split('@');
      // A replaced entry moved aside is named after the workspace with a '.old<n>' suffix.
      const host = tail?.replace(/\.old\d*$/, '');
      if (host !== this.#host || !pid || isProcessAlive(Number(pid))) continue;
      rmSync(join(tmp, name), { recursive: true, force: true });
      removed.push(name);
    }
    return removed;
  }
}

function isEntryInTheWay(error: unknown): boolean {
  const code = (error as NodeJS.ErrnoException).code;
  return code === 'ENOTEMPTY' || code === 'EEXIST';
}

function folderBytes(dir: string): number {
  let bytes = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    bytes += entry.isDirectory() ? folderBytes(path) : statSync(path).size;
  }
  return bytes;
}
