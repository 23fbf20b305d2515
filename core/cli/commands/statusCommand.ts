import type { Command } from 'commander';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { RunDir, StepStore, type RunRecord, type StepOutcome } from '../../engine/index.js';
import { VrsInputError } from '../../errors/index.js';
import type { CliCommand } from '../CliCommand.js';
import { exitCodes } from '../exitCodes.js';
import { recordedStepReasons } from '../recordedStepReasons.js';

/** One step of a run folder as `vrs status` shows it. */
export interface StepStatus {
  step: string;
  /** Latest outcome; "not run" when no attempt has reached the step yet. */
  outcome: StepOutcome | 'not run';
  key?: string;
  /** From the stored result's manifest: when and how long it was computed, peak RSS of the process then. */
  computedAt?: string;
  durationMs?: number;
  peakRssBytes?: number;
  /** The step log in the run folder. */
  log: string;
  /** Why it failed or was skipped. */
  reason?: string;
}

export interface RunStatusReport {
  runDir: string;
  workflow: string;
  /** 'killed': run.json says running but no process holds the folder's lock any more. */
  status: RunRecord['status'] | 'killed';
  attempts: number;
  createdAt: string;
  updatedAt: string;
  store: string;
  steps: StepStatus[];
}

/**
 * `vrs status DIR`: what a run folder holds, without running or loading anything — each step's
 * latest outcome, when its stored result was computed, how long it took and the memory then, and
 * why a step failed or was skipped (like `nextflow log` with trace fields).
 */
export const statusCommand: CliCommand = {
  name: 'status',
  register(program, context) {
    program
      .command('status')
      .description('show a run folder: each step\'s outcome, run time, peak memory and store key, and why steps failed')
      .argument('<dir>', 'run folder')
      .action(
        context.action(async (dir: string, _options: object, command: Command) => {
          const report = runStatus(resolve(context.io.cwd, dir));
          context.io.stdout.write(context.globals(command).json ? `${JSON.stringify(report, null, 2)}\n` : formatRunStatus(report));
          return exitCodes.success;
        }),
      );
  },
};

export function runStatus(dir: string): RunStatusReport {
  const runDir = new RunDir(dir);
  const record = runDir.readRecord();
  if (!record) throw new VrsInputError('not a run folder (no run.json); start one with vrs run WORKFLOW --out DIR', runDir.dir);
  // Nothing is created: the store is opened only if it still exists.
  const store = existsSync(join(record.store, 'steps')) ? new StepStore(record.store) : undefined;
  const reasons = recordedStepReasons(runDir);
  const steps = stepOrder(runDir, record).map((step): StepStatus => {
    const latest = record.steps[step];
    const stored = latest?.key ? store?.lookup(latest.key) : undefined;
    const reason = reasons.failed.get(step) ?? reasons.skipped.get(step);
    return {
      step,
      outcome: latest?.outcome ?? 'not run',
      ...(latest?.key ? { key: latest.key } : {}),
      ...(stored ? { computedAt: stored.manifest.finishedAt, durationMs: stored.manifest.durationMs, peakRssBytes: stored.manifest.peakRssBytes } : {}),
      log: runDir.logFile(step),
      ...(reason !== undefined && (latest?.outcome === 'failed' || latest?.outcome === 'skipped') ? { reason } : {}),
    };
  });
  return {
    runDir: runDir.dir,
    workflow: record.workflow.name,
    // A run killed (SIGKILL, power loss) never wrote its end: its lease tells it apart from a live one.
    status: record.status === 'running' && !runDir.isLocked() ? 'killed' : record.status,
    attempts: record.attempts,
    createdAt: record.createdAt,
    updatedAt: record.updatedAt,
    store: record.store,
    steps,
  };
}

/** The steps in the order the latest attempt scheduled them, then any others the record knows. */
function stepOrder(runDir: RunDir, record: RunRecord): string[] {
  let order: string[] = [];
  for (const entry of runDir.readJournal()) {
    if (entry['event'] === 'run:start' && Array.isArray(entry['steps'])) order = entry['steps'].filter((s): s is string => typeof s === 'string');
  }
  return [...new Set([...order, ...Object.keys(record.steps)])];
}

export function formatRunStatus(report: RunStatusReport): string {
  const rows = [['step', 'outcome', 'time', 'peak RSS', 'computed', 'key']];
  for (const s of report.steps) {
    rows.push([
      s.step,
      s.outcome,
      s.durationMs === undefined ? '–' : `${(s.durationMs / 1000).toFixed(2)} s`,
      s.peakRssBytes === undefined ? '–' : `${(s.peakRssBytes / 2 ** 20).toFixed(0)} MB`,
      s.computedAt === undefined ? '–' : s.computedAt.replace('T', ' ').replace(/\.\d+Z$/, 'Z'),
      s.key === undefined ? '–' : s.key.slice(0, 12),
    ]);
  }
  const widths = rows[0]!.map((_, c) => Math.max(...rows.map((r) => r[c]!.length)));
  const table = rows.map((r) => r.map((cell, c) => (c === 2 || c === 3 ? cell.padStart(widths[c]!) : cell.padEnd(widths[c]!))).join('  ').trimEnd());
  const lines = [
    `${report.runDir}: workflow ${report.workflow}, ${report.status}, ${report.attempts} attempt${report.attempts === 1 ? '' : 's'} (created ${report.createdAt}, updated ${report.updatedAt})`,
    ...(report.status === 'killed' ? [`the run stopped without finishing (killed); the results it stored are kept: vrs resume ${report.runDir}`] : []),
    `store: ${report.store}`,
    '',
    ...table,
  ];
  const explained = report.steps.filter((s) => s.reason !== undefined);
  if (explained.length > 0) {
    lines.push('');
    for (const s of explained) lines.push(`${s.step} ${s.outcome}: ${s.reason}`, `  log: ${s.log}`);
  }
  return `${lines.join('\n')}\n`;
}
