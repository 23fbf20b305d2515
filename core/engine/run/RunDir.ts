import { appendFileSync, closeSync, cpSync, existsSync, mkdirSync, openSync, readFileSync, renameSync, rmSync, symlinkSync, unlinkSync, writeFileSync, writeSync } from 'node:fs';
import { hostname } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import type { RunRecord } from './RunRecord.js';
import { RunLockedError } from './RunLockedError.js';
import { isProcessAlive } from './isProcessAlive.js';

interface LockContent {
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
 * - run.lock — held while a process works on the folder (pid, host, attempt);
 * - store/ — the step store, unless a shared one is configured;
 * - published outputs (e.g. report.json), where the workflow's `publish` entries put them.
 */
export class RunDir {
  readonly dir: string;

  constructor(dir: string) {
    this.dir = resolve(dir);
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

  readRecord(): RunRecord | undefined {
    try {
      return JSON.parse(readFileSync(this.recordFile, 'utf8')) as RunRecord;
    } catch {
      return undefined;
    }
  }

  writeRecord(record: RunRecord): void {
    mkdirSync(this.dir, { recursive: true });
    const temp = `${this.recordFile}.${process.pid}.tmp`;
    writeFileSync(temp, `${JSON.stringify(record, null, 2)}\n`);
    renameSync(temp, this.recordFile);
  }

  /**
   * Takes the folder's lock for `attempt`. A lock left by a dead process of this host (a killed
   * run) is taken over and reported; a live holder raises RunLockedError.
   */
  acquireLock(attempt: number): { staleHolder?: LockContent } {
    mkdirSync(join(this.dir, 'logs'), { recursive: true });
    const content: LockContent = { pid: process.pid, host: hostname(), attempt, startedAt: new Date().toISOString() };
    let staleHolder: LockContent | undefined;
    for (let tries = 0; tries < 2; tries++) {
      try {
        const fd = openSync(this.lockFile, 'wx');
        writeSync(fd, JSON.stringify(content));
        closeSync(fd);
        return staleHolder ? { staleHolder } : {};
      } catch (error) {
        if ((error as { code?: string }).code !== 'EEXIST') throw error;
      }
      let holder: LockContent;
      try {
        holder = JSON.parse(readFileSync(this.lockFile, 'utf8')) as LockContent;
      } catch {
        // A lock file that cannot be read was cut short by a kill while being written.
        holder = { pid: 0, host: hostname(), attempt: 0, startedAt: '?' };
      }
      if (holder.host !== hostname() || isProcessAlive(holder.pid)) throw new RunLockedError(this.dir, holder);
      staleHolder = holder;
      rmSync(this.lockFile, { force: true });
    }
    throw new Error(`could not lock ${this.dir}`);
  }

  releaseLock(): void {
    try {
      const holder = JSON.parse(readFileSync(this.lockFile, 'utf8')) as LockContent;
      if (holder.pid === process.pid) unlinkSync(this.lockFile);
    } catch {
      // already gone
    }
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
