import { randomBytes } from 'node:crypto';
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, writeSync } from 'node:fs';
import { homedir, hostname } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import type { RunStatus } from '../lifecycle/EngineEvents.js';
import { LEASE_TTL_MS } from './LeaseLock.js';
import { RunDir } from './RunDir.js';

/** The machine-wide run history, in the vrs home folder ($VRS_HOME, default ~/.vrs). */
export function runHistoryFile(env: NodeJS.ProcessEnv = process.env): string {
  return join(resolve(env['VRS_HOME'] || join(homedir(), '.vrs')), 'history.jsonl');
}

/** What a run is known by from its start: written before the engine runs it. */
export interface RunStartRecord {
  event: 'start';
  id: string;
  time: string;
  pid: number;
  host: string;
  runDir: string;
  workflow: string;
  /** The `map` parameter, when the workflow has one. */
  map?: string;
}

/** How a run ended; a run killed (SIGKILL, power loss) never writes one. */
export interface RunEndRecord {
  event: 'end';
  id: string;
  time: string;
  status: RunStatus;
  /** report.json the run published, when it did. */
  report?: string;
  /** Why the run stopped before its steps ran (a locked folder, a bad input). */
  error?: string;
}

/** 'killed': started, never ended, and no process holds its run folder any more. */
export type RunHistoryStatus = RunStatus | 'running' | 'killed';

/** One run as `vrs log` shows it. */
export interface RunHistoryEntry {
  id: string;
  startedAt: string;
  endedAt?: string;
  /** Until the end, or until now for a running run; absent for a killed one (its end is unknown). */
  durationMs?: number;
  status: RunHistoryStatus;
  workflow: string;
  map?: string;
  runDir: string;
  /** False when the run folder was moved or deleted since. */
  runDirExists: boolean;
  report?: string;
  error?: string;
}

/**
 * An append-only JSON-lines file with one line when a run starts and one when it ends. Each line
 * is one write(2) on a descriptor opened with O_APPEND, so lines of runs writing at once never
 * interleave. A run with no end line is 'running' while its run folder's lease lock is live
 * (RunDir.isLocked, as `vrs status` decides), 'killed' once it lapsed or a later run took the folder.
 */
export class RunHistory {
  constructor(readonly file: string) {}

  /** Records a run's start; returns the id its end line refers to. */
  recordStart(run: { runDir: string; workflow: string; map?: string }): string {
    const id = randomBytes(6).toString('hex');
    const line: RunStartRecord = {
      event: 'start',
      id,
      time: new Date().toISOString(),
      pid: process.pid,
      host: hostname(),
      runDir: resolve(run.runDir),
      workflow: run.workflow,
      ...(run.map !== undefined ? { map: run.map } : {}),
    };
    this.#append(line);
    return id;
  }

  recordEnd(id: string, end: { status: RunStatus; report?: string; error?: string }): void {
    const line: RunEndRecord = { event: 'end', id, time: new Date().toISOString(), status: end.status, ...(end.report ? { report: end.report } : {}), ...(end.error ? { error: end.error } : {}) };
    this.#append(line);
  }

  /** Every run recorded, oldest first. */
  list(now = Date.now()): RunHistoryEntry[] {
    const starts: RunStartRecord[] = [];
    const ends = new Map<string, RunEndRecord>();
    for (const record of this.#read()) {
      if (record.event === 'start') starts.push(record);
      else ends.set(record.id, record);
    }
    // The folder's lock is exclusive: a later run that got to work in the same folder (it has not
    // ended, or ended without being refused) means an unfinished earlier one is gone.
    const lastWorker = new Map<string, number>();
    starts.forEach((start, k) => {
      if (!ends.get(start.id)?.error) lastWorker.set(start.runDir, k);
    });
    return starts.map((start, k): RunHistoryEntry => {
      const end = ends.get(start.id);
      const began = Date.parse(start.time);
      const status = end?.status ?? this.#unfinishedStatus(start, (lastWorker.get(start.runDir) ?? k) > k, now);
      const durationMs = end ? Date.parse(end.time) - began : status === 'running' ? now - began : undefined;
      return {
        id: start.id,
        startedAt: start.time,
        ...(end ? { endedAt: end.time } : {}),
        ...(durationMs !== undefined ? { durationMs } : {}),
        status,
        workflow: start.workflow,
        ...(start.map !== undefined ? { map: start.map } : {}),
        runDir: start.runDir,
        runDirExists: existsSync(start.runDir),
        ...(end?.report ? { report: end.report } : {}),
        ...(end?.error ? { error: end.error } : {}),
      };
    });
  }

  // The lock is taken a moment after the start line is written: a run younger than a lease is
  // counted running even before it holds its folder.
  #unfinishedStatus(start: RunStartRecord, superseded: boolean, now: number): 'running' | 'killed' {
    if (superseded) return 'killed';
    if (new RunDir(start.runDir).isLocked()) return 'running';
    return now - Date.parse(start.time) < LEASE_TTL_MS ? 'running' : 'killed';
  }

  #append(record: RunStartRecord | RunEndRecord): void {
    mkdirSync(dirname(this.file), { recursive: true });
    const bytes = Buffer.from(`${JSON.stringify(record)}\n`);
    const fd = openSync(this.file, 'a');
    try {
      const written = writeSync(fd, bytes);
      if (written !== bytes.length) throw new Error(`wrote ${written} of ${bytes.length} bytes to ${this.file}`);
    } finally {
      closeSync(fd);
    }
  }

  #read(): (RunStartRecord | RunEndRecord)[] {
    if (!existsSync(this.file)) return [];
    return readFileSync(this.file, 'utf8')
      .split('\n')
      .filter((line) => line.trim() !== '')
      .flatMap((line) => {
        try {
          const record = JSON.parse(line) as RunStartRecord | RunEndRecord;
          const known = (record.event === 'start' && typeof record.runDir === 'string') || (record.event === 'end' && typeof record.status === 'string');
          return known && typeof record.id === 'string' && typeof record.time === 'string' ? [record] : [];
        } catch {
          return []; // a line cut short by a full disk
        }
      });
  }
}

/** A run recorded in the history: `end` records how it ended. */
export interface RecordedRun {
  end(outcome: { status: RunStatus; report?: string; error?: string }): void;
}

/**
 * Records a run's start in the machine-wide history (`vrs log`) and returns how to record its end.
 * The history is a convenience: when its file cannot be written the run goes on — `onError` is
 * told (the CLI warns) and the run is simply not listed.
 */
export function recordRunStart(file: string, run: { runDir: string; workflow: string; map?: string }, onError: (error: unknown, file: string) => void = () => {}): RecordedRun {
  const history = new RunHistory(file);
  let id: string | undefined;
  try {
    id = history.recordStart(run);
  } catch (error) {
    onError(error, file);
  }
  return {
    end(outcome) {
      if (id === undefined) return;
      try {
        history.recordEnd(id, outcome);
      } catch (error) {
        onError(error, file);
      }
    },
  };
}
