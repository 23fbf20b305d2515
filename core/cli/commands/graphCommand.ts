import type { Command } from 'commander';
import { resolve } from 'node:path';
import { loadWorkflow, workflowToDot, workflowToMermaid } from '../../engine/index.js';
import type { CliCommand } from '../CliCommand.js';
import { CliUsageError } from '../CliUsageError.js';
import { exitCodes } from '../exitCodes.js';
import { loadCliEnvironment } from '../loadCliEnvironment.js';

export const graphCommand: CliCommand = {
  name: 'graph',
  register(program, context) {
    program
      .command('graph')
      .description('print the workflow DAG as Graphviz DOT (default) or Mermaid')
      .argument('<workflow>', 'workflow YAML file')
      .option('-f, --format <format>', 'dot or mermaid', 'dot')
      .action(
        context.action(async (workflowFile: string, options: { format: string }, command: Command) => {
          if (options.format !== 'dot' && options.format !== 'mermaid') throw new CliUsageError(`--format expects dot or mermaid, got ${JSON.stringify(options.format)}`);
          const { registry } = await loadCliEnvironment(context.globals(command), context.io);
          const workflow = loadWorkflow(resolve(context.io.cwd, workflowFile), registry);
          context.io.stdout.write(options.format === 'dot' ? workflowToDot(workflow) : workflowToMermaid(workflow));
          return exitCodes.success;
        }),
      );
  },
};
