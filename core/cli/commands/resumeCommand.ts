import type { Command } from 'commander';
import type { CliCommand } from '../CliCommand.js';
import { executeCliRun } from '../executeCliRun.js';
import { openRecordedRun } from '../openRecordedRun.js';
import { parseJobs } from '../parseJobs.js';
import { collect } from './collect.js';

interface ResumeOptions {
  jobs?: string;
  events?: string;
  until?: string[];
}

export const resumeCommand: CliCommand = {
  name: 'resume',
  register(program, context) {
    program
      .command('resume')
      .description('run a run folder again: steps with valid stored results are skipped, failed and unfinished ones run')
      .argument('<dir>', 'run folder')
      .option('--until <step>', 'run only this step and the steps it needs (repeatable)', collect)
      .option('-j, --jobs <n>', 'steps running at once (default: available cores)')
      .option('--events <file>', 'also write every event as JSON lines to this file ("-": stderr)')
      .action(
        context.action(async (dir: string, options: ResumeOptions, command: Command) => {
          const run = await openRecordedRun(dir, context.io.cwd);
          const jobs = parseJobs(options.jobs);
          return executeCliRun({
            io: context.io,
            ...run.runOptions,
            ...(jobs ? { jobs } : {}),
            ...(context.globals(command).json ? { json: true } : {}),
            ...(options.events ? { events: options.events } : {}),
            ...(options.until ? { until: options.until } : {}),
          });
        }),
      );
  },
};
