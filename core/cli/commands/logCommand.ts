import type { Command } from 'commander';
import { RunHistory, runHistoryFile, type RunHistoryEntry, type RunHistoryStatus } from '../../engine/run/runHistory.js';
import type { CliCommand } from '../CliCommand.js';
import { CliUsageError } from '../CliUsageError.js';
import { exitCodes } from '../exitCodes.js';

const STATUSES: readonly RunHistoryStatus[] = ['running', 'success', 'failed', 'interrupted', 'killed'];

interface LogOptions {
  limit?: string;
  status?: string;
}

/**
 * `vrs log`: every run started on this machine (by any user command that runs a workflow), oldest
 * first, from the history in the vrs home folder — like `nextflow log`.
 */
export const logCommand: CliCommand = {
  name: 'log',
  register(program, context) {
    program
      .command('log')
      .description('list the runs made on this machine: start, duration, status, workflow, map, run folder and report (history in $VRS_HOME, default ~/.vrs)')
      .option('-n, --limit <n>', 'only the latest N runs')
      .option('--status <status>', `only runs in this state (${STATUSES.join(', ')})`)
      .action(
        context.action(async (options: LogOptions, command: Command) => {
          const limit = parseLimit(options.limit);
          if (options.status !== undefined && !STATUSES.includes(options.status as RunHistoryStatus)) {
            throw new CliUsageError(`--status expects one of ${STATUSES.join(', ')}, got ${JSON.stringify(options.status)}`);
          }
          const history = new RunHistory(runHistoryFile(context.io.env));
          let runs = history.list();
          if (options.status !== undefined) runs = runs.filter((run) => run.status === options.status);
          if (limit !== undefined) runs = runs.slice(Math.max(0, runs.length - limit));
          context.io.stdout.write(context.globals(command).json ? `${JSON.stringify(runs, null, 2)}\n` : formatRunLog(runs, history.file));
          return exitCodes.success;
        }),
      );
  },
};

function parseLimit(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const value = Number(text);
  if (!/^\d+$/.test(text.trim()) || !(value >= 1)) throw new CliUsageError(`--limit expects a positive whole number, got ${JSON.stringify(text)}`);
  return value;
}

export function formatRunLog(runs: RunHistoryEntry[], file: string): string {
  if (runs.length === 0) return `no runs recorded in ${file}\n`;
  const rows = [['started', 'duration', 'status', 'workflow', 'map', 'run folder', 'report']];
  for (const run of runs) {
    rows.push([
      run.startedAt.replace('T', ' ').replace(/\.\d+Z$/, 'Z'),
      run.durationMs === undefined ? '–' : formatDuration(run.durationMs),
      run.status,
      run.workflow,
      run.map ?? '–',
      run.runDirExists ? run.runDir : `${run.runDir} (moved or deleted)`,
      run.report ?? '–',
    ]);
  }
  const widths = rows[0]!.map((_, c) => Math.max(...rows.map((r) => r[c]!.length)));
  return `${rows.map((r) => r.map((cell, c) => (c === 1 ? cell.padStart(widths[c]!) : cell.padEnd(widths[c]!))).join('  ').trimEnd()).join('\n')}\n`;
}

function formatDuration(ms: number): string {
  const seconds = ms / 1000;
  if (seconds < 60) return `${seconds.toFixed(1)} s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${minutes} min ${Math.round(seconds - 60 * minutes)} s`;
  return `${Math.floor(minutes / 60)} h ${minutes % 60} min`;
}
