import type { Command } from 'commander';
import { resolve } from 'node:path';
import { loadWorkflow, resolveWorkflowParams } from '../../engine/index.js';
import type { CliCommand } from '../CliCommand.js';
import { executeCliRun } from '../executeCliRun.js';
import { loadCliEnvironment } from '../loadCliEnvironment.js';
import { parseJobs } from '../parseJobs.js';
import { parseParamAssignments } from '../parseParamAssignments.js';
import { collect } from './collect.js';

interface RunOptions {
  param?: string[];
  paramsFile?: string;
  out: string;
  store?: string;
  jobs?: string;
  events?: string;
  until?: string[];
  force?: boolean;
}

export const runCommand: CliCommand = {
  name: 'run',
  register(program, context) {
    program
      .command('run')
      .description('run a workflow; steps whose results are in the store are taken from it')
      .argument('<workflow>', 'workflow YAML file')
      .option('-p, --param <name=value>', 'workflow parameter (repeatable)', collect)
      .option('--params-file <file>', 'YAML or JSON file of workflow parameters (--param wins)')
      .requiredOption('-o, --out <dir>', 'run folder (created; an existing one is continued)')
      .option('--force', "reuse the output folder although it holds a run of another workflow (that run's step states and published files are removed; its stored results stay)")
      .option('--store <dir>', 'shared step store (default: VRS_STORE, the config, or <out>/store)')
      .option('--until <step>', 'run only this step and the steps it needs (repeatable)', collect)
      .option('-j, --jobs <n>', 'steps running at once (default: available cores)')
      .option('--events <file>', 'also write every event as JSON lines to this file ("-": stderr)')
      .action(
        context.action(async (workflowFile: string, options: RunOptions, command: Command) => {
          const globals = context.globals(command);
          const { config, registry } = await loadCliEnvironment(globals, context.io);
          const workflow = loadWorkflow(resolve(context.io.cwd, workflowFile), registry);
          const given = parseParamAssignments(workflow.params, options.param ?? [], options.paramsFile, context.io.cwd);
          const params = resolveWorkflowParams(workflow, given, context.io.cwd);
          const store = options.store ?? context.io.env['VRS_STORE'] ?? config.store;
          const jobs = parseJobs(options.jobs) ?? config.jobs;
          return executeCliRun({
            io: context.io,
            workflow,
            registry,
            params,
            runDir: options.out,
            ...(store ? { store } : {}),
            ...(jobs ? { jobs } : {}),
            ...(globals.json ? { json: true } : {}),
            ...(options.events ? { events: options.events } : {}),
            ...(options.until ? { until: options.until } : {}),
            ...(options.force ? { replaceWorkflow: true } : {}),
          });
        }),
      );
  },
};
