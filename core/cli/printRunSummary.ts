import { relative } from 'node:path';
import type { RunSummary } from '../engine/index.js';
import type { CliIo } from './CliIo.js';

/** The end-of-run summary for people: counts, time, failures with their logs, what to do next. */
export function printRunSummary(summary: RunSummary, io: CliIo): void {
  const show = (path: string) => displayPath(path, io.cwd);
  const { counts } = summary;
  const total = summary.steps.length;
  const ran = counts.success;
  const lines: string[] = [];
  lines.push(
    `${summary.workflow}: ${total} steps — ${counts.cached} from the cache, ${ran} run, ${counts.failed} failed, ${counts.skipped} skipped ` +
      `(${(summary.durationMs / 1000).toFixed(2)} s, attempt ${summary.attempt})`,
  );
  if (counts.cached === total) lines.push('every step came from the cache');
  for (const step of summary.steps) {
    if (step.outcome === 'failed') lines.push(`  ✗ ${step.step} (${step.protocol}) failed: ${step.error}\n      log: ${show(`${summary.runDir}/logs/${step.step}.log`)}`);
  }
  const skipped = summary.steps.filter((step) => step.outcome === 'skipped');
  if (skipped.length > 0) lines.push(`  skipped: ${skipped.map((step) => step.step).join(', ')}`);
  for (const file of summary.published) lines.push(`published: ${show(file)}`);
  for (const note of summary.notes ?? []) lines.push(`note: ${note}`);
  lines.push(`run folder: ${show(summary.runDir)}`);
  if (summary.status === 'failed') lines.push(`fix the cause, then continue with: vrs resume ${show(summary.runDir)}`);
  if (summary.status === 'interrupted') lines.push(`interrupted; continue with: vrs resume ${show(summary.runDir)}`);
  io.stdout.write(`${lines.join('\n')}\n`);
}

/** A path relative to the current folder when it lies below it, absolute otherwise. */
function displayPath(path: string, cwd: string): string {
  const fromCwd = relative(cwd, path);
  return fromCwd === '' ? '.' : fromCwd.startsWith('..') ? path : fromCwd;
}
