import type { EngineEvents } from './EngineEvents.js';
import type { LifeCycle } from './LifeCycle.js';

/** Fans each event out to a list of observers, in order. An observer that throws does not stop the run. */
export class CompositeLifeCycle {
  readonly #members: LifeCycle[];
  readonly #onObserverError: (error: unknown) => void;

  constructor(members: readonly LifeCycle[], onObserverError: (error: unknown) => void = (error) => console.error(error)) {
    this.#members = [...members];
    this.#onObserverError = onObserverError;
  }

  add(member: LifeCycle): void {
    this.#members.push(member);
  }

  emit<K extends keyof EngineEvents>(name: K, event: EngineEvents[K]): void {
    for (const member of this.#members) {
      const handler = member[name] as ((event: EngineEvents[K]) => void) | undefined;
      if (!handler) continue;
      try {
        handler.call(member, event);
      } catch (error) {
        this.#onObserverError(error);
      }
    }
  }
}
