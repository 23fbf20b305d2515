/** A step's failure as it travels from a worker thread: enough to classify and report it. */
export interface SerializedStepError {
  message: string;
  name: string;
  stack?: string;
  /** The failure is bad input (VrsInputError), not a bug: shown without a stack trace. */
  inputError: boolean;
}

export function serializeStepError(error: unknown): SerializedStepError {
  if (error instanceof Error) {
    return { message: error.message, name: error.name, ...(error.stack ? { stack: error.stack } : {}), inputError: error.name === 'VrsInputError' };
  }
  return { message: String(error), name: 'Error', inputError: false };
}

/** A step failure re-created on the main thread. */
export class StepFailure extends Error {
  override readonly name: string;
  readonly inputError: boolean;

  constructor(serialized: SerializedStepError) {
    super(serialized.message);
    this.name = serialized.name;
    this.inputError = serialized.inputError;
    if (serialized.stack) this.stack = serialized.stack;
  }
}
