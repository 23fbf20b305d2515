import type { Command } from 'commander';
import { describeParamType, type AnyProtocol } from '../../engine/index.js';
import { closestWords } from '../../engine/workflow/didYouMean.js';
import { VrsInputError } from '../../errors/index.js';
import type { CliCommand } from '../CliCommand.js';
import { exitCodes } from '../exitCodes.js';
import { loadCliEnvironment } from '../loadCliEnvironment.js';

export const protocolsCommand: CliCommand = {
  name: 'protocols',
  register(program, context) {
    program
      .command('protocols')
      .description('list the installed protocols with their parameters, inputs and outputs')
      .argument('[id]', 'show only this protocol')
      .action(
        context.action(async (id: string | undefined, _options: object, command: Command) => {
          const globals = context.globals(command);
          const { registry } = await loadCliEnvironment(globals, context.io);
          const protocols = registry.list().filter((protocol) => id === undefined || protocol.id === id);
          if (id !== undefined && protocols.length === 0) {
            const closest = closestWords(id, registry.ids());
            throw new VrsInputError(`no protocol ${id}${closest.length > 0 ? ` (closest: ${closest.join(', ')}; vrs protocols lists them all)` : ' (no protocols installed)'}`);
          }
          if (globals.json) {
            context.io.stdout.write(`${JSON.stringify(protocols.map((protocol) => describe(protocol, registry.moduleOf(protocol.id)!)), null, 2)}\n`);
          } else {
            context.io.stdout.write(protocols.map((protocol) => text(protocol, registry.moduleOf(protocol.id)!)).join('\n') || 'no protocols installed\n');
          }
          return exitCodes.success;
        }),
      );
  },
};

function describe(protocol: AnyProtocol, module: string) {
  return {
    id: protocol.id,
    version: protocol.version,
    title: protocol.title,
    ...(protocol.description ? { description: protocol.description } : {}),
    execution: protocol.execution,
    module,
    params: protocol.params,
    inputs: protocol.inputs,
    outputs: protocol.outputs,
    ...(protocol.section ? { section: protocol.section } : {}),
  };
}

function text(protocol: AnyProtocol, module: string): string {
  const lines = [`${protocol.id} ${protocol.version} — ${protocol.title}${protocol.execution === 'worker' ? ' [worker thread]' : ''}`];
  if (protocol.description) lines.push(`  ${protocol.description}`);
  lines.push(`  from ${module}`);
  for (const [name, spec] of Object.entries(protocol.params)) {
    const flags = [spec.required ? 'required' : undefined, spec.default !== undefined ? `default ${JSON.stringify(spec.default)}` : undefined].filter(Boolean).join(', ');
    lines.push(`  param  ${name}: ${describeParamType(spec)}${flags ? ` (${flags})` : ''}${spec.description ? ` — ${spec.description}` : ''}`);
  }
  for (const [name, spec] of Object.entries(protocol.inputs)) {
    const flags = [spec.optional ? 'optional' : undefined, spec.many ? 'many' : undefined, spec.tolerateFailure ? 'tolerates failure' : undefined].filter(Boolean).join(', ');
    lines.push(`  input  ${name}: ${spec.kind}${flags ? ` (${flags})` : ''}${spec.description ? ` — ${spec.description}` : ''}`);
  }
  for (const [name, spec] of Object.entries(protocol.outputs)) {
    lines.push(`  output ${name}: ${spec.kind}${spec.optional ? ' (optional)' : ''}${spec.description ? ` — ${spec.description}` : ''}`);
  }
  return `${lines.join('\n')}\n`;
}
