/**
 * A Slurm command (sbatch, scancel, scontrol, squeue) that is missing or refused: the message quotes
 * what the command said, so a user sees Slurm's own words (bad partition, invalid account, …).
 */
export class SlurmCommandError extends Error {
  override readonly name = 'SlurmCommandError';

  constructor(
    readonly command: string,
    message: string,
    /** The command's exit status; undefined when it could not be started. */
    readonly exitStatus?: number,
    readonly stderr = '',
  ) {
    super(message);
  }
}
