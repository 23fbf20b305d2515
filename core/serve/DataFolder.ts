import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';

/** A run id as the server makes them: UTC date and time, then 8 random hex digits. */
export const RUN_ID_PATTERN = /^\d{8}-\d{6}-[0-9a-f]{8}$/;

/** A new run id (sortable by creation time; the random part makes it unguessable enough to not collide). */
export function newRunId(now = new Date()): string {
  const stamp = now.toISOString().replace(/[-:]/g, '').replace('T', '-').slice(0, 15);
  return `${stamp}-${randomBytes(4).toString('hex')}`;
}

export function isRunId(text: string): boolean {
  return RUN_ID_PATTERN.test(text);
}

/**
 * The server's data folder: uploads under server-chosen names, one engine run folder per run, one
 * step store shared by every run (so two submissions of the same files reuse the cache). Every path
 * the server reads or serves is built here from a checked run id and fixed names.
 */
export class DataFolder {
  readonly dir: string;

  constructor(dir: string) {
    this.dir = resolve(dir);
    for (const sub of ['uploads', 'runs', 'store']) mkdirSync(join(this.dir, sub), { recursive: true });
  }

  get store(): string {
    return join(this.dir, 'store');
  }

  get runsDir(): string {
    return join(this.dir, 'runs');
  }

  uploadDir(id: string): string {
    return join(this.dir, 'uploads', checkedId(id));
  }

  runDir(id: string): string {
    return join(this.dir, 'runs', checkedId(id));
  }

  /**
   * Removes what a server killed during an upload or a check left: upload folders of submissions
   * that never became a run (no state file). Call before serving (one server per data folder).
   */
  removeAbandonedUploads(): string[] {
    const removed: string[] = [];
    for (const name of readdirSync(join(this.dir, 'uploads'))) {
      if (isRunId(name) && existsSync(this.stateFile(name))) continue;
      rmSync(join(this.dir, 'uploads', name), { recursive: true, force: true });
      removed.push(name);
    }
    return removed;
  }

  /** The server's state of a run, beside the engine's files in the run folder. */
  stateFile(id: string): string {
    return join(this.runDir(id), 'serve.json');
  }
}

function checkedId(id: string): string {
  if (!isRunId(id)) throw new Error(`not a run id: ${JSON.stringify(id)}`);
  return id;
}
