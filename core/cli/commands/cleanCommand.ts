import type { Command } from 'commander';
import { isAbsolute, relative, resolve } from 'node:path';
import { RunDir, StepStore } from '../../engine/index.js';
import { VrsInputError } from '../../errors/index.js';
import type { CliCommand } from '../CliCommand.js';
import { exitCodes } from '../exitCodes.js';

interface CleanOptions {
  dryRun?: boolean;
}

/**
 * `vrs clean DIR`: frees the disk space of results the run folder no longer uses — store entries
 * of earlier parameter values, inputs or protocol versions, and workspaces of killed runs. What the
 * latest attempt of every step refers to stays, so `vrs report`, `resume` and `status` work as
 * before. Only a run folder's own store is cleaned: a shared store (`--store`, VRS_STORE) holds
 * other runs' results, which this folder's record cannot vouch for.
 */
export const cleanCommand: CliCommand = {
  name: 'clean',
  register(program, context) {
    program
      .command('clean')
      .description("delete the stored results a run folder no longer uses (earlier parameters, inputs or versions; killed runs' workspaces)")
      .argument('<dir>', 'run folder')
      .option('-n, --dry-run', 'only list what would be deleted')
      .action(
        context.action(async (dir: string, options: CleanOptions, command: Command) => {
          const runDir = new RunDir(resolve(context.io.cwd, dir));
          const record = runDir.readRecord();
          if (!record) throw new VrsInputError('not a run folder (no run.json); start one with vrs run WORKFLOW --out DIR', runDir.dir);
          const inside = relative(runDir.dir, record.store);
          if (inside.startsWith('..') || isAbsolute(inside)) {
            throw new VrsInputError(`its store ${record.store} is outside the folder and may hold other runs' results; vrs clean only cleans a run folder's own store`, runDir.dir);
          }
          // Holding the lock keeps runs of this folder out while entries are deleted.
          await runDir.acquireLock(record.attempts);
          try {
            const store = new StepStore(record.store);
            const keep = new Set(Object.values(record.steps).flatMap((step) => (step.key ? [step.key] : [])));
            const removed = store.prune(keep, options.dryRun ? { dryRun: true } : {});
            const abandoned = options.dryRun ? [] : store.cleanAbandoned();
            const bytes = removed.reduce((sum, entry) => sum + entry.bytes, 0);
            if (context.globals(command).json) {
              context.io.stdout.write(`${JSON.stringify({ dryRun: options.dryRun === true, kept: keep.size, removed, bytes, abandonedWorkspaces: abandoned }, null, 2)}\n`);
            } else {
              const verb = options.dryRun ? 'would delete' : 'deleted';
              const lines = removed.map((entry) => `${verb} ${entry.key.slice(0, 12)} (step ${entry.step}, ${megabytes(entry.bytes)})`);
              lines.push(`${runDir.dir}: ${verb} ${removed.length} stored result${removed.length === 1 ? '' : 's'} (${megabytes(bytes)}), kept ${keep.size}${abandoned.length > 0 ? `, removed ${abandoned.length} abandoned workspace${abandoned.length === 1 ? '' : 's'}` : ''}`);
              context.io.stdout.write(`${lines.join('\n')}\n`);
            }
            return exitCodes.success;
          } finally {
            runDir.releaseLock();
          }
        }),
      );
  },
};

function megabytes(bytes: number): string {
  return `${(bytes / 2 ** 20).toFixed(1)} MB`;
}
