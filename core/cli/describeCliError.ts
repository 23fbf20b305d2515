import { VrsInputError } from '../errors/index.js';
import { RunLockedError, WorkflowValidationError } from '../engine/index.js';
import { CliUsageError } from './CliUsageError.js';
import { exitCodes } from './exitCodes.js';

/** How an error is shown and which exit code it gives. */
export interface CliErrorDescription {
  exitCode: number;
  /** Text for the terminal (no stack trace unless it is a bug). */
  text: string;
  /** The same for --json. */
  json: { type: string; message: string; issues?: unknown[] };
}

export function describeCliError(error: unknown): CliErrorDescription {
  if (error instanceof WorkflowValidationError) {
    return { exitCode: exitCodes.usage, text: error.message, json: { type: error.name, message: error.message, issues: [...error.issues] } };
  }
  if (error instanceof VrsInputError || error instanceof CliUsageError) {
    return { exitCode: exitCodes.usage, text: `error: ${error.message}`, json: { type: error.name, message: error.message } };
  }
  if (error instanceof RunLockedError) {
    return { exitCode: exitCodes.locked, text: `error: ${error.message}`, json: { type: error.name, message: error.message } };
  }
  const message = error instanceof Error ? error.message : String(error);
  const stack = error instanceof Error && error.stack ? `\n${error.stack}` : '';
  return {
    exitCode: exitCodes.internal,
    text: `internal error: ${message}${stack}\nThis is a bug in vrs or in a plugin; please report it with the command line and the files involved.`,
    json: { type: error instanceof Error ? error.name : 'Error', message },
  };
}
