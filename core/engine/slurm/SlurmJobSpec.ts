/** One batch job to submit: a command, where it runs, what it may use, and what it waits for. */
export interface SlurmJobSpec {
  /** `--job-name`; also the stem of the batch script's file name. */
  name: string;
  /** The command and its arguments, run with `exec` (no shell interprets them). */
  argv: readonly string[];
  /** The job's working directory (`--chdir`). */
  cwd: string;
  /** Folder the batch script is written into (kept: it records what was submitted). */
  scriptDir: string;
  /** `--cpus-per-task`. */
  cpus: number;
  /** `--mem` in MB: the job is killed for out of memory above it. */
  memoryMb: number;
  /** `--time` in minutes; the partition's limit when absent. */
  timeLimitMinutes?: number;
  /** Job ids that must end COMPLETED first (`--dependency=afterok:…`); if one fails, this job is cancelled. */
  dependencyAfterOk?: readonly string[];
  /** `--array` index spec, e.g. `0-7` or `0-99%10`; each task sees `SLURM_ARRAY_TASK_ID`. */
  array?: string;
  /** `--output` path (sbatch patterns such as `%A_%a` allowed). */
  stdoutPath: string;
  /** `--error` path; stdout's file when absent. */
  stderrPath?: string;
  /**
   * Submit held (`--hold`): the job waits until `release`. A submitter records the id durably in
   * between, so a crash right after sbatch leaves a held job, never an unrecorded running one.
   */
  hold?: boolean;
  /** Variables added to the job's environment (on top of the submitting process's). */
  env?: Readonly<Record<string, string>>;
}
