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

/** A step stopped because it ran past its time limit (resources.timeLimitSeconds). */
export class StepTimedOut extends Error {
  override readonly name = 'StepTimedOut';

  constructor(
    readonly step: string,
    readonly timeLimitSeconds: number,
  ) {
    super(`timed out after ${timeLimitSeconds} s (time limit of step ${step})`);
  }
}

/** A worker step ended because its JavaScript heap reached its limit (ERR_WORKER_OUT_OF_MEMORY). */
export class StepOutOfMemory extends Error {
  override readonly name = 'StepOutOfMemory';

  constructor(
    readonly step: string,
    /** The heap limit it ran with; undefined for Node's default limit. */
    readonly memoryMb: number | undefined,
  ) {
    super(
      memoryMb === undefined
        ? `ran out of memory at the default heap limit of a worker thread (step ${step}; declare resources.memoryMb to set it)`
        : `ran out of memory at ${memoryMb} MB (step ${step})`,
    );
  }
}

/** True for the error a worker thread ends with when its heap limit is reached. */
export function isWorkerOutOfMemory(error: unknown): boolean {
  return (error as { code?: unknown } | null)?.code === 'ERR_WORKER_OUT_OF_MEMORY';
}
