import type { Command } from 'commander';
import type { CliIo } from './CliIo.js';

/** Options every command accepts (declared on the program). */
export interface GlobalOptions {
  /** Configuration file (vrs.config.yaml/json). */
  config?: string;
  /** Extra plugin modules, packages or folders. */
  plugin?: string[];
  /** Print one JSON document on stdout instead of text. */
  json?: boolean;
}

/** What commands share. */
export interface CliContext {
  io: CliIo;
  /**
   * Wraps a command's action: the handler returns the exit code; errors become messages (or JSON
   * with --json) and exit codes (bad input 2, locked run folder 3, bug 70).
   */
  action<A extends unknown[]>(handler: (...args: A) => Promise<number>): (...args: A) => Promise<void>;
  /** The global options as seen from a (sub-)command. */
  globals(command: Command): GlobalOptions;
}
