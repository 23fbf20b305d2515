import type { Worker } from 'node:worker_threads';
import { startWorker } from './resolveWorkerScript.js';
import { GARBAGE_REQUEST, type TaskReply } from './serveTasks.js';

interface PendingTask<Task, Result> {
  task: Task;
  resolve: (result: Result) => void;
  reject: (error: Error) => void;
}

interface PoolWorker<Task, Result> {
  worker: Worker;
  current: PendingTask<Task, Result> | null;
}

/**
 * A fixed number of worker threads running one worker module (which calls `serveTasks`). Tasks
 * queue until a worker is free. Workers start on first use and are unref'd while idle, so an idle
 * pool never keeps the process alive; `close()` terminates them. Typed arrays on a
 * SharedArrayBuffer travel without copying; other data is structured-cloned.
 */
export class WorkerPool<Task, Result> {
  private readonly workers: PoolWorker<Task, Result>[] = [];
  private readonly queue: PendingTask<Task, Result>[] = [];
  private closed = false;

  private workerCount: number;

  constructor(
    private readonly callerUrl: string,
    private readonly moduleName: string,
    size: number,
  ) {
    checkSize(size);
    this.workerCount = size;
  }

  /** Most workers running at once (they start on demand). */
  get size(): number {
    return this.workerCount;
  }

  /** Allows up to `size` workers from now on; a pool never shrinks (running tasks stay valid). */
  grow(size: number): void {
    checkSize(size);
    if (size > this.workerCount) {
      this.workerCount = size;
      this.dispatch();
    }
  }

  /** Runs one task on the next free worker. */
  run(task: Task): Promise<Result> {
    if (this.closed) return Promise.reject(new Error(`worker pool ${this.moduleName} is closed`));
    return new Promise<Result>((resolve, reject) => {
      this.queue.push({ task, resolve, reject });
      this.dispatch();
    });
  }

  /** Runs all tasks (at most `size` at a time) and resolves with their results in order. */
  runAll(tasks: readonly Task[]): Promise<Result[]> {
    return Promise.all(tasks.map((task) => this.run(task)));
  }

  /**
   * Asks every worker for a full garbage collection, without waiting. For a pool that outlives the
   * work it served: the shared arrays of its last tasks stay alive in its workers until they
   * collect (see collectGarbage), and an idle worker does not collect by itself.
   */
  collectGarbage(): void {
    for (const entry of this.workers) entry.worker.postMessage(GARBAGE_REQUEST);
  }

  /** Terminates every worker; queued and running tasks are rejected. */
  async close(): Promise<void> {
    this.closed = true;
    const error = new Error(`worker pool ${this.moduleName} closed`);
    for (const pending of this.queue.splice(0)) pending.reject(error);
    const workers = this.workers.splice(0);
    for (const w of workers) w.current?.reject(error);
    await Promise.all(workers.map((w) => w.worker.terminate()));
  }

  private dispatch(): void {
    while (this.queue.length > 0) {
      let free = this.workers.find((w) => w.current === null);
      if (free === undefined) {
        if (this.workers.length >= this.workerCount) return;
        free = this.spawn();
      }
      const pending = this.queue.shift()!;
      free.current = pending;
      free.worker.ref();
      free.worker.postMessage(pending.task);
    }
  }

  private spawn(): PoolWorker<Task, Result> {
    const entry: PoolWorker<Task, Result> = { worker: startWorker(this.callerUrl, this.moduleName), current: null };
    entry.worker.on('message', (reply: TaskReply<Result>) => {
      const pending = entry.current;
      entry.current = null;
      entry.worker.unref();
      if (pending !== null) {
        if (reply.ok) pending.resolve(reply.result);
        else pending.reject(Object.assign(new Error(reply.error.message), { name: reply.error.name, stack: reply.error.stack }));
      }
      this.dispatch();
    });
    const fail = (error: Error): void => {
      const index = this.workers.indexOf(entry);
      if (index < 0) return;
      this.workers.splice(index, 1);
      entry.current?.reject(error);
      entry.current = null;
      void entry.worker.terminate();
      if (!this.closed) this.dispatch();
    };
    entry.worker.on('error', fail);
    entry.worker.on('exit', (code) => fail(new Error(`worker ${this.moduleName} exited with code ${code}`)));
    this.workers.push(entry);
    return entry;
  }
}

function checkSize(size: number): void {
  if (!Number.isInteger(size) || size < 1) throw new RangeError(`worker pool size must be a positive integer, got ${size}`);
}
