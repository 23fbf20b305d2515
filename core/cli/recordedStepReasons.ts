import type { RunDir } from '../engine/index.js';

/**
 * Step → why its latest outcome in the run folder's journal was a failure (the error) or a skip
 * (the reason). Steps whose latest outcome was a success or a cache hit are absent.
 */
export function recordedStepReasons(runDir: RunDir): { failed: Map<string, string>; skipped: Map<string, string> } {
  const failed = new Map<string, string>();
  const skipped = new Map<string, string>();
  for (const entry of runDir.readJournal()) {
    const { event, step, error, reason } = entry as { event?: string; step?: string; error?: unknown; reason?: unknown };
    if (typeof step !== 'string') continue;
    if (event === 'step:failed' || event === 'step:success' || event === 'step:cached' || event === 'step:skipped') {
      failed.delete(step);
      skipped.delete(step);
    }
    if (event === 'step:failed' && typeof error === 'string') failed.set(step, error);
    if (event === 'step:skipped' && typeof reason === 'string') skipped.set(step, reason);
  }
  return { failed, skipped };
}
