import type { Command } from 'commander';
import type { CliCommand } from '../CliCommand.js';
import { executeCliRun } from '../executeCliRun.js';
import { openRecordedRun } from '../openRecordedRun.js';
import { parseJobs } from '../parseJobs.js';
import { collect } from './collect.js';

interface RerunOptions {
  step: string[];
  downstream?: boolean;
  jobs?: string;
  events?: string;
}

export const rerunCommand: CliCommand = {
  name: 'rerun',
  register(program, context) {
    program
      .command('rerun')
      .description('run a step of a run folder again even if its result is stored (its new result replaces the old)')
      .argument('<dir>', 'run folder')
      .requiredOption('-s, --step <name>', 'step to run again (repeatable)', collect)
      .option('--downstream', 'also run again every step that depends on it')
      .option('-j, --jobs <n>', 'steps running at once (default: available cores)')
      .option('--events <file>', 'also write every event as JSON lines to this file ("-": stderr)')
      .action(
        context.action(async (dir: string, options: RerunOptions, command: Command) => {
          const run = await openRecordedRun(dir, context.io.cwd);
          const jobs = parseJobs(options.jobs);
          return executeCliRun({
            io: context.io,
            ...run.runOptions,
            force: options.step,
            forceDownstream: options.downstream === true,
            ...(jobs ? { jobs } : {}),
            ...(context.globals(command).json ? { json: true } : {}),
            ...(options.events ? { events: options.events } : {}),
          });
        }),
      );
  },
};
