import { expandArrayIndices } from './expandArrayIndices.js';
import { runSlurmCommand } from './runSlurmCommand.js';
import { SlurmCommandError } from './SlurmCommandError.js';

export interface QueueState {
  state: string;
  reason: string;
}

/** Ids per squeue call: keeps the command line short on a campaign of thousands of jobs. */
const idsPerCall = 200;

/**
 * The state and reason of many jobs in one squeue call per 200 ids (scontrol takes one id per
 * call), keyed by job id or `ARRAYID_TASK`. Pending array tasks that squeue groups (`5_[1-3%1]`)
 * are listed one by one. Jobs slurmctld has forgotten are absent.
 */
export async function readQueueStates(ids: readonly string[]): Promise<Map<string, QueueState>> {
  const states = new Map<string, QueueState>();
  for (let start = 0; start < ids.length; start += idsPerCall) {
    const chunk = ids.slice(start, start + idsPerCall);
    const result = await runSlurmCommand('squeue', ['-h', '-t', 'all', '-o', '%i|%T|%r', '-j', chunk.join(',')]);
    if (result.exitStatus !== 0) {
      // squeue fails when none of the ids is known, which only means they are all forgotten.
      if (/Invalid job id specified/i.test(result.stderr)) continue;
      throw new SlurmCommandError('squeue', `squeue failed (exit ${result.exitStatus}): ${result.stderr.trim()}`, result.exitStatus, result.stderr);
    }
    for (const line of result.stdout.split('\n')) {
      const [id, state, reason] = line.trim().split('|');
      if (!id || !state) continue;
      const grouped = /^(\d+)_\[(.+)\]$/.exec(id);
      const taskIds = grouped ? (expandArrayIndices(grouped[2]!) ?? []).map((index) => `${grouped[1]}_${index}`) : [id];
      for (const taskId of taskIds) states.set(taskId, { state, reason: reason ?? '' });
    }
  }
  return states;
}
