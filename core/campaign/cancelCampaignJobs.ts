import { join } from 'node:path';
import type { VrsConfig } from '../engine/index.js';
import { CampaignLedger } from './CampaignLedger.js';
import { createCampaignExecutor } from './createCampaignExecutor.js';
import { lockCampaignFolder } from './lockCampaignFolder.js';

/**
 * Cancels the Slurm jobs a stopped campaign left in flight and puts their entries back to pending.
 * Takes the campaign folder's lock: refused while a campaign process runs it (stop that one).
 */
export async function cancelCampaignJobs(out: string, config: VrsConfig): Promise<string[]> {
  const release = await lockCampaignFolder(out);
  const ledger = new CampaignLedger(join(out, 'ledger.sqlite'));
  try {
    const inFlight = ledger.all().filter((row) => (row.state === 'submitted' || row.state === 'running') && row.jobId !== null);
    if (inFlight.length > 0) {
      const executor = await createCampaignExecutor('slurm', { out, config });
      await executor.cancel(inFlight);
      for (const row of inFlight) ledger.requeue(row.entry, row.digest, `job ${row.jobId} cancelled (vrs cancel)`);
    }
    return inFlight.map((row) => row.jobId!);
  } finally {
    ledger.close();
    release();
  }
}
