import { execFile } from 'node:child_process';
import { SlurmCommandError } from './SlurmCommandError.js';

export interface SlurmCommandResult {
  stdout: string;
  stderr: string;
  exitStatus: number;
}

/**
 * Runs a Slurm command and resolves with its output whatever its exit status (callers decide what a
 * failure means: `scontrol show job` fails for a forgotten job, which is not an error). Rejects only
 * when the command cannot be started, with a message saying how to get it.
 */
export function runSlurmCommand(command: string, args: readonly string[]): Promise<SlurmCommandResult> {
  return new Promise((resolve, reject) => {
    execFile(command, args, { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) => {
      if (error && typeof error.code === 'string') {
        const hint =
          error.code === 'ENOENT'
            ? `'${command}' is not on PATH: Slurm's client commands are needed (Debian: apt-get install slurm-client, or slurm-wlm for a whole single-node cluster)`
            : `could not run '${command}': ${error.message}`;
        reject(new SlurmCommandError(command, hint));
        return;
      }
      const exitStatus = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
      resolve({ stdout, stderr, exitStatus });
    });
  });
}

/** Like runSlurmCommand, but a non-zero exit is an error quoting the command's stderr. */
export async function runSlurmCommandOrThrow(command: string, args: readonly string[]): Promise<string> {
  const result = await runSlurmCommand(command, args);
  if (result.exitStatus !== 0) {
    const said = result.stderr.trim() || result.stdout.trim() || '(no output)';
    throw new SlurmCommandError(command, `${command} failed (exit ${result.exitStatus}): ${said}`, result.exitStatus, result.stderr);
  }
  return result.stdout;
}
