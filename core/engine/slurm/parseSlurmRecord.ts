/**
 * Splits one line of `Key=Value` pairs, as written by `scontrol show job -o` and by the
 * jobcomp/filetxt plugin, into a map. Values may contain spaces (a job name, a working directory),
 * so a field ends only where the next ` Key=` begins; a value that itself contains ` Word=` cannot
 * be told apart from a new field (Slurm does not quote), which is why callers read only fields that
 * cannot hold free text (JobId, JobState, ExitCode, Reason, ArrayJobId, ArrayTaskId).
 */
export function parseSlurmRecord(line: string): Map<string, string> {
  const fields = new Map<string, string>();
  const fieldStart = /(?:^|\s)([A-Za-z][A-Za-z0-9_/]*)=/g;
  const starts: { key: string; keyAt: number; valueAt: number }[] = [];
  for (let match = fieldStart.exec(line); match; match = fieldStart.exec(line)) {
    const key = match[1]!;
    starts.push({ key, keyAt: match.index + match[0].length - key.length - 1, valueAt: match.index + match[0].length });
  }
  for (let i = 0; i < starts.length; i++) {
    const start = starts[i]!;
    const end = i + 1 < starts.length ? starts[i + 1]!.keyAt : line.length;
    if (!fields.has(start.key)) fields.set(start.key, line.slice(start.valueAt, end).trim());
  }
  return fields;
}

/** `code:signal` (Slurm's ExitCode) as numbers; 0:0 when absent or malformed. */
export function parseExitCode(text: string | undefined): { exitCode: number; signal: number } {
  const match = /^(\d+):(\d+)$/.exec(text ?? '');
  return match ? { exitCode: Number(match[1]), signal: Number(match[2]) } : { exitCode: 0, signal: 0 };
}

/** The id a record stands for: `ARRAYID_TASK` for an array task, the job id otherwise. */
export function recordJobId(fields: ReadonlyMap<string, string>): string | undefined {
  const arrayJobId = fields.get('ArrayJobId');
  const arrayTaskId = fields.get('ArrayTaskId');
  if (arrayJobId && arrayTaskId && /^\d+$/.test(arrayTaskId)) return `${arrayJobId}_${arrayTaskId}`;
  return fields.get('JobId');
}
