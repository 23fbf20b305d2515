/**
 * Bad user input: a file or value we cannot use. The message names the file and the field, so the
 * CLI can print it as is (no stack trace).
 */
export class VrsInputError extends Error {
  override readonly name = 'VrsInputError';

  constructor(
    message: string,
    /** The file (or parameter) the problem is in, when there is one. */
    readonly source?: string,
    /** The header field, column or key at fault, when there is one. */
    readonly field?: string,
  ) {
    super(source ? `${source}${field ? ` [${field}]` : ''}: ${message}` : message);
  }
}
