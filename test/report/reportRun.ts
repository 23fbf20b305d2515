// Helpers of the report-protocol tests: the `vrs` CLI as a child process (as users run it), and
// what a finished run folder holds.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ReportJson, RunSummary } from '../../core/index.js';
import { finished, readJournal, spawnCli, type CliResult, type JournalEntry } from '../engine/helpers.js';

export { fixtureConfig, repoRoot, tempDir } from '../engine/helpers.js';

// `npm test` builds dist/ just before the tests: then run the CLI compiled, as users do.
export const fromSources = process.env['npm_lifecycle_event'] !== 'test';

/** `node bin/vrs.mjs …` in a child process; `seconds` is the wall time of the whole process. */
export async function vrs(args: string[]): Promise<CliResult & { seconds: number }> {
  const started = performance.now();
  const result = await finished(spawnCli(args, { fromSources }));
  return { ...result, seconds: (performance.now() - started) / 1000 };
}

/** The --json summary printed by run/resume/report. */
export function parseSummary(result: CliResult): RunSummary {
  try {
    return JSON.parse(result.stdout) as RunSummary;
  } catch {
    throw new Error(`no JSON summary on stdout (exit ${result.code}):\n${result.stdout}\n${result.stderr}`);
  }
}

export function readReportJson(runDir: string): ReportJson {
  return JSON.parse(readFileSync(join(runDir, 'report.json'), 'utf8')) as ReportJson;
}

/**
 * Every section heading as both renderers print it, from report.json itself (so the tests follow
 * the level-0 workflow as sections are added): "N Title" for a chapter of its own (input data),
 * "N.M id Title" inside a level chapter.
 */
export function sectionHeadings(report: ReportJson): string[] {
  const byId = new Map(report.sections.map((s) => [s.id, s]));
  return report.outline.flatMap((chapter) =>
    chapter.sectionIds.map((id) => {
      const s = byId.get(id)!;
      return chapter.level === undefined ? `${s.number} ${s.title}` : `${s.number} ${s.id} ${s.title}`;
    }),
  );
}

/** Every picture panel of the report, in reading order. */
export function reportPanels(report: ReportJson): { sectionId: string; file: string; width: number; height: number }[] {
  return report.sections.flatMap((s) => (s.figures ?? []).flatMap((f) => f.panels.map((p) => ({ sectionId: s.id, file: p.file, width: p.width, height: p.height }))));
}

/** Steps that started executing in an attempt (the journal's step:start events). */
export function startedSteps(runDir: string, attempt: number): string[] {
  return readJournal(runDir, attempt)
    .filter((entry: JournalEntry) => entry.event === 'step:start')
    .map((entry) => entry.step!);
}

/** Text with every run of white space made one space (pdftotext breaks lines where the PDF did). */
export const squash = (text: string): string => text.replace(/\s+/g, ' ').trim();

/** Pictures drawn in a PDF (`pdfimages -list` rows of type "image"; soft masks of RGBA PNGs left out). */
export function pdfPictures(file: string): { page: number; width: number; height: number }[] {
  const rows = execFileSync('pdfimages', ['-list', file], { encoding: 'utf8' }).trim().split('\n').slice(2);
  return rows
    .map((row) => row.trim().split(/\s+/))
    .filter((cols) => cols[2] === 'image')
    .map((cols) => ({ page: Number(cols[0]), width: Number(cols[3]), height: Number(cols[4]) }));
}
