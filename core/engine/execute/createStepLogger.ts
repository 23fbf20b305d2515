import { createWriteStream, type WriteStream } from 'node:fs';
import { once } from 'node:events';
import winston from 'winston';

/** A step's logger and the means to flush and close its files. */
export interface StepLogger {
  logger: winston.Logger;
  /** Ends the logger and waits until every line is on disk. */
  close(): Promise<void>;
}

/**
 * A winston logger writing JSON lines (timestamp, level, message, step, metadata) to each of
 * `files` (appending): the step's own log in the store and the run folder's log of that step.
 */
export function createStepLogger(step: string, files: readonly string[]): StepLogger {
  const streams: WriteStream[] = files.map((file) => createWriteStream(file, { flags: 'a' }));
  const root = winston.createLogger({
    level: 'debug',
    format: winston.format.combine(winston.format.timestamp(), winston.format.json()),
    transports: streams.map((stream) => new winston.transports.Stream({ stream })),
  });
  const logger = root.child({ step });
  let closed: Promise<void> | undefined;
  return {
    logger,
    close: () => {
      closed ??= (async () => {
        const finished = once(root, 'finish');
        root.end();
        await finished;
        await Promise.all(
          streams.map(async (stream) => {
            const done = once(stream, 'close');
            stream.end();
            await done;
          }),
        );
      })();
      return closed;
    },
  };
}
