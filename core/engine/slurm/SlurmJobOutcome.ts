/** How a Slurm job (or one task of an array job) ended. */
export interface SlurmJobOutcome {
  /** The job id, or `ARRAYID_TASK` for an array task. */
  jobId: string;
  /** Slurm's final JobState: COMPLETED, FAILED, CANCELLED, TIMEOUT, OUT_OF_MEMORY, NODE_FAIL, … */
  state: string;
  /** The exit status of the batch script (the `code` of Slurm's `code:signal`). */
  exitCode: number;
  /** The signal that ended it, 0 when none (the `signal` of `code:signal`). */
  signal: number;
  /** Killed for exceeding its `--mem`. */
  outOfMemory: boolean;
  /** Killed at its time limit. */
  timedOut: boolean;
  /** Slurm's reason when it says something useful (e.g. DependencyNeverSatisfied). */
  reason?: string;
}

/** Job states after which a job never runs again (without a requeue). */
export const finalJobStates: ReadonlySet<string> = new Set([
  'COMPLETED',
  'FAILED',
  'CANCELLED',
  'TIMEOUT',
  'OUT_OF_MEMORY',
  'NODE_FAIL',
  'BOOT_FAIL',
  'DEADLINE',
  'PREEMPTED',
  'SPECIAL_EXIT',
]);
