import type { EntryState } from './CampaignLedger.js';

/**
 * Progress lines of a campaign: one per entry that starts or ends, with the counts so far and an
 * ETA from the mean time of the entries finished in this run (entries that were already done
 * before it are counted but not timed).
 */
export class CampaignProgress {
  #finished = 0;
  #failed = 0;
  readonly #inFlight = new Set<string>();
  #queued = 0;
  #timedMs = 0;
  #timed = 0;
  readonly #began = Date.now();

  constructor(private readonly total: number, private readonly write: (line: string) => void) {}

  alreadyFinished(state: EntryState): void {
    this.#finished++;
    if (state !== 'done') this.#failed++;
  }

  retrying(previous: EntryState): void {
    this.#finished--;
    if (previous !== 'done') this.#failed--;
  }

  start(queued: number): void {
    this.#queued = queued;
    this.write(`campaign: ${this.total} entries, ${this.#finished} finished before (${this.#failed} failed), ${queued} to run`);
  }

  started(entry: string, jobId?: string): void {
    this.#inFlight.add(entry);
    this.write(`campaign: ${entry} ${jobId ? `submitted as job ${jobId}` : 'started'} — ${this.#counts()}`);
  }

  finished(entry: string, state: EntryState, detail?: string): void {
    this.#inFlight.delete(entry);
    this.#finished++;
    this.#queued--;
    if (state !== 'done') this.#failed++;
    this.#timed++;
    this.#timedMs = Date.now() - this.#began;
    this.write(`campaign: ${entry} ${state}${detail ? ` (${detail})` : ''} — ${this.#counts()}${this.#eta()}`);
  }

  /** An entry stopped without an end (interrupted): no longer in flight. */
  stopped(entry: string): void {
    this.#inFlight.delete(entry);
  }

  note(line: string): void {
    this.write(`campaign: ${line}`);
  }

  finalLine(counts: Record<EntryState, number>): string {
    const rest = counts.pending + counts.submitted + counts.running;
    return `campaign: ${counts.done} done, ${counts.failed} failed, ${counts.invalid} refused (bad input)${rest > 0 ? `, ${rest} not finished` : ''} of ${this.total}`;
  }

  #counts(): string {
    return `${this.#finished}/${this.total} finished, ${this.#failed} failed, ${this.#inFlight.size} in flight`;
  }

  /** Wall time per finished entry in this run × the entries still queued. */
  #eta(): string {
    if (this.#timed === 0 || this.#queued <= 0) return '';
    const seconds = (this.#timedMs / this.#timed / 1000) * this.#queued;
    return `, ETA ${seconds < 90 ? `${Math.round(seconds)} s` : seconds < 5400 ? `${Math.round(seconds / 60)} min` : `${(seconds / 3600).toFixed(1)} h`}`;
  }
}
