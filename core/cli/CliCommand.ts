import type { Command } from 'commander';
import type { CliContext } from './CliContext.js';

/**
 * One `vrs` sub-command: a file in core/cli/commands that registers itself on the program, listed
 * once in core/cli/commands/index.ts. Its action returns the exit code (see exitCodes).
 */
export interface CliCommand {
  name: string;
  register(program: Command, context: CliContext): void;
}
