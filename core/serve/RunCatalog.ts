import { existsSync, readdirSync } from 'node:fs';
import type { DataFolder } from './DataFolder.js';
import { isRunId } from './DataFolder.js';
import { RunEvents } from './RunEvents.js';
import { readRunState, writeRunState, type RunState, type StepState } from './RunState.js';

/**
 * Every run the server knows, in memory and in each run folder's serve.json: changes are written
 * at once (a restart finds them) and told to the run's subscribers.
 */
export class RunCatalog {
  readonly #runs = new Map<string, RunState>();
  readonly events = new RunEvents();

  constructor(readonly data: DataFolder) {
    for (const name of readdirSync(data.runsDir)) {
      if (!isRunId(name) || !existsSync(data.stateFile(name))) continue;
      try {
        this.#runs.set(name, readRunState(data.stateFile(name)));
      } catch {
        // A state file that cannot be read is a run the server cannot show; it is left as it is.
      }
    }
  }

  get(id: string): RunState | undefined {
    return isRunId(id) ? this.#runs.get(id) : undefined;
  }

  /** Newest first. */
  list(): RunState[] {
    return [...this.#runs.values()].sort((a, b) => (a.createdAt < b.createdAt ? 1 : a.createdAt > b.createdAt ? -1 : 0));
  }

  add(state: RunState): void {
    this.#runs.set(state.id, state);
    this.#save(state);
  }

  update(id: string, change: Partial<RunState>): RunState {
    const state = this.#runs.get(id);
    if (!state) throw new Error(`no run ${id}`);
    Object.assign(state, change);
    this.#save(state);
    if (change.status !== undefined) {
      this.events.publish(id, { type: 'status', status: state.status, ...(state.score ? { score: state.score } : {}), ...(state.error ? { error: state.error } : {}) });
    }
    return state;
  }

  updateStep(id: string, step: string, stepState: StepState): void {
    const state = this.#runs.get(id);
    if (!state) return;
    state.steps[step] = stepState;
    this.#save(state);
    this.events.publish(id, { type: 'step', step, state: stepState });
  }

  #save(state: RunState): void {
    writeRunState(this.data.stateFile(state.id), state);
  }
}
