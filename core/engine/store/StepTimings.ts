import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

interface TimingRecord {
  /** Running mean of the step's computing time (ms). */
  ms: number;
  runs: number;
}

/**
 * How long each protocol's steps took in this store (`<store>/timings.json`): the running mean of
 * its computed steps, per protocol id. Only the scheduler reads it, to order ready steps; it never
 * decides a result. Runs sharing the store may update it at once: each writes the whole file
 * atomically, so an update can be lost but the file is never torn.
 */
export class StepTimings {
  readonly file: string;
  readonly #records: Record<string, TimingRecord>;

  constructor(storeRoot: string) {
    this.file = join(storeRoot, 'timings.json');
    this.#records = readRecords(this.file);
  }

  /** The mean time of a protocol's steps (ms), when one was recorded. */
  expectedMs(protocolId: string): number | undefined {
    return this.#records[protocolId]?.ms;
  }

  record(protocolId: string, ms: number): void {
    if (!(ms >= 0) || !Number.isFinite(ms)) return;
    // The file may have been updated by another run since we read it: merge into its content.
    const records = readRecords(this.file);
    const previous = records[protocolId] ?? this.#records[protocolId];
    const runs = Math.min(20, (previous?.runs ?? 0) + 1);
    // A mean over the last ~20 runs: recent maps count, one outlier does not dominate.
    const mean = previous ? previous.ms + (ms - previous.ms) / runs : ms;
    records[protocolId] = { ms: mean, runs };
    this.#records[protocolId] = records[protocolId]!;
    const temporary = `${this.file}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
    try {
      writeFileSync(temporary, JSON.stringify(records));
      renameSync(temporary, this.file);
    } catch {
      // A hint only: a store we cannot write to still runs.
    }
  }
}

function readRecords(file: string): Record<string, TimingRecord> {
  try {
    const parsed = JSON.parse(readFileSync(file, 'utf8')) as unknown;
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return {};
    const records: Record<string, TimingRecord> = {};
    for (const [id, value] of Object.entries(parsed as Record<string, unknown>)) {
      const { ms, runs } = (value ?? {}) as Partial<TimingRecord>;
      if (typeof ms === 'number' && Number.isFinite(ms) && ms >= 0 && typeof runs === 'number' && runs >= 1) records[id] = { ms, runs };
    }
    return records;
  } catch {
    return {};
  }
}
