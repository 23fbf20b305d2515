import type { RunState, StepState } from './RunState.js';

/** What subscribers of a run hear: a step changed, or the run's status did. */
export type RunEvent =
  | { type: 'step'; step: string; state: StepState }
  | { type: 'status'; status: RunState['status']; score?: RunState['score']; error?: string };

export type RunListener = (event: RunEvent) => void;

/** Subscribers (server-sent-event streams) of each run. A listener that throws is dropped. */
export class RunEvents {
  readonly #listeners = new Map<string, Set<RunListener>>();

  subscribe(id: string, listener: RunListener): () => void {
    let set = this.#listeners.get(id);
    if (!set) this.#listeners.set(id, (set = new Set()));
    set.add(listener);
    return () => {
      set.delete(listener);
      if (set.size === 0) this.#listeners.delete(id);
    };
  }

  publish(id: string, event: RunEvent): void {
    for (const listener of [...(this.#listeners.get(id) ?? [])]) {
      try {
        listener(event);
      } catch {
        this.#listeners.get(id)?.delete(listener);
      }
    }
  }
}
