import type { AnyProtocol } from '../protocol/Protocol.js';
import type { ArtifactRecord } from '../store/StepManifest.js';
import { executeProtocol, type ExecuteHooks, type StepMemory } from './executeProtocol.js';
import { StepTimedOut } from './StepError.js';
import type { StepRequest } from './StepRequest.js';

/** After its time limit, how long a main-thread step may take to stop before it is given up. */
const stopGraceMs = 2000;

/**
 * Runs a step on the main thread under its time limit, if it has one: past the limit its signal
 * is aborted and the step fails with StepTimedOut, also when it returns anyway (executeProtocol
 * checks the signal before writing outputs). A step that ignores its signal is given up after a
 * grace period; it cannot be killed on this thread, and whatever it still writes goes to a
 * workspace the caller discards, never into the store.
 */
export async function runStepOnMainThread(
  protocol: AnyProtocol,
  request: StepRequest,
  hooks: ExecuteHooks,
  timeLimitSeconds: number | undefined,
  memory: StepMemory = {},
): Promise<Record<string, ArtifactRecord>> {
  if (timeLimitSeconds === undefined) return executeProtocol(protocol, request, hooks, memory);
  const limit = new AbortController();
  const timedOut = new StepTimedOut(request.step, timeLimitSeconds);
  let graceTimer: NodeJS.Timeout | undefined;
  const overdue = new Promise<never>((_resolve, reject) => {
    limit.signal.addEventListener('abort', () => {
      graceTimer = setTimeout(() => reject(timedOut), stopGraceMs);
    });
  });
  const limitTimer = setTimeout(() => limit.abort(timedOut), timeLimitSeconds * 1000);
  const running = executeProtocol(protocol, request, { ...hooks, signal: AbortSignal.any([hooks.signal, limit.signal]) }, memory);
  try {
    return await Promise.race([running, overdue]);
  } catch (error) {
    if (limit.signal.aborted && !hooks.signal.aborted) throw timedOut;
    throw error;
  } finally {
    clearTimeout(limitTimer);
    if (graceTimer) clearTimeout(graceTimer);
    running.catch(() => undefined);
  }
}
