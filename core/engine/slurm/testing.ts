import { execFileSync } from 'node:child_process';

/** Whether a usable Slurm answers on this machine (tests): its jobcomp file, or what is wrong. */
export function probeSlurm(): { jobCompLoc?: string; problem?: string } {
  try {
    execFileSync('sinfo', ['-h', '-o', '%T'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], timeout: 10_000 });
    const config = execFileSync('scontrol', ['show', 'config'], { encoding: 'utf8', timeout: 10_000 });
    const type = /^JobCompType\s*=\s*(\S+)/m.exec(config)?.[1];
    const loc = /^JobCompLoc\s*=\s*(\S+)/m.exec(config)?.[1];
    if (type !== 'jobcomp/filetxt' || !loc) return { problem: `Slurm is up but JobCompType is ${type ?? 'unset'}, not jobcomp/filetxt` };
    return { jobCompLoc: loc };
  } catch (error) {
    return { problem: `Slurm is not reachable (sinfo failed: ${(error as Error).message.split('\n')[0]})` };
  }
}

/**
 * Slurm tests skip with a visible reason when no Slurm answers, unless VRS_REQUIRE_SLURM=1 (CI):
 * then a test of the file must fail. Returns whether Slurm is required.
 */
export function slurmRequired(file: string, slurm: { problem?: string }): boolean {
  const required = process.env['VRS_REQUIRE_SLURM'] === '1';
  if (slurm.problem && !required) console.warn(`${file}: skipped: ${slurm.problem}; run scripts/slurm/start-single-node-slurm.sh as root`);
  return required;
}
