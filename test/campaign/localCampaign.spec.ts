// Campaigns on the local executor, through the real CLI as a child process: a campaign killed with
// SIGKILL halfway and restarted, and two campaigns sharing one store at the same time.
import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CampaignLedger } from '../../core/campaign/index.js';
import { writeMap } from '../../core/io/index.js';
import { phantomMap } from '../../core/phantom/index.js';
import { finished, outcomes, readJournal, spawnCli, tempDir, waitFor } from '../engine/helpers.js';

/** Two small phantom maps (different seeds) and a campaign file of three entries over them. */
async function phantomCampaign(dir: string, ids = ['alpha', 'beta', 'gamma']): Promise<string> {
  const rows: string[] = [];
  for (const [k, seed] of [[0, 11], [1, 12]] as const) {
    const { volume, truth } = phantomMap({ dims: [40, 40, 40], voxelSize: 2, seed });
    const file = join(dir, `phantom${k}.mrc`);
    if (!existsSync(file)) await writeMap(file, volume);
    rows.push(`phantom${k}.mrc,${truth.suggestedThreshold},8`);
  }
  // The third entry repeats the first one's inputs: its steps all come from the shared store.
  const text = `id,map,threshold,resolution\n${ids[0]},${rows[0]}\n${ids[1]},${rows[1]}\n${ids[2]},${rows[0]}\n`;
  const file = join(dir, 'campaign.csv');
  writeFileSync(file, text);
  return file;
}

function submissions(out: string, entry: string): number {
  const ledger = new CampaignLedger(join(out, 'ledger.sqlite'));
  try {
    return ledger.history(entry).filter((event) => event.event === 'submitted').length;
  } finally {
    ledger.close();
  }
}

/** report.json without the time it was written (the only field a rerun may change). */
function reportOf(file: string): unknown {
  const report = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
  delete report['generatedAt'];
  return report;
}

describe('vrs campaign (local executor)', () => {
  it('killed with SIGKILL halfway and restarted, finishes without recomputing or resubmitting what was complete', async () => {
    const dir = tempDir('vrs-campaign-kill-');
    const file = await phantomCampaign(dir);
    const out = join(dir, 'out');
    const first = spawnCli(['campaign', file, '--out', out, '--jobs', '2']);
    const ended = finished(first);
    const alphaReport = join(out, 'entries/alpha/report.json');
    const betaRun = join(out, 'entries/beta');
    // Kill once alpha is done and beta has finished a few steps of its own.
    await waitFor(
      () => existsSync(alphaReport) && existsSync(join(betaRun, 'journal.jsonl')) && Object.values(outcomes(betaRun, 1)).filter((o) => o === 'success').length >= 3,
      240_000,
      'alpha to finish and beta to be under way',
    );
    first.kill('SIGKILL');
    await ended;
    const alphaWritten = statSync(alphaReport).mtimeMs;
    const betaDoneBefore = Object.entries(outcomes(betaRun, 1)).filter(([, o]) => o === 'success').map(([step]) => step);

    const second = await finished(spawnCli(['campaign', file, '--out', out, '--jobs', '2']));
    expect(second.code, second.stderr).toBe(0);
    expect(second.stderr).toMatch(/3 entries, 1 finished before/);
    expect(second.stderr).toMatch(/beta: resumed/);
    // alpha: neither rerun nor handed over again.
    expect(statSync(alphaReport).mtimeMs).toBe(alphaWritten);
    expect(submissions(out, 'alpha')).toBe(1);
    // beta: every step it had finished comes from the store in the resumed run.
    const attempts = readJournal(betaRun).map((entry) => entry.attempt);
    const resumed = outcomes(betaRun, Math.max(...attempts));
    for (const step of betaDoneBefore) expect(resumed[step], step).toBe('cached');
    // gamma repeats alpha's inputs: nothing of it was computed.
    const gamma = outcomes(join(out, 'entries/gamma'), 1);
    expect(Object.values(gamma).every((o) => o === 'cached'), JSON.stringify(gamma)).toBe(true);
    const summary = readFileSync(join(out, 'summary.tsv'), 'utf8').trim().split('\n').map((line) => line.split('\t'));
    expect(summary.map((row) => row.slice(0, 2))).toEqual([['entry', 'state'], ['alpha', 'done'], ['beta', 'done'], ['gamma', 'done']]);
    expect(readFileSync(join(out, 'failures.md'), 'utf8')).toMatch(/No entry failed/);
  }, 600_000);

  it('two campaigns sharing one store at the same time give the reports of sequential runs', async () => {
    const dir = tempDir('vrs-campaign-shared-');
    const file = await phantomCampaign(dir);
    // Sequential reference: one campaign on its own store.
    const reference = join(dir, 'reference');
    const alone = await finished(spawnCli(['campaign', file, '--out', reference, '--jobs', '1']));
    expect(alone.code, alone.stderr).toBe(0);
    // Two campaigns over the same entries (other names) and one shared store, at once.
    const other = join(dir, 'other.csv');
    writeFileSync(other, readFileSync(file, 'utf8').replace('alpha', 'one').replace('beta', 'two').replace('gamma', 'three'));
    const store = join(dir, 'shared-store');
    const [a, b] = await Promise.all([
      finished(spawnCli(['campaign', file, '--out', join(dir, 'a'), '--store', store, '--jobs', '1'])),
      finished(spawnCli(['campaign', other, '--out', join(dir, 'b'), '--store', store, '--jobs', '1'])),
    ]);
    expect(a.code, a.stderr).toBe(0);
    expect(b.code, b.stderr).toBe(0);
    const pairs: [string, string, string][] = [['alpha', 'alpha', 'one'], ['beta', 'beta', 'two'], ['gamma', 'gamma', 'three']];
    for (const [ref, inA, inB] of pairs) {
      const expected = reportOf(join(reference, 'entries', ref, 'report.json'));
      expect(reportOf(join(dir, 'a/entries', inA, 'report.json'))).toEqual(expected);
      expect(reportOf(join(dir, 'b/entries', inB, 'report.json'))).toEqual(expected);
    }
  }, 900_000);
});
