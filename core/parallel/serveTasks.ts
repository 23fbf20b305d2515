import { parentPort } from 'node:worker_threads';
import { collectGarbage } from './collectGarbage.js';

/**
 * A task's shared arrays stay alive in the worker until the worker's next GC, and a worker that
 * allocates little rarely collects on its own (see collectGarbage). After tasks that together
 * carried this many shared bytes the worker runs a young-generation GC, which frees the arrays of
 * tasks that did not allocate much themselves; after many more, a full one catches the rest.
 */
const SHARED_BYTES_BEFORE_MINOR_GC = 32 * 1024 * 1024;
const SHARED_BYTES_BEFORE_FULL_GC = 2048 * 1024 * 1024;

/** Asks a pool worker for a full garbage collection (WorkerPool.collectGarbage); it gets no reply. */
export const GARBAGE_REQUEST = { vrsCollectGarbage: true } as const;

function isGarbageRequest(message: unknown): boolean {
  return typeof message === 'object' && message !== null && (message as { vrsCollectGarbage?: unknown }).vrsCollectGarbage === true;
}

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
  let sinceMinor = 0;
  let sinceFull = 0;
  port.on('message', (task: Task) => {
    if (isGarbageRequest(task)) {
      // Not a task: no reply, so that it can never be taken for the answer to one.
      sinceFull = sinceMinor = 0;
      setImmediate(() => collectGarbage('full'));
      return;
    }
    const shared = sharedBytesIn(task);
    sinceMinor += shared;
    sinceFull += shared;
    void (async () => {
      let reply: TaskReply<Result>;
      try {
        reply = { ok: true, result: await handle(task) };
      } catch (e) {
        const error = e instanceof Error ? e : new Error(String(e));
        reply = { ok: false, error: { name: error.name, message: error.message, stack: error.stack } };
      }
      port.postMessage(reply);
      // After the reply, so that the pool is not kept waiting.
      if (sinceFull >= SHARED_BYTES_BEFORE_FULL_GC) {
        sinceFull = sinceMinor = 0;
        setImmediate(() => collectGarbage('full'));
      } else if (sinceMinor >= SHARED_BYTES_BEFORE_MINOR_GC) {
        sinceMinor = 0;
        setImmediate(() => collectGarbage('minor'));
      }
    })();
  });
}

/** Bytes of the shared typed arrays among the task's own fields (where kernels put their data). */
function sharedBytesIn(task: unknown): number {
  if (task === null || typeof task !== 'object') return 0;
  let bytes = 0;
  for (const value of Object.values(task as Record<string, unknown>)) {
    if (ArrayBuffer.isView(value) && value.buffer instanceof SharedArrayBuffer) bytes += value.buffer.byteLength;
  }
  return bytes;
}
