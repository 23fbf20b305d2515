// A campaign of real maps from ../shared/data through a real single-node Slurm (sbatch, one job per
// entry): a job that fails, a job killed for memory and retried with more, an entry refused before
// submission, and the campaign killed with SIGKILL while its jobs run, then restarted.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CampaignLedger, type LedgerRow } from '../../core/campaign/index.js';
import { probeSlurm, slurmRequired } from '../../core/engine/slurm/testing.js';
import { finished, repoRoot, spawnCli, tempDir, waitFor } from '../engine/helpers.js';

const data = resolve(repoRoot, '../shared/data');
const slurm = probeSlurm();
const required = slurmRequired('slurmCampaign.spec', slurm);
const haveData = existsSync(join(data, 'level0/emd_1997.map'));
if (!haveData) console.warn(`slurmCampaign.spec: skipped: no shared data at ${data}`);

describe.runIf(slurm.problem && required)('Slurm required (VRS_REQUIRE_SLURM=1)', () => {
  it('has a reachable Slurm', () => expect.fail(`${slurm.problem}; run scripts/slurm/start-single-node-slurm.sh as root`));
});

function ledgerRows(out: string): { rows: Map<string, LedgerRow>; submissions: (entry: string) => string[] } {
  const ledger = new CampaignLedger(join(out, 'ledger.sqlite'));
  try {
    const rows = new Map(ledger.all().map((row) => [row.entry, row]));
    const events = new Map([...rows.keys()].map((entry) => [entry, ledger.history(entry).filter((e) => e.event === 'submitted').map((e) => e.detail ?? '')]));
    return { rows, submissions: (entry) => events.get(entry) ?? [] };
  } finally {
    ledger.close();
  }
}

describe.skipIf(slurm.problem !== undefined || !haveData)('vrs campaign --executor slurm', () => {
  it('runs 8 entries through sbatch: ledger, reports and exit codes right, nothing submitted twice after a SIGKILL', async () => {
    const dir = tempDir('vrs-slurm-campaign-');
    const level0 = join(data, 'level0');
    const csv = join(dir, 'campaign.csv');
    writeFileSync(
      csv,
      [
        'id,map,threshold,resolution,emdb_header,memory_mb,compatibility',
        `groel,${level0}/emd_1997.map,1.0,7,,,`,
        `actin,${level0}/emd_5168.map,10,6.6,,,`,
        `e5170,${level0}/emd_5170.map,0.61,,,,`,
        // The header gives threshold and resolution: the steps of groel, another report.
        `groel-public,${level0}/emd_1997.map,,,${level0}/emd_1997_header.xml,,`,
        `groel-again,${level0}/emd_1997.map,1.0,7,,,`,
        // 200 MB cannot hold this run (its peak RSS is about 540 MB from the sources): killed for
        // memory, retried with 400, then 800 MB.
        `groel-small,${level0}/emd_1997.map,1.0,7,,200,original`,
        // Its run folder holds a report.json of the user's: vrs validate refuses to replace it.
        `blocked,${level0}/emd_1997.map,1.0,7,,,`,
        // Above the map's maximum: refused before anything is submitted.
        `too-high,${level0}/emd_5170.map,50,,,,`,
      ].join('\n') + '\n',
    );
    mkdirSync(join(dir, 'out/entries/blocked'), { recursive: true });
    writeFileSync(join(dir, 'out/entries/blocked/report.json'), '{"mine": true}\n');
    const config = join(dir, 'vrs.config.yaml');
    writeFileSync(config, `slurm:\n  jobCompLoc: ${slurm.jobCompLoc}\n  cpusPerEntry: 1\n  safetyCheckMs: 5000\n`);
    const out = join(dir, 'out');
    const args = ['--config', config, 'campaign', csv, '--out', out, '--executor', 'slurm', '--memory', '3000', '--jobs', '1'];

    // First start: killed with SIGKILL once its first wave is submitted — one array job for the
    // entries with the default memory, one job for groel-small.
    const first = spawnCli(args);
    const firstEnded = finished(first);
    const scripts = () => (existsSync(join(out, 'jobs')) ? readdirSync(join(out, 'jobs')).filter((name) => name.endsWith('.sh')).length : 0);
    await waitFor(() => scripts() >= 2, 120_000, 'the first jobs to be submitted');
    await new Promise((r) => setTimeout(r, 1500));
    first.kill('SIGKILL');
    await firstEnded;
    const before = ledgerRows(out);
    const submittedBefore = new Map([...before.rows.values()].filter((row) => row.jobId !== null).map((row) => [row.entry, row.jobId!]));
    expect(submittedBefore.size).toBeGreaterThanOrEqual(1);

    // Restart: follows the jobs of the killed campaign, submits the rest.
    const second = await finished(spawnCli(args));
    expect(second.code, second.stderr).toBe(1); // failures: blocked and too-high
    expect(second.stderr).toMatch(/followed job [\d_]+ submitted by an earlier campaign process/);
    const after = ledgerRows(out);
    const state = (entry: string) => after.rows.get(entry)!;
    for (const entry of ['groel', 'actin', 'e5170', 'groel-public', 'groel-again', 'groel-small']) {
      expect(state(entry).state, `${entry}: ${state(entry).failure}`).toBe('done');
      const report = JSON.parse(readFileSync(state(entry).reportPath!, 'utf8')) as { score: { passed: number; evaluable: number }; mode: string };
      expect([state(entry).scorePassed, state(entry).scoreEvaluable]).toEqual([report.score.passed, report.score.evaluable]);
    }
    expect(JSON.parse(readFileSync(state('groel-public').reportPath!, 'utf8')).mode).toBe('public');
    // Nothing submitted twice: an entry submitted before the kill kept its job; only memory retries resubmit.
    for (const [entry, jobId] of submittedBefore) {
      const jobs = after.submissions(entry);
      expect(jobs[0], entry).toBe(jobId);
      if (entry !== 'groel-small') expect(jobs, entry).toHaveLength(1);
    }
    for (const entry of after.rows.keys()) if (entry !== 'groel-small') expect(after.submissions(entry).length, entry).toBeLessThanOrEqual(1);
    // Entries handed over together went as one array job, a task each.
    expect([...after.rows.values()].some((row) => /^\d+_\d+$/.test(row.jobId ?? '')), 'an array task id').toBe(true);
    // Killed for memory, then retried with twice the memory until it fitted.
    const small = state('groel-small');
    expect(small.attempts).toBeGreaterThanOrEqual(2);
    expect(after.submissions('groel-small')).toHaveLength(small.attempts);
    expect(small.memoryMb).toBe(200 * 2 ** (small.attempts - 1));
    expect(second.stderr).toMatch(/groel-small: ran out of memory at 200 MB \(attempt 1\); retrying with 400 MB/);
    // The failed job: its exit code and the reason; the user's file untouched.
    expect(state('blocked').state).toBe('failed');
    expect(state('blocked').failure).toMatch(/Slurm job [\d_]+: vrs validate exited 2 — .*report\.json: was not written by a run of vrs/);
    expect(readFileSync(join(out, 'entries/blocked/report.json'), 'utf8')).toBe('{"mine": true}\n');
    expect(state('too-high').state).toBe('invalid');
    expect(state('too-high').jobId).toBeNull();
    expect(state('too-high').failure).toMatch(/no voxel reaches the threshold 50/);
    // The summary and the failures report.
    const summary = readFileSync(join(out, 'summary.tsv'), 'utf8').trim().split('\n').map((line) => line.split('\t'));
    expect(summary.slice(1).map((row) => `${row[0]}:${row[1]}`)).toEqual([
      'groel:done', 'actin:done', 'e5170:done', 'groel-public:done', 'groel-again:done', 'groel-small:done', 'blocked:failed', 'too-high:invalid',
    ]);
    const failures = readFileSync(join(out, 'failures.md'), 'utf8');
    expect(failures).toMatch(/## blocked \(line 8\): failed/);
    expect(failures).toMatch(/## too-high \(line 9\): refused — bad input/);

    // A third start finds everything finished and submits nothing.
    const third = await finished(spawnCli([...args]));
    expect(third.code).toBe(1);
    expect(third.stderr).toMatch(/8 entries, 8 finished before \(2 failed\), 0 to run/);
    expect(ledgerRows(out).rows.get('groel')!.attempts).toBe(1);
  }, 1_200_000);
});

describe.skipIf(slurm.problem !== undefined || !haveData)('vrs cancel on a Slurm campaign', () => {
  it('stops the campaign, cancels its jobs and leaves the entries to run again', async () => {
    const dir = tempDir('vrs-slurm-cancel-');
    const csv = join(dir, 'campaign.csv');
    writeFileSync(csv, `id,map,threshold,resolution\nslow,${join(data, 'level0/emd_5170.map')},0.61,5\n`);
    const config = join(dir, 'vrs.config.yaml');
    writeFileSync(config, `slurm:\n  jobCompLoc: ${slurm.jobCompLoc}\n  cpusPerEntry: 1\n`);
    const out = join(dir, 'out');
    const campaign = spawnCli(['--config', config, 'campaign', csv, '--out', out, '--executor', 'slurm', '--memory', '3000']);
    const ended = finished(campaign);
    await waitFor(() => existsSync(join(out, 'jobs')) && readdirSync(join(out, 'jobs')).some((name) => name.endsWith('.sh')), 60_000, 'the job to be submitted');
    await new Promise((r) => setTimeout(r, 1500));
    const cancel = await finished(spawnCli(['--config', config, 'cancel', out]));
    expect(cancel.code, cancel.stderr).toBe(0);
    expect(cancel.stdout).toMatch(/asked process \d+ to stop the campaign/);
    const result = await ended;
    expect(result.code, result.stderr).toBe(130);
    const { rows, submissions } = ledgerRows(out);
    const jobId = submissions('slow')[0]!;
    expect(rows.get('slow')!.state).toBe('pending');
    // COMPLETING while its processes end, then CANCELLED.
    const state = () => /JobState=(\w+)/.exec(execFileSync('scontrol', ['show', 'job', '-o', jobId], { encoding: 'utf8' }))?.[1];
    await waitFor(() => state() !== 'COMPLETING', 30_000, 'the job to end');
    expect(state()).toBe('CANCELLED');
  }, 180_000);
});
