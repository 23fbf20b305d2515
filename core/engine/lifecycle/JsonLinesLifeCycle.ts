import type { EngineEvents } from './EngineEvents.js';
import type { LifeCycle } from './LifeCycle.js';

/** Streams every event as one JSON object per line ({ event, time, ...payload }) for machines. */
export class JsonLinesLifeCycle implements LifeCycle {
  constructor(readonly write: (line: string) => void) {}

  #emit(name: keyof EngineEvents, event: object): void {
    this.write(`${JSON.stringify({ event: name, time: new Date().toISOString(), ...event })}\n`);
  }

  'run:start'(event: EngineEvents['run:start']): void {
    this.#emit('run:start', event);
  }
  'step:start'(event: EngineEvents['step:start']): void {
    this.#emit('step:start', event);
  }
  'step:progress'(event: EngineEvents['step:progress']): void {
    this.#emit('step:progress', event);
  }
  'step:cached'(event: EngineEvents['step:cached']): void {
    this.#emit('step:cached', event);
  }
  'step:success'(event: EngineEvents['step:success']): void {
    this.#emit('step:success', event);
  }
  'step:failed'(event: EngineEvents['step:failed']): void {
    this.#emit('step:failed', event);
  }
  'step:skipped'(event: EngineEvents['step:skipped']): void {
    this.#emit('step:skipped', event);
  }
  'run:end'(event: EngineEvents['run:end']): void {
    this.#emit('run:end', event);
  }
}
