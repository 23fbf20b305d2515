import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { EngineEvents } from '../engine/index.js';
import type { RunCatalog } from './RunCatalog.js';
import { runValidationWorker, type ValidationWorker } from './runValidationWorker.js';
import { ServeLifeCycle } from './ServeLifeCycle.js';
import { validationOptionsOf } from './validationOptionsOf.js';

/**
 * Runs submitted validations, at most `jobs` at once, in submission order, each in its own worker
 * thread. A run whose folder already holds a run record (the server was stopped or killed during
 * it) resumes from the store as `vrs resume` does; one that never started is planned from its uploads.
 */
export class RunQueue {
  readonly #waiting: string[] = [];
  readonly #running = new Map<string, ValidationWorker>();
  readonly #finished = new Set<Promise<void>>();
  #stopped = false;

  constructor(
    private readonly catalog: RunCatalog,
    private readonly modules: readonly string[],
    private readonly jobs: number,
    private readonly stepJobs: number | undefined,
    private readonly archive?: string,
  ) {}

  enqueue(id: string): void {
    if (this.#stopped || this.#waiting.includes(id) || this.#running.has(id)) return;
    this.#waiting.push(id);
    this.#pump();
  }

  /** Queued and interrupted runs of an earlier server life, oldest first. */
  restore(): void {
    this.catalog.data.removeAbandonedUploads();
    for (const state of this.catalog.list().reverse()) {
      if (state.status === 'queued' || state.status === 'running') this.enqueue(state.id);
    }
  }

  /** Position in the queue (1 = next), or undefined when not waiting. */
  position(id: string): number | undefined {
    const index = this.#waiting.indexOf(id);
    return index < 0 ? undefined : index + 1;
  }

  /**
   * Stops: nothing more starts, running runs are aborted and keep the status `running`, so the
   * next start of the server resumes them.
   */
  async stop(): Promise<void> {
    this.#stopped = true;
    this.#waiting.length = 0;
    for (const worker of this.#running.values()) worker.abort();
    await Promise.allSettled([...this.#finished]);
  }

  #pump(): void {
    while (!this.#stopped && this.#running.size < this.jobs && this.#waiting.length > 0) {
      const id = this.#waiting.shift()!;
      const done: Promise<void> = this.#execute(id)
        .catch((error: unknown) => {
          this.catalog.update(id, { status: 'failed', endedAt: new Date().toISOString(), error: (error as Error).message });
        })
        .finally(() => {
          this.#running.delete(id);
          this.#finished.delete(done);
          this.#pump();
        });
      this.#finished.add(done);
    }
  }

  async #execute(id: string): Promise<void> {
    const state = this.catalog.get(id);
    if (!state) return;
    const data = this.catalog.data;
    this.catalog.update(id, { status: 'running', startedAt: state.startedAt ?? new Date().toISOString() });
    const lifeCycle = new ServeLifeCycle(this.catalog, id);
    const worker = runValidationWorker(
      {
        kind: 'run',
        modules: [...this.modules],
        options: validationOptionsOf(state, data, this.archive),
        title: state.reportTitle ?? '',
        cwd: data.dir,
        runDir: data.runDir(id),
        store: data.store,
        ...(this.stepJobs ? { stepJobs: this.stepJobs } : {}),
      },
      (message) => {
        if (message.type !== 'event') return;
        const handler = lifeCycle[message.name as keyof ServeLifeCycle] as ((event: EngineEvents[keyof EngineEvents]) => void) | undefined;
        handler?.call(lifeCycle, message.event);
      },
    );
    this.#running.set(id, worker);
    const outcome = await worker.done;
    if (outcome.type === 'error') throw new Error(outcome.message);
    if (outcome.type !== 'ended' || outcome.status === 'interrupted') return;
    this.#finish(id, outcome.failed);
  }

  #finish(id: string, failed: string[]): void {
    const reportFile = join(this.catalog.data.runDir(id), 'report.json');
    const error = failed.length > 0 ? `step${failed.length > 1 ? 's' : ''} ${failed.join(', ')} failed` : undefined;
    if (!existsSync(reportFile)) {
      this.catalog.update(id, { status: 'failed', endedAt: new Date().toISOString(), error: error ?? 'the run published no report' });
      return;
    }
    const report = JSON.parse(readFileSync(reportFile, 'utf8')) as { score?: { passed: number; evaluable: number } };
    this.catalog.update(id, {
      status: 'done',
      endedAt: new Date().toISOString(),
      ...(report.score ? { score: { passed: report.score.passed, evaluable: report.score.evaluable } } : {}),
      ...(error ? { error } : {}),
    });
  }
}
