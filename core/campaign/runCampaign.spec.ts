import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CampaignLedger } from './CampaignLedger.js';
import type { CampaignExecutor } from './CampaignExecutor.js';
import { entryDigest } from './entryDigest.js';
import { readCampaignFile } from './readCampaignFile.js';
import { runCampaign } from './runCampaign.js';

/** An executor that must not be asked to run anything. */
const untouchable = (name: string): CampaignExecutor => ({
  name,
  run: () => Promise.reject(new Error('must not run')),
  reattach: () => Promise.reject(new Error('must not reattach')),
  cancel: () => Promise.resolve(),
});

describe('runCampaign', () => {
  it('refuses to run locally entries an earlier start left in Slurm jobs', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'vrs-campaign-switch-'));
    const file = join(dir, 'c.csv');
    writeFileSync(file, 'id,map,threshold\nx,/data/x.map,1\n');
    const out = join(dir, 'out');
    mkdirSync(out);
    const ledger = new CampaignLedger(join(out, 'ledger.sqlite'));
    const [entry] = readCampaignFile(file);
    const digest = entryDigest(entry!, {});
    ledger.ensure('x', digest, 2);
    ledger.submitted('x', digest, { jobId: '4711', runDir: join(out, 'entries/x'), levels: '0' });
    ledger.close();
    await expect(
      runCampaign({ file, out, store: join(out, 'store'), executor: untouchable('local'), plan: () => Promise.reject(new Error('must not plan')), progress: () => {}, signal: new AbortController().signal }),
    ).rejects.toThrow(/1 entry is in Slurm job 4711 submitted by an earlier start; continue with --executor slurm, or stop them with vrs cancel first/);
  });
});
