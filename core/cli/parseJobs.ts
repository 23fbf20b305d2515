import { CliUsageError } from './CliUsageError.js';

/** Parses a positive-integer option (--jobs by default). */
export function parseJobs(text: string | undefined, option = '--jobs'): number | undefined {
  if (text === undefined) return undefined;
  const jobs = Number(text);
  if (!Number.isInteger(jobs) || jobs < 1) throw new CliUsageError(`${option} expects a positive integer, got ${JSON.stringify(text)}`);
  return jobs;
}
