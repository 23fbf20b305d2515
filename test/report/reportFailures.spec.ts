// The report protocol through the CLI on a small phantom map (no shared data needed): a title full
// of special characters given as a workflow parameter, checks that fail (fixture plugin loaded by
// configuration), and `vrs report DIR` re-rendering such a run without retrying any check.
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { validateReport, Volume, writeMap, type ReportJson } from '../../core/index.js';
import { SPECIAL_TITLE } from './fixtures/syntheticReport.js';
import { pdfText } from './poppler.js';
import { fixtureConfig, parseSummary, pdfPictures, readReportJson, reportPanels, repoRoot, squash, startedSteps, tempDir, vrs } from './reportRun.js';

/** A 32³ map of 1.5 Å voxels holding a centred Gaussian blob (σ = 4 Å). */
async function writeBlob(file: string): Promise<void> {
  const n = 32;
  const volume = Volume.zeros([n, n, n], [1.5, 1.5, 1.5], [0, 0, 0]);
  for (let z = 0; z < n; z++) {
    for (let y = 0; y < n; y++) {
      for (let x = 0; x < n; x++) {
        const r2 = ((x - 15.5) ** 2 + (y - 15.5) ** 2 + (z - 15.5) ** 2) * 1.5 ** 2;
        volume.data[volume.index(x, y, z)] = Math.exp(-r2 / (2 * 4 ** 2));
      }
    }
  }
  await writeMap(file, volume);
}

/** The text of an HTML fragment as a browser shows it (the entities mustache writes). */
function htmlText(fragment: string): string {
  const entities: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', '#39': "'", '#x2F': '/', '#x60': '`', '#x3D': '=' };
  return fragment.replace(/&(amp|lt|gt|quot|#39|#x2F|#x60|#x3D);/g, (_, name: string) => entities[name]!);
}

const withoutTime = (report: ReportJson) => ({ ...report, generatedAt: '' });

describe('report protocol: special characters and failed checks', () => {
  const dir = tempDir('vrs-report-protocol-');
  const run = join(dir, 'run');
  const marker = join(dir, 'flaky-may-pass');
  let first: ReportJson;
  /** Each level-0 step's outcome to expect from `vrs report`: cached, or failed/skipped as in the run. */
  const firstOutcomes: Record<string, string> = {};

  beforeAll(async () => {
    const map = join(dir, 'blob.mrc');
    await writeBlob(map);
    // Level 0 plus a check that throws, and one fed by a step that fails until `marker` exists.
    writeFileSync(
      join(dir, 'wf.yaml'),
      `version: 1
name: level0-with-failures
include: [${JSON.stringify(join(repoRoot, 'workflows/level0.yaml'))}]
steps:
  brokenCheck:
    protocol: test.check
    params: { id: "0.y", fail: true }
  flaky:
    protocol: test.failing
    params: { message: "flaky input", unlessFileExists: ${JSON.stringify(marker)} }
  afterFlaky:
    protocol: test.check
    params: { id: "0.z" }
    inputs: { after: flaky.value }
`,
    );
    const result = await vrs(['--config', fixtureConfig, '--json', 'run', join(dir, 'wf.yaml'), '-p', `map=${map}`, '-p', 'threshold=0.5', '-p', 'resolution=4', '-p', `title=${SPECIAL_TITLE}`, '-p', 'emdbId=EMD-0000', '--out', run]);
    const summary = parseSummary(result);
    // Some steps failed (exit 1), and the report was still built.
    expect(result.code, result.stderr).toBe(1);
    expect(Object.fromEntries(summary.steps.map((s) => [s.step, s.outcome]))).toMatchObject({ brokenCheck: 'failed', flaky: 'failed', afterFlaky: 'skipped', report: 'success' });
    for (const s of summary.steps) firstOutcomes[s.step] = s.outcome === 'success' ? 'cached' : s.outcome;
    first = readReportJson(run);
  }, 600_000); // the level-0 checks grow; the machine may be shared

  it('writes a report.json valid against the schema, with the failed checks as failed sections that say why', () => {
    validateReport(first);
    // The fixture's sections (level T); the level-0 checks on the phantom are other tests' business.
    const failed = first.sections.filter((s) => s.level === 'T').map((s) => [s.id, s.status === 'failed' ? s.reason : s.status]);
    // The fixture protocol declares section T.a for its placeholders; the second one is kept apart by its step.
    expect(failed).toEqual([
      ['T.a', 'could not be measured: step brokenCheck failed: check 0.y could not be measured'],
      ['T.a (afterFlaky)', 'could not be measured: step afterFlaky was skipped: upstream step flaky failed: flaky input'],
    ]);
    // Failed sections do not count in the score (vrs-spec §4.6): evaluable = sections with ok or warnings.
    expect(first.score.evaluable).toBe(first.sections.filter((s) => s.status === 'ok' || s.status === 'warnings').length);
    expect(first.score.passed).toBe(first.sections.filter((s) => s.status === 'ok').length);
    expect(first.summary.rows.filter((r) => r.sectionId.startsWith('T.')).map((r) => [r.sectionId, r.statusText])).toEqual([
      ['T.a', 'Could not be measured'],
      ['T.a (afterFlaky)', 'Could not be measured'],
    ]);
  });

  it('prints the title as typed in report.json, report.html and report.pdf', () => {
    expect(first.entry.title).toBe(SPECIAL_TITLE);
    expect(first.entry.emdbId).toBe('EMD-0000');
    const html = readFileSync(join(run, 'report.html'), 'utf8');
    const shown = /<p class="entry-title">([^<]*)<\/p>/.exec(html);
    expect(shown, 'entry title paragraph').not.toBeNull();
    expect(htmlText(shown![1]!)).toBe(SPECIAL_TITLE);
    expect(html).not.toContain('<b>not bold</b>');
    expect(squash(pdfText(join(run, 'report.pdf'), 1))).toContain(SPECIAL_TITLE);
    const text = squash(pdfText(join(run, 'report.pdf')));
    for (const s of first.sections.filter((s) => s.level === 'T')) expect(text).toContain(squash(s.reason!));
  });

  it('vrs report re-renders the run without retrying the failed checks, even when they would now pass', async () => {
    writeFileSync(marker, 'test.failing succeeds from now on');
    for (const name of ['report.json', 'report.html', 'report.pdf']) rmSync(join(run, name));
    const result = await vrs(['--config', fixtureConfig, '--json', 'report', run]);
    const summary = parseSummary(result);
    expect(result.code, result.stderr).toBe(1);
    expect(startedSteps(run, summary.attempt)).toEqual(['report']);
    const outcomes = Object.fromEntries(summary.steps.map((s) => [s.step, s.outcome]));
    const fixtureSteps = { brokenCheck: 'failed', flaky: 'failed', afterFlaky: 'skipped', report: 'success' } as Record<string, string>;
    for (const [step, outcome] of Object.entries(outcomes)) expect(outcome, step).toBe(fixtureSteps[step] ?? firstOutcomes[step]);
    expect(summary.steps.find((s) => s.step === 'flaky')!.error).toBe('flaky input');
    for (const name of ['report.json', 'report.html', 'report.pdf']) expect(existsSync(join(run, name)), name).toBe(true);
    // Same sections, same reasons: nothing was recomputed.
    expect(withoutTime(readReportJson(run))).toEqual(withoutTime(first));
    console.info(`vrs report on the phantom run with failed checks: ${result.seconds.toFixed(2)} s (process), engine ${(summary.durationMs / 1000).toFixed(2)} s`);

    // Control: resuming the run does retry them, and the step fed by the flaky one now passes.
    const resumed = await vrs(['--config', fixtureConfig, '--json', 'resume', run]);
    expect(startedSteps(run, parseSummary(resumed).attempt)).toEqual(expect.arrayContaining(['flaky', 'afterFlaky', 'brokenCheck', 'report']));
    // (a level-0 check that failed on the phantom would also be retried here; only the fixture's sections are looked at)
    const resumedReport = readReportJson(run);
    expect(resumedReport.sections.find((s) => s.id === '0.z')?.status).toBe('ok');
    // Its picture is read from the section's folder in the store into both renderings.
    const panels = reportPanels(resumedReport);
    // Figures are named relative to report.json (figures/<section>/<file>).
    expect(panels).toContainEqual({ sectionId: '0.z', file: 'figures/0.z/pixel.png', width: 1, height: 1 });
    expect(pdfPictures(join(run, 'report.pdf')).map((p) => [p.width, p.height])).toEqual(panels.map((p) => [p.width, p.height]));
    expect(readFileSync(join(run, 'report.html'), 'utf8').match(/<img src="data:image\/png;base64,/g)).toHaveLength(panels.length);
  }, 600_000);

  it('still reports on a map that cannot be read: every section failed, naming the reader\'s error', async () => {
    const bad = join(dir, 'garbage.mrc');
    writeFileSync(bad, new Uint8Array(4096).map((_, i) => (i * 37) & 255));
    const out = join(dir, 'unreadable');
    const result = await vrs(['--json', 'run', join(repoRoot, 'workflows/level0.yaml'), '-p', `map=${bad}`, '-p', 'threshold=1', '--out', out]);
    expect(result.code, result.stderr).toBe(1);
    expect(parseSummary(result).steps.find((s) => s.step === 'report')?.outcome).toBe('success');
    const report = readReportJson(out);
    validateReport(report);
    expect(report.entry).toEqual({ mapFile: 'garbage.mrc', threshold: 1, resolution: null });
    expect(report.sections.length).toBeGreaterThan(0);
    for (const s of report.sections) {
      expect(s.status).toBe('failed');
      expect(s.reason).toMatch(/^could not be measured: step \w+ was skipped: upstream step importMap failed: .*garbage\.mrc \[header\]: not an MRC\/CCP4 map/);
    }
    expect(report.score).toEqual({ passed: 0, evaluable: 0 });
    expect(report.summary.alerts.join(' ')).toContain('No resolution was reported');
    expect(existsSync(join(out, 'report.pdf')) && existsSync(join(out, 'report.html'))).toBe(true);
  }, 600_000);

  it('vrs report refuses a folder that is not a run and a step the workflow lacks (exit 2)', async () => {
    const notRun = await vrs(['report', dir]);
    expect(notRun.code).toBe(2);
    expect(notRun.stderr).toContain('not a run folder');
    const noStep = await vrs(['--config', fixtureConfig, 'report', run, '--step', 'nosuch']);
    expect(noStep.code).toBe(2);
    expect(noStep.stderr).toContain('no step "nosuch"');
  });
});
