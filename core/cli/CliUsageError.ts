/** A mistake on the command line (bad option value, missing argument): exit code 2, no stack trace. */
export class CliUsageError extends Error {
  override readonly name = 'CliUsageError';
}
