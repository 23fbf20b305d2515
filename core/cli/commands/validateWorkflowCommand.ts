import type { Command } from 'commander';
import { resolve } from 'node:path';
import { loadWorkflow } from '../../engine/index.js';
import type { CliCommand } from '../CliCommand.js';
import { exitCodes } from '../exitCodes.js';
import { loadCliEnvironment } from '../loadCliEnvironment.js';

export const validateWorkflowCommand: CliCommand = {
  name: 'validate-workflow',
  register(program, context) {
    program
      .command('validate-workflow')
      .description('check a workflow file (schema, protocols, ports, kinds, parameters, cycles) without running it')
      .argument('<file>', 'workflow YAML file')
      .action(
        context.action(async (file: string, _options: object, command: Command) => {
          const globals = context.globals(command);
          const { registry } = await loadCliEnvironment(globals, context.io);
          const workflow = loadWorkflow(resolve(context.io.cwd, file), registry);
          const summary = { valid: true, workflow: workflow.name, files: workflow.files, steps: workflow.order, params: Object.keys(workflow.params) };
          context.io.stdout.write(globals.json ? `${JSON.stringify(summary, null, 2)}\n` : `${workflow.file}: valid workflow "${workflow.name}" — ${workflow.steps.length} steps (${workflow.order.join(' → ')})\n`);
          return exitCodes.success;
        }),
      );
  },
};
