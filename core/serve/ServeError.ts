/** A refusal the server answers with its HTTP status and this message as `{error}`. */
export class ServeError extends Error {
  override readonly name = 'ServeError';

  constructor(
    readonly statusCode: number,
    message: string,
  ) {
    super(message);
  }
}
