/** Exit codes of `vrs` (documented in docs/cli.md). */
export const exitCodes = {
  /** Everything ran or came from the cache. */
  success: 0,
  /** The run finished, but some steps failed or were skipped (outputs of the others exist). */
  stepsFailed: 1,
  /** Bad command line, configuration, workflow or input: nothing ran. */
  usage: 2,
  /** The run folder is in use by another vrs process. */
  locked: 3,
  /** A bug: an unexpected error (the message says where to look). */
  internal: 70,
  /** Interrupted by SIGINT or SIGTERM; `vrs resume` continues. */
  interrupted: 130,
} as const;

export type ExitCode = (typeof exitCodes)[keyof typeof exitCodes];
