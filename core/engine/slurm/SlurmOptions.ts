/**
 * Where the Slurm client submits and how it learns that jobs ended. The campaign command reads these
 * from the `slurm:` key of vrs.config.yaml (same names).
 */
export interface SlurmOptions {
  /**
   * The cluster's job-completion file (slurm.conf `JobCompType=jobcomp/filetxt`, `JobCompLoc=`). The
   * client watches it to learn of finished jobs without polling, and reads it for jobs slurmctld has
   * already forgotten (older than `MinJobAge`).
   */
  jobCompLoc: string;
  /** `--partition` for every job; the cluster's default partition when absent. */
  partition?: string;
  /** `--account` for every job; the user's default account when absent. */
  account?: string;
  /** More sbatch options, passed as given before the script (e.g. `["--qos=short"]`). */
  extraArgs?: readonly string[];
  /**
   * How often the client asks slurmctld directly about jobs it still waits for, in case the
   * completion file missed a job (rotated, on a slow network filesystem). Default 30 000 ms.
   */
  safetyCheckMs?: number;
}
