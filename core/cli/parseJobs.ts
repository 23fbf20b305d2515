import { CliUsageError } from './CliUsageError.js';

/** Parses --jobs: a positive integer. */
export function parseJobs(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const jobs = Number(text);
  if (!Number.isInteger(jobs) || jobs < 1) throw new CliUsageError(`--jobs expects a positive integer, got ${JSON.stringify(text)}`);
  return jobs;
}
