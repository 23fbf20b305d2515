import type { EngineEvents } from './EngineEvents.js';
import type { LifeCycle } from './LifeCycle.js';

/** When each executed step started and ended (ms since the epoch), and how long it took. */
export interface StepTiming {
  step: string;
  start: number;
  end: number;
  durationMs: number;
}

/** Records the wall-clock interval of every executed step (cached ones take no time). */
export class TimingsLifeCycle implements LifeCycle {
  readonly #started = new Map<string, number>();
  readonly timings: StepTiming[] = [];

  'step:start'(event: EngineEvents['step:start']): void {
    this.#started.set(event.step, Date.now());
  }
  'step:success'(event: EngineEvents['step:success']): void {
    this.#end(event.step);
  }
  'step:failed'(event: EngineEvents['step:failed']): void {
    this.#end(event.step);
  }

  #end(step: string): void {
    const start = this.#started.get(step);
    if (start === undefined) return;
    const end = Date.now();
    this.timings.push({ step, start, end, durationMs: end - start });
  }
}
