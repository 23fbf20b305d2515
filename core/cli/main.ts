import { Command, CommanderError } from 'commander';
import { engineVersion } from '../engine/index.js';
import type { CliContext, GlobalOptions } from './CliContext.js';
import { processIo, type CliIo } from './CliIo.js';
import { collect } from './commands/collect.js';
import { cliCommands } from './commands/index.js';
import { describeCliError } from './describeCliError.js';
import { exitCodes } from './exitCodes.js';

/**
 * Runs `vrs` with the arguments after the program name and returns the exit code. Never calls
 * process.exit, so tests can run commands in-process with their own I/O.
 */
export async function runCli(argv: readonly string[], io: CliIo = processIo()): Promise<number> {
  let exitCode: number = exitCodes.success;
  const program = new Command('vrs')
    .description('Validate cryo-EM density maps with workflows of protocol plugins: cached steps, resume, single-step rerun.')
    .version(engineVersion, '-V, --version')
    .option('-c, --config <file>', 'configuration file (default: VRS_CONFIG, or vrs.config.{yaml,yml,json} in the current folder)')
    .option('--plugin <module>', 'load a plugin module, package folder or installed package (repeatable)', collect)
    .option('--json', 'print one JSON document on stdout (no progress)')
    .showHelpAfterError('(vrs --help lists the commands)')
    .exitOverride()
    .configureOutput({ writeOut: (text) => io.stdout.write(text), writeErr: (text) => io.stderr.write(text) });

  const context: CliContext = {
    io,
    globals: (command) => command.optsWithGlobals<GlobalOptions>(),
    action:
      <A extends unknown[]>(handler: (...args: A) => Promise<number>) =>
      async (...args: A) => {
        try {
          exitCode = await handler(...args);
        } catch (error) {
          const described = describeCliError(error);
          const command = args[args.length - 1] as Command;
          if (command.optsWithGlobals<GlobalOptions>().json) {
            io.stdout.write(`${JSON.stringify({ status: 'error', exitCode: described.exitCode, error: described.json }, null, 2)}\n`);
          } else {
            io.stderr.write(`${described.text}\n`);
          }
          exitCode = described.exitCode;
        }
      },
  };
  for (const command of cliCommands) command.register(program, context);
  for (const command of program.commands) command.exitOverride().configureOutput(program.configureOutput());

  try {
    await program.parseAsync([...argv], { from: 'user' });
  } catch (error) {
    if (error instanceof CommanderError) {
      // --help and --version end with code 0; usage mistakes were already printed by commander.
      return error.exitCode === 0 ? exitCodes.success : exitCodes.usage;
    }
    throw error;
  }
  return exitCode;
}
