// Test fixture for WorkerPool: squares numbers, throws on request, or exits the thread.
import { serveTasks } from './serveTasks.js';

export interface SquareTask {
  value: number;
  fail?: 'throw' | 'exit';
  delayMs?: number;
}

serveTasks<SquareTask, { square: number; threadId: number }>(async ({ value, fail, delayMs }) => {
  if (delayMs !== undefined) await new Promise((resolve) => setTimeout(resolve, delayMs));
  if (fail === 'throw') throw new RangeError(`cannot square ${value}`);
  if (fail === 'exit') process.exit(3);
  const { threadId } = await import('node:worker_threads');
  return { square: value * value, threadId };
});
