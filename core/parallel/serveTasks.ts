import { parentPort } from 'node:worker_threads';

/** What a worker posts back for each task (see WorkerPool). */
export type TaskReply<Result> =
  | { ok: true; result: Result }
  | { ok: false; error: { name: string; message: string; stack?: string } };

/**
 * Worker-side half of WorkerPool: calls `handle` for each task message and posts the result, or
 * the error, back. Call once at the top level of a worker module.
 */
export function serveTasks<Task, Result>(handle: (task: Task) => Result | Promise<Result>): void {
  const port = parentPort;
  if (port === null) throw new Error('serveTasks must be called inside a worker thread');
  port.on('message', (task: Task) => {
    void (async () => {
      let reply: TaskReply<Result>;
      try {
        reply = { ok: true, result: await handle(task) };
      } catch (e) {
        const error = e instanceof Error ? e : new Error(String(e));
        reply = { ok: false, error: { name: error.name, message: error.message, stack: error.stack } };
      }
      port.postMessage(reply);
    })();
  });
}
