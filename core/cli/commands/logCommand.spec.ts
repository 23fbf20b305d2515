import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { cli, finished, fixtureConfig, runKilledMidStep, spawnCli, tempDir, waitFor, writeWorkflow } from '../../../test/engine/helpers.js';
import { RunHistory, type RunHistoryEntry } from '../../engine/run/runHistory.js';

// Every run of these tests (in process and child processes, which inherit process.env) records
// into a fresh VRS_HOME, never the user's ~/.vrs.
const savedHome = process.env['VRS_HOME'];
afterAll(() => {
  if (savedHome === undefined) delete process.env['VRS_HOME'];
  else process.env['VRS_HOME'] = savedHome;
});
let home: string;
beforeEach(() => {
  home = tempDir('vrs-home-');
  process.env['VRS_HOME'] = home;
});

/** A two-step workflow of the fixture plugin whose second step publishes report.json. */
function tinyWorkflow(dir: string): string {
  return writeWorkflow(
    dir,
    'tiny.yaml',
    'version: 1\nname: tiny\nsteps:\n  two:\n    protocol: test.constant\n    params: { value: 2 }\n  sum:\n    protocol: test.add\n    inputs: { a: two.value, b: two.value }\n    publish: { value: report.json }\n',
  );
}

async function logJson(...args: string[]): Promise<RunHistoryEntry[]> {
  const result = await cli(['--json', 'log', ...args]);
  expect(result.code).toBe(0);
  return JSON.parse(result.stdout) as RunHistoryEntry[];
}

describe('vrs log', () => {
  it('lists each run with its start, duration, status, workflow, folder and report; --limit and --status filter', async () => {
    const dir = tempDir('vrs-log-');
    const workflow = tinyWorkflow(dir);
    expect((await cli(['log'])).stdout).toBe(`no runs recorded in ${join(home, 'history.jsonl')}\n`);
    const first = join(dir, 'first');
    const second = join(dir, 'second');
    expect((await cli(['run', workflow, '--out', first])).code).toBe(0);
    expect((await cli(['run', workflow, '--out', second])).code).toBe(0);
    const runs = await logJson();
    expect(runs.map((run) => [run.status, run.workflow, run.runDir, run.report, run.runDirExists])).toEqual([
      ['success', 'tiny', first, join(first, 'report.json'), true],
      ['success', 'tiny', second, join(second, 'report.json'), true],
    ]);
    for (const run of runs) expect(run.durationMs).toBe(Date.parse(run.endedAt!) - Date.parse(run.startedAt));
    expect((await logJson('--limit', '1')).map((run) => run.runDir)).toEqual([second]);
    expect(await logJson('--status', 'killed')).toEqual([]);
    expect(await logJson('--status', 'success')).toHaveLength(2);

    rmSync(second, { recursive: true });
    const table = (await cli(['log'])).stdout.split('\n');
    expect(table[0]).toMatch(/^started\s+duration\s+status\s+workflow\s+map\s+run folder\s+report$/);
    expect(table[1]).toContain(`success  tiny`);
    expect(table[1]).toMatch(new RegExp(`${escapeRegExp(first)} +${escapeRegExp(join(first, 'report.json'))}$`));
    expect(table[2]).toContain(`${second} (moved or deleted)`);

    const bad = await cli(['log', '--limit', 'two']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--limit expects a positive whole number, got "two"');
  });

  it("shows a run killed with SIGKILL as 'killed' once its lease lapses, without an end line", { timeout: 90_000 }, async () => {
    const { out } = await runKilledMidStep('vrs-log-kill-', false);
    const lines = readFileSync(join(home, 'history.jsonl'), 'utf8').split('\n').filter(Boolean).map((line) => JSON.parse(line) as { event: string });
    expect(lines.map((line) => line.event)).toEqual(['start']);
    const history = new RunHistory(join(home, 'history.jsonl'));
    // its lease outlives it by up to LEASE_TTL_MS (4 s): until then it cannot be told from a live run
    expect(history.list()[0]?.status).toBe('running');
    await waitFor(() => history.list()[0]?.status === 'killed', 15_000, "the killed run's lease to lapse");
    const [run] = await logJson('--status', 'killed');
    expect(run).toMatchObject({ runDir: out, status: 'killed', runDirExists: true });
    expect(run!.endedAt).toBeUndefined();
  });

  it('keeps exactly one line per event when two runs write at once', { timeout: 90_000 }, async () => {
    const dir = tempDir('vrs-log-concurrent-');
    const workflow = tinyWorkflow(dir);
    const children = ['a', 'b'].map((name) => spawnCli(['--config', fixtureConfig, 'run', workflow, '--out', join(dir, name)]));
    const results = await Promise.all(children.map(finished));
    expect(results.map((result) => result.code)).toEqual([0, 0]);
    const lines = readFileSync(join(home, 'history.jsonl'), 'utf8').split('\n');
    expect(lines.pop()).toBe('');
    const events = lines.map((line) => JSON.parse(line) as { event: string; runDir?: string });
    expect(events.filter((e) => e.event === 'start').map((e) => e.runDir).sort()).toEqual([join(dir, 'a'), join(dir, 'b')]);
    expect(events.filter((e) => e.event === 'end')).toHaveLength(2);
    expect((await logJson()).map((run) => run.status)).toEqual(['success', 'success']);
  });
});

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
