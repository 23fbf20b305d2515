import { hostname } from 'node:os';
import { join } from 'node:path';
import { LeaseLock } from '../engine/run/LeaseLock.js';
import { VrsInputError } from '../errors/index.js';

/**
 * Takes the campaign folder's lease lock (`campaign.lock`): one process at a time owns a campaign
 * and its ledger. Refused, naming the holder, while another live process has it; returns the
 * release function.
 */
export async function lockCampaignFolder(out: string): Promise<() => void> {
  const lock = new LeaseLock<{ pid: number; host: string; started: string }>(join(out, 'campaign.lock'));
  await lock.acquire({ pid: process.pid, host: hostname(), started: new Date().toISOString() }, (holder) => {
    throw new VrsInputError(`the campaign folder is in use by process ${holder.pid ?? '?'} on ${holder.host ?? '?'} (since ${holder.started ?? '?'}); wait for it or stop it`, out, 'campaign.lock');
  });
  return () => lock.release();
}
