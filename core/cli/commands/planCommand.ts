import type { Command } from 'commander';
import { resolve } from 'node:path';
import { loadWorkflow, planWorkflow, resolveWorkflowParams, RunDir } from '../../engine/index.js';
import type { CliCommand } from '../CliCommand.js';
import { exitCodes } from '../exitCodes.js';
import { loadCliEnvironment } from '../loadCliEnvironment.js';
import { parseParamAssignments } from '../parseParamAssignments.js';
import { collect } from './collect.js';

interface PlanOptions {
  param?: string[];
  paramsFile?: string;
  out?: string;
  store?: string;
  step?: string[];
  downstream?: boolean;
  until?: string[];
}

const symbols = { cached: '=', run: '▶', 'after-upstream': '…' } as const;

export const planCommand: CliCommand = {
  name: 'plan',
  register(program, context) {
    program
      .command('plan')
      .description('dry run: print each step and why it would run or come from the cache')
      .argument('<workflow>', 'workflow YAML file')
      .option('-p, --param <name=value>', 'workflow parameter (repeatable)', collect)
      .option('--params-file <file>', 'YAML or JSON file of workflow parameters (--param wins)')
      .option('-o, --out <dir>', 'run folder the run would use (its earlier run explains changes)')
      .option('--store <dir>', 'step store to look in (default: VRS_STORE, the config, or <out>/store)')
      .option('-s, --step <name>', 'plan as `vrs rerun --step` would (repeatable)', collect)
      .option('--downstream', 'with --step: also force what depends on it')
      .option('--until <step>', 'plan only this step and the steps it needs (repeatable)', collect)
      .action(
        context.action(async (workflowFile: string, options: PlanOptions, command: Command) => {
          const { io } = context;
          const globals = context.globals(command);
          const { config, registry } = await loadCliEnvironment(globals, io);
          const workflow = loadWorkflow(resolve(io.cwd, workflowFile), registry);
          const given = parseParamAssignments(workflow.params, options.param ?? [], options.paramsFile, io.cwd);
          const params = resolveWorkflowParams(workflow, given, io.cwd);
          const runDir = options.out ? resolve(io.cwd, options.out) : undefined;
          const recordedStore = runDir ? new RunDir(runDir).readRecord()?.store : undefined;
          const store = options.store ?? io.env['VRS_STORE'] ?? recordedStore ?? config.store;
          const plans = await planWorkflow({
            workflow,
            params,
            ...(runDir ? { runDir } : {}),
            ...(store ? { store: resolve(io.cwd, store) } : {}),
            ...(options.step ? { force: options.step } : {}),
            ...(options.downstream ? { forceDownstream: true } : {}),
            ...(options.until ? { until: options.until } : {}),
          });
          if (globals.json) {
            io.stdout.write(`${JSON.stringify({ workflow: workflow.name, steps: plans }, null, 2)}\n`);
            return exitCodes.success;
          }
          const width = Math.max(...plans.map((plan) => plan.step.length));
          const lines = plans.map((plan) => {
            const verdict = plan.action === 'cached' ? 'cached' : plan.action === 'run' ? 'runs' : 'waits';
            return `${symbols[plan.action]} ${plan.step.padEnd(width)}  ${verdict.padEnd(6)} ${plan.protocol}\n    ${plan.reasons.join('\n    ')}`;
          });
          const cached = plans.filter((plan) => plan.action === 'cached').length;
          lines.push(`${workflow.name}: ${plans.length} steps — ${cached} from the cache, ${plans.length - cached} would run or wait for upstream steps`);
          io.stdout.write(`${lines.join('\n')}\n`);
          return exitCodes.success;
        }),
      );
  },
};
