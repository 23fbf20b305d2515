import { rmSync } from 'node:fs';
import sqlite from 'node-sqlite3-wasm';

/**
 * Where an entry of a campaign stands. `submitted`: handed to an executor (a Slurm job id is
 * recorded before the job may start); `running`: known to have started; `invalid`: its inputs were
 * refused before anything ran (fixing the row changes its digest, so a new row starts).
 */
export type EntryState = 'pending' | 'submitted' | 'running' | 'done' | 'failed' | 'invalid';

export interface LedgerRow {
  entry: string;
  /** Digest of everything that decides the entry's results: workflow file(s), parameters, engine. */
  digest: string;
  line: number;
  state: EntryState;
  attempts: number;
  jobId: string | null;
  memoryMb: number | null;
  levels: string | null;
  runDir: string | null;
  reportPath: string | null;
  scorePassed: number | null;
  scoreEvaluable: number | null;
  failure: string | null;
  submittedAt: string | null;
  finishedAt: string | null;
  seconds: number | null;
}

const SCHEMA = `
CREATE TABLE IF NOT EXISTS entries (
  entry TEXT NOT NULL,
  digest TEXT NOT NULL,
  line INTEGER NOT NULL,
  state TEXT NOT NULL CHECK (state IN ('pending','submitted','running','done','failed','invalid')),
  attempts INTEGER NOT NULL DEFAULT 0,
  job_id TEXT,
  memory_mb INTEGER,
  levels TEXT,
  run_dir TEXT,
  report_path TEXT,
  score_passed INTEGER,
  score_evaluable INTEGER,
  failure TEXT,
  submitted_at TEXT,
  finished_at TEXT,
  seconds REAL,
  PRIMARY KEY (entry, digest)
);
CREATE TABLE IF NOT EXISTS history (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  time TEXT NOT NULL,
  entry TEXT NOT NULL,
  digest TEXT NOT NULL,
  event TEXT NOT NULL,
  detail TEXT
);
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
`;

const LEDGER_FORMAT = '1';

/**
 * A campaign's durable ledger: one SQLite file (node-sqlite3-wasm, SQLite compiled to WebAssembly
 * with a file-system VFS that fsyncs on commit — no native build). Every change is one transaction,
 * so a campaign killed at any point reopens to the last committed state (SQLite rolls back the hot
 * journal of a transaction cut short). The VFS locks with a `<file>.lock` folder that a killed
 * process leaves behind; one process at a time owns a ledger — the campaign folder's lease lock sees
 * to it — so the owner removes a leftover lock folder when it opens the ledger.
 */
export class CampaignLedger {
  readonly #db: InstanceType<typeof sqlite.Database>;

  /** `file` must be owned by the caller (it holds the campaign folder's lease). */
  constructor(readonly file: string) {
    rmSync(`${file}.lock`, { recursive: true, force: true });
    this.#db = new sqlite.Database(file);
    this.#db.exec(SCHEMA);
    const format = this.#db.get('SELECT value FROM meta WHERE key = ?', 'format') as { value: string } | null;
    if (format === null) this.#db.run('INSERT INTO meta (key, value) VALUES (?, ?)', ['format', LEDGER_FORMAT]);
    else if (format.value !== LEDGER_FORMAT) {
      this.#db.close();
      throw new Error(`${file}: ledger format ${format.value}, this vrs reads format ${LEDGER_FORMAT}`);
    }
  }

  close(): void {
    if (this.#db.isOpen) this.#db.close();
  }

  /** The row of an entry at a digest, adding it as pending when it is new. */
  ensure(entry: string, digest: string, line: number): LedgerRow {
    return this.#transaction(() => {
      const row = this.get(entry, digest);
      if (row !== null) {
        if (row.line !== line) this.#db.run('UPDATE entries SET line = ? WHERE entry = ? AND digest = ?', [line, entry, digest]);
        return { ...row, line };
      }
      this.#db.run('INSERT INTO entries (entry, digest, line, state) VALUES (?, ?, ?, ?)', [entry, digest, line, 'pending']);
      this.#log(entry, digest, 'added', null);
      return this.get(entry, digest)!;
    });
  }

  get(entry: string, digest: string): LedgerRow | null {
    const row = this.#db.get('SELECT * FROM entries WHERE entry = ? AND digest = ?', [entry, digest]);
    return row === null ? null : toRow(row as Record<string, unknown>);
  }

  all(): LedgerRow[] {
    return this.#db.all('SELECT * FROM entries ORDER BY line, entry').map((row) => toRow(row as Record<string, unknown>));
  }

  /**
   * Records a hand-over to an executor: state `submitted`, one more attempt. With `jobId`, the
   * executor's handle is stored in the same transaction.
   */
  submitted(entry: string, digest: string, details: { jobId?: string; memoryMb?: number; runDir: string; levels: string }): void {
    this.#transaction(() => {
      this.#db.run(
        `UPDATE entries SET state = 'submitted', attempts = attempts + 1, job_id = ?, memory_mb = ?, run_dir = ?, levels = ?,
           submitted_at = ?, finished_at = NULL, failure = NULL, seconds = NULL WHERE entry = ? AND digest = ?`,
        [details.jobId ?? null, details.memoryMb ?? null, details.runDir, details.levels, now(), entry, digest],
      );
      this.#log(entry, digest, 'submitted', details.jobId ?? null);
    });
  }

  running(entry: string, digest: string): void {
    this.#transaction(() => {
      this.#db.run(`UPDATE entries SET state = 'running' WHERE entry = ? AND digest = ?`, [entry, digest]);
      this.#log(entry, digest, 'running', null);
    });
  }

  done(entry: string, digest: string, result: { reportPath: string; score?: { passed: number; evaluable: number }; seconds: number }): void {
    this.#transaction(() => {
      this.#db.run(
        `UPDATE entries SET state = 'done', report_path = ?, score_passed = ?, score_evaluable = ?, failure = NULL, finished_at = ?, seconds = ?
           WHERE entry = ? AND digest = ?`,
        [result.reportPath, result.score?.passed ?? null, result.score?.evaluable ?? null, now(), result.seconds, entry, digest],
      );
      this.#log(entry, digest, 'done', null);
    });
  }

  failed(entry: string, digest: string, failure: string, options: { invalid?: boolean; seconds?: number; reportPath?: string } = {}): void {
    this.#transaction(() => {
      this.#db.run(
        `UPDATE entries SET state = ?, failure = ?, finished_at = ?, seconds = ?, report_path = COALESCE(?, report_path) WHERE entry = ? AND digest = ?`,
        [options.invalid ? 'invalid' : 'failed', failure, now(), options.seconds ?? null, options.reportPath ?? null, entry, digest],
      );
      this.#log(entry, digest, options.invalid ? 'invalid' : 'failed', failure);
    });
  }

  /** Back to pending (an interrupted run, a retried failure); attempts are kept. */
  requeue(entry: string, digest: string, why: string): void {
    this.#transaction(() => {
      this.#db.run(`UPDATE entries SET state = 'pending', job_id = NULL WHERE entry = ? AND digest = ?`, [entry, digest]);
      this.#log(entry, digest, 'requeued', why);
    });
  }

  /** Every event of an entry, oldest first. */
  history(entry: string): { time: string; digest: string; event: string; detail: string | null }[] {
    return this.#db.all('SELECT time, digest, event, detail FROM history WHERE entry = ? ORDER BY id', entry) as never;
  }

  #log(entry: string, digest: string, event: string, detail: string | null): void {
    this.#db.run('INSERT INTO history (time, entry, digest, event, detail) VALUES (?, ?, ?, ?, ?)', [now(), entry, digest, event, detail]);
  }

  #transaction<T>(work: () => T): T {
    this.#db.exec('BEGIN IMMEDIATE');
    try {
      const result = work();
      this.#db.exec('COMMIT');
      return result;
    } catch (error) {
      if (this.#db.inTransaction) this.#db.exec('ROLLBACK');
      throw error;
    }
  }
}

function now(): string {
  return new Date().toISOString();
}

function toRow(row: Record<string, unknown>): LedgerRow {
  const text = (key: string) => (row[key] === null || row[key] === undefined ? null : String(row[key]));
  const number = (key: string) => (row[key] === null || row[key] === undefined ? null : Number(row[key]));
  return {
    entry: String(row['entry']),
    digest: String(row['digest']),
    line: Number(row['line']),
    state: String(row['state']) as EntryState,
    attempts: Number(row['attempts']),
    jobId: text('job_id'),
    memoryMb: number('memory_mb'),
    levels: text('levels'),
    runDir: text('run_dir'),
    reportPath: text('report_path'),
    scorePassed: number('score_passed'),
    scoreEvaluable: number('score_evaluable'),
    failure: text('failure'),
    submittedAt: text('submitted_at'),
    finishedAt: text('finished_at'),
    seconds: number('seconds'),
  };
}
