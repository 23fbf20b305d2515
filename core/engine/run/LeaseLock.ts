import { randomBytes } from 'node:crypto';
import { closeSync, openSync, readFileSync, renameSync, rmSync, statSync, unlinkSync, writeSync } from 'node:fs';
import { Worker } from 'node:worker_threads';

/** How often the holder renews its lease, and how old a lease must be to count as abandoned. */
export const LEASE_RENEW_MS = 500;
export const LEASE_TTL_MS = 4000;

/** What a lock file holds: whoever wrote it, and the token that tells its own lock from a successor's. */
export interface LeaseContent {
  token: string;
  [field: string]: unknown;
}

// The heartbeat runs in its own thread: a main thread busy for seconds (a synchronous kernel, the
// PDF) must not let the lease lapse, and a killed process takes the thread with it.
// It renews only its own lock: a holder whose lease lapsed (stopped for seconds) must not keep a
// successor's lock alive.
const HEARTBEAT = `
const { workerData } = require('node:worker_threads');
const { readFileSync, utimesSync } = require('node:fs');
setInterval(() => {
  try {
    if (JSON.parse(readFileSync(workerData.file, 'utf8')).token !== workerData.token) process.exit(0);
    const now = new Date();
    utimesSync(workerData.file, now, now);
  } catch { process.exit(0); }
}, workerData.renewMs);
`;

/**
 * A lock file held as a lease: its holder touches it every LEASE_RENEW_MS from a heartbeat
 * thread, and a lock not touched for LEASE_TTL_MS belongs to nobody — whatever became of its
 * holder (killed with SIGKILL and not yet reaped, on another host, its pid reused). No process-id
 * probing. Taking over an abandoned lock first renames it aside, which only one contender can do.
 */
export class LeaseLock<T extends Record<string, unknown>> {
  #heartbeat: Worker | undefined;
  #token: string | undefined;

  constructor(
    readonly file: string,
    readonly timing: { renewMs: number; ttlMs: number } = { renewMs: LEASE_RENEW_MS, ttlMs: LEASE_TTL_MS },
  ) {}

  /**
   * Takes the lock. A lock whose lease lapsed is taken over (its content returned as
   * `abandoned`); one seen renewed while we wait belongs to a live holder: `onHeld` is called
   * with its content and must throw. Waits at most one TTL.
   */
  async acquire(content: T, onHeld: (holder: Partial<T>) => never): Promise<{ abandoned?: Partial<T> }> {
    const token = randomBytes(8).toString('hex');
    const body = JSON.stringify({ ...content, token });
    let abandoned: Partial<T> | undefined;
    let firstSeen: number | undefined;
    const deadline = Date.now() + this.timing.ttlMs + 2 * this.timing.renewMs;
    for (;;) {
      try {
        const fd = openSync(this.file, 'wx');
        try {
          writeSync(fd, body);
        } finally {
          closeSync(fd);
        }
        this.#token = token;
        this.#heartbeat = new Worker(HEARTBEAT, { eval: true, execArgv: [], workerData: { file: this.file, renewMs: this.timing.renewMs, token } });
        this.#heartbeat.unref();
        return abandoned === undefined ? {} : { abandoned };
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      }
      let mtime: number;
      try {
        mtime = statSync(this.file).mtimeMs;
      } catch {
        continue; // released meanwhile
      }
      const holder = readHolder<T>(this.file);
      if (Date.now() - mtime > this.timing.ttlMs) {
        const taken = this.#takeOver(token);
        if (taken === 'busy') await new Promise((resolve) => setTimeout(resolve, 20));
        else if (taken === 'taken') abandoned = holder;
        continue;
      }
      if (firstSeen === undefined) firstSeen = mtime;
      else if (mtime !== firstSeen || Date.now() > deadline) onHeld(holder);
      await new Promise((resolve) => setTimeout(resolve, Math.min(this.timing.renewMs, Math.max(20, this.timing.ttlMs - (Date.now() - mtime) + 20))));
    }
  }

  /**
   * Moves a lapsed lock aside. Two contenders that saw it lapse at the same moment must not both
   * do it (the second would move the first one's fresh lock aside): the check and the move happen
   * under a guard file created with O_EXCL, and the lock is looked at again inside. A guard left
   * by a contender killed in between is itself lapsed after one TTL and removed.
   */
  #takeOver(token: string): 'taken' | 'fresh' | 'busy' {
    const guard = `${this.file}.takeover`;
    try {
      closeSync(openSync(guard, 'wx'));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      try {
        if (Date.now() - statSync(guard).mtimeMs > this.timing.ttlMs) rmSync(guard, { force: true });
      } catch {
        // removed meanwhile
      }
      return 'busy';
    }
    try {
      try {
        if (Date.now() - statSync(this.file).mtimeMs <= this.timing.ttlMs) return 'fresh';
      } catch {
        return 'fresh'; // released meanwhile: the next attempt creates it
      }
      const aside = `${this.file}.abandoned-${token}`;
      renameSync(this.file, aside);
      rmSync(aside, { force: true });
      return 'taken';
    } finally {
      rmSync(guard, { force: true });
    }
  }

  /** Gives the lock up (only our own: a successor's lock is left alone). */
  release(): void {
    void this.#heartbeat?.terminate();
    this.#heartbeat = undefined;
    if (this.#token === undefined) return;
    const holder = readHolder<T>(this.file) as Partial<LeaseContent>;
    if (holder.token === this.#token) {
      try {
        unlinkSync(this.file);
      } catch {
        // already gone
      }
    }
    this.#token = undefined;
  }

  /** Whether a lock file is held by a live lease now (for status displays). */
  static isLive(file: string, ttlMs = LEASE_TTL_MS): boolean {
    try {
      return Date.now() - statSync(file).mtimeMs <= ttlMs;
    } catch {
      return false;
    }
  }

  /** What a lock file says of its holder (empty when it is gone or was cut short). */
  static holderOf<T extends Record<string, unknown>>(file: string): Partial<T> {
    return readHolder<T>(file);
  }
}

function readHolder<T>(file: string): Partial<T> {
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as Partial<T>;
  } catch {
    // Cut short by a kill while being written, or gone.
    return {};
  }
}
