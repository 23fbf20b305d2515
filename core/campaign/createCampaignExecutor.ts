import { SlurmClient, type ProtocolRegistry, type VrsConfig } from '../engine/index.js';
import type { CampaignExecutor } from './CampaignExecutor.js';
import { LocalExecutor } from './LocalExecutor.js';
import { SlurmExecutor } from './SlurmExecutor.js';

/** Where scripts/slurm/start-single-node-slurm.sh logs job completions. */
export const DEFAULT_JOB_COMP_LOC = '/var/lib/vrs-slurm/jobcomp.log';

/** The executor a campaign names: 'local' (this process) or 'slurm' (one sbatch job per entry). */
export async function createCampaignExecutor(name: 'local' | 'slurm', context: { registry?: ProtocolRegistry; out: string; config: VrsConfig; globalArgs?: readonly string[] }): Promise<CampaignExecutor> {
  if (name === 'local') {
    if (context.registry === undefined) throw new Error('the local executor runs entries in this process and needs the protocol registry');
    return new LocalExecutor(context.registry);
  }
  const settings = context.config.slurm ?? {};
  const client = new SlurmClient({
    jobCompLoc: settings.jobCompLoc ?? DEFAULT_JOB_COMP_LOC,
    ...(settings.partition ? { partition: settings.partition } : {}),
    ...(settings.account ? { account: settings.account } : {}),
    ...(settings.extraArgs ? { extraArgs: settings.extraArgs } : {}),
    ...(settings.safetyCheckMs ? { safetyCheckMs: settings.safetyCheckMs } : {}),
  });
  return new SlurmExecutor(client, { out: context.out, cpus: settings.cpusPerEntry ?? 2, globalArgs: context.globalArgs ?? [] });
}
