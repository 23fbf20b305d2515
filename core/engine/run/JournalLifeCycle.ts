import type { EngineEvents } from '../lifecycle/EngineEvents.js';
import type { LifeCycle } from '../lifecycle/LifeCycle.js';
import type { RunDir } from './RunDir.js';

/**
 * Appends every event to the run folder's journal.jsonl (synchronously, so a killed process
 * leaves every event up to the kill). Progress events are left out: they are for terminals.
 */
export class JournalLifeCycle implements LifeCycle {
  constructor(
    readonly runDir: RunDir,
    readonly attempt: number,
  ) {}

  #write(event: string, payload: object): void {
    this.runDir.appendJournal({ time: new Date().toISOString(), attempt: this.attempt, event, ...payload });
  }

  'run:start'(event: EngineEvents['run:start']): void {
    this.#write('run:start', { ...event, pid: process.pid });
  }
  'step:start'(event: EngineEvents['step:start']): void {
    this.#write('step:start', event);
  }
  'step:cached'(event: EngineEvents['step:cached']): void {
    this.#write('step:cached', event);
  }
  'step:success'(event: EngineEvents['step:success']): void {
    this.#write('step:success', event);
  }
  'step:failed'(event: EngineEvents['step:failed']): void {
    this.#write('step:failed', event);
  }
  'step:skipped'(event: EngineEvents['step:skipped']): void {
    this.#write('step:skipped', event);
  }
  'run:end'(event: EngineEvents['run:end']): void {
    this.#write('run:end', event);
  }
}
