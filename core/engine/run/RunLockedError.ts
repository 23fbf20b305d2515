/** Another process holds the run folder's lock. */
export class RunLockedError extends Error {
  override readonly name = 'RunLockedError';

  constructor(
    readonly runDir: string,
    readonly holder: { pid: number; host: string; attempt: number; startedAt: string },
  ) {
    super(
      `${runDir} is in use by process ${holder.pid} on ${holder.host} (attempt ${holder.attempt}, started ${holder.startedAt}); ` +
        'wait for it to finish, or remove run.lock if that process is gone',
    );
  }
}
