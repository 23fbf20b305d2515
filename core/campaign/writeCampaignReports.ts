import { renameSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { LedgerRow } from './CampaignLedger.js';

const COLUMNS = ['entry', 'state', 'levels', 'score', 'attempts', 'seconds', 'report', 'job', 'failure'] as const;

/**
 * The campaign's summary table (summary.tsv: one row per entry of the file, in file order) and its
 * failures report (failures.md: each failed or refused entry with its reason and where to look).
 * Paths are relative to the campaign folder, so the folder can be moved.
 */
export function writeCampaignReports(out: string, rows: readonly LedgerRow[]): { summaryFile: string; failuresFile: string } {
  const cell = (text: string) => text.replace(/[\t\r\n]+/g, ' ');
  const lines = [COLUMNS.join('\t')];
  for (const row of rows) {
    lines.push([
      row.entry,
      row.state,
      row.levels ?? '',
      row.scorePassed !== null && row.scoreEvaluable !== null ? `${row.scorePassed}/${row.scoreEvaluable}` : '',
      String(row.attempts),
      row.seconds !== null ? row.seconds.toFixed(1) : '',
      row.reportPath ? relative(out, row.reportPath) : '',
      row.jobId ?? '',
      cell(row.failure ?? ''),
    ].join('\t'));
  }
  const summaryFile = join(out, 'summary.tsv');
  writeAtomically(summaryFile, `${lines.join('\n')}\n`);

  const failed = rows.filter((row) => row.state === 'failed' || row.state === 'invalid');
  const text = [`# Campaign failures`, '', failed.length === 0 ? 'No entry failed.' : `${failed.length} of ${rows.length} entries did not finish with a report.`, ''];
  for (const row of failed) {
    text.push(`## ${row.entry} (line ${row.line}): ${row.state === 'invalid' ? 'refused — bad input' : 'failed'}`, '');
    text.push(row.failure ?? 'no reason recorded', '');
    const where = [
      row.runDir ? `run folder \`${relative(out, row.runDir)}\` (\`vrs status\` on it lists its steps; each step's log is in the store)` : '',
      row.jobId ? `Slurm job ${row.jobId} (its output: \`${relative(out, join(out, 'jobs', `${row.entry}.out`))}\`)` : '',
      `attempts: ${row.attempts}`,
    ].filter(Boolean);
    text.push(...where.map((line) => `- ${line}`), '');
  }
  if (failed.length > 0) text.push('Fix the inputs of refused entries in the campaign file (a changed row is a new entry); run failed ones again with `vrs campaign FILE --out DIR --retry-failed`.', '');
  const failuresFile = join(out, 'failures.md');
  writeAtomically(failuresFile, text.join('\n'));
  return { summaryFile, failuresFile };
}

function writeAtomically(file: string, text: string): void {
  const temporary = `${file}.${process.pid}.tmp`;
  writeFileSync(temporary, text);
  renameSync(temporary, file);
}
