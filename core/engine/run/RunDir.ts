import { appendFileSync, cpSync, existsSync, mkdirSync, readFileSync, renameSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { dirname, isAbsolute, join, relative, resolve } from 'node:path';
import type { RunRecord } from './RunRecord.js';
import { RunLockedError } from './RunLockedError.js';
import { LeaseLock } from './LeaseLock.js';

interface LockContent extends Record<string, unknown> {
  pid: number;
  host: string;
  attempt: number;
  startedAt: string;
}

/**
 * A run folder:
 * - run.json — workflow, params, store, attempts and step outcomes (RunRecord);
 * - workflow.yaml — the workflow as run (includes merged), with workflow-sources/ the files as written;
 * - journal.jsonl — every event of every attempt, one JSON object per line;
 * - logs/<step>.log — each step's log, all attempts appended;
 * - steps/<step> — link to the step's folder in the store;
 * - run.lock — held while a process works on the folder (pid, host, attempt), as a lease renewed every 0.5 s;
 * - store/ — the step store, unless a shared one is configured;
 * - published outputs (e.g. report.json), where the workflow's `publish` entries put them.
 */
export class RunDir {
  readonly dir: string;

  readonly #lock: LeaseLock<LockContent>;

  constructor(dir: string) {
    this.dir = resolve(dir);
    this.#lock = new LeaseLock(this.lockFile);
  }

  get recordFile(): string {
    return join(this.dir, 'run.json');
  }
  get journalFile(): string {
    return join(this.dir, 'journal.jsonl');
  }
  get lockFile(): string {
    return join(this.dir, 'run.lock');
  }
  get workflowFile(): string {
    return join(this.dir, 'workflow.yaml');
  }
  get defaultStore(): string {
    return join(this.dir, 'store');
  }
  logFile(step: string): string {
    return join(this.dir, 'logs', `${step}.log`);
  }

  exists(): boolean {
    return existsSync(this.recordFile);
  }

  /**
   * run.json with its store as an absolute path (a relative one is resolved against this folder);
   * undefined when missing, unreadable or not a run record (a user's own run.json).
   */
  readRecord(): RunRecord | undefined {
    let record: RunRecord;
    try {
      record = JSON.parse(readFileSync(this.recordFile, 'utf8')) as RunRecord;
    } catch {
      return undefined;
    }
    const looksLikeRecord =
      typeof record === 'object' && record !== null && record.format === 1 && typeof record.workflow?.name === 'string' &&
      typeof record.store === 'string' && typeof record.steps === 'object' && record.steps !== null && typeof record.params === 'object' && record.params !== null;
    if (!looksLikeRecord) return undefined;
    const { localParams, ...rest } = record;
    const params = { ...rest.params };
    for (const name of localParams ?? []) if (typeof params[name] === 'string') params[name] = resolve(this.dir, params[name]);
    return { ...rest, params, store: resolve(this.dir, record.store) };
  }

  /**
   * Writes run.json atomically. A store inside the folder is recorded relative to it, so that a
   * folder moved or copied elsewhere keeps using its own store (records written before hold an
   * absolute path, which readRecord still accepts). So are path params naming files inside it.
   */
  writeRecord(record: RunRecord): void {
    mkdirSync(this.dir, { recursive: true });
    const inside = (path: string) => path === this.dir || path.startsWith(`${this.dir}/`);
    const store = resolve(record.store);
    const params = { ...record.params };
    const localParams: string[] = [];
    for (const [name, value] of Object.entries(params)) {
      if (typeof value === 'string' && isAbsolute(value) && inside(value)) {
        params[name] = relative(this.dir, value);
        localParams.push(name);
      }
    }
    const written = { ...record, params, ...(localParams.length > 0 ? { localParams } : {}), store: inside(store) ? relative(this.dir, store) || '.' : store };
    const temp = `${this.recordFile}.${process.pid}.tmp`;
    writeFileSync(temp, `${JSON.stringify(written, null, 2)}\n`);
    renameSync(temp, this.recordFile);
  }

  /**
   * Takes the folder's lock for `attempt` (a lease, see LeaseLock): a lock whose holder stopped
   * renewing it (a killed run, on this host or another) is taken over and reported — at most a
   * few seconds after the kill; a live holder raises RunLockedError.
   */
  async acquireLock(attempt: number): Promise<{ staleHolder?: Partial<LockContent> }> {
    mkdirSync(join(this.dir, 'logs'), { recursive: true });
    const content: LockContent = { pid: process.pid, host: hostname(), attempt, startedAt: new Date().toISOString() };
    const { abandoned } = await this.#lock.acquire(content, (holder) => {
      throw new RunLockedError(this.dir, { pid: holder.pid ?? 0, host: holder.host ?? '?', attempt: holder.attempt ?? 0, startedAt: holder.startedAt ?? '?' });
    });
    return abandoned ? { staleHolder: abandoned } : {};
  }

  releaseLock(): void {
    this.#lock.release();
  }

  /** True while a process holds the folder's lock (its lease is being renewed). */
  isLocked(): boolean {
    return LeaseLock.isLive(this.lockFile);
  }

  appendJournal(entry: object): void {
    appendFileSync(this.journalFile, `${JSON.stringify(entry)}\n`);
  }

  /** Every journal entry so far, in order. */
  readJournal(): Record<string, unknown>[] {
    if (!existsSync(this.journalFile)) return [];
    return readFileSync(this.journalFile, 'utf8')
      .split('\n')
      .filter((line) => line.trim() !== '')
      .flatMap((line) => {
        try {
          return [JSON.parse(line) as Record<string, unknown>];
        } catch {
          return []; // a line cut short by a kill
        }
      });
  }

  /** Points steps/<step> at the step's store folder (relative link when the store is inside the run folder). */
  linkStep(step: string, entryDir: string): void {
    const link = join(this.dir, 'steps', step);
    mkdirSync(dirname(link), { recursive: true });
    const target = entryDir.startsWith(`${this.dir}/`) ? relative(dirname(link), entryDir) : entryDir;
    const temp = `${link}.${process.pid}.tmp`;
    rmSync(temp, { force: true });
    symlinkSync(target, temp, 'dir');
    renameSync(temp, link);
  }

  /** Copies a stored artifact (file or folder) to `target` inside the run folder, replacing what was there. */
  publish(source: string, target: string): string {
    const destination = resolve(this.dir, target);
    if (!destination.startsWith(`${this.dir}/`)) throw new Error(`publish target ${target} is outside the run folder`);
    mkdirSync(dirname(destination), { recursive: true });
    const temp = `${destination}.${process.pid}.tmp`;
    rmSync(temp, { recursive: true, force: true });
    cpSync(source, temp, { recursive: true });
    rmSync(destination, { recursive: true, force: true });
    renameSync(temp, destination);
    return destination;
  }
}
