/**
 * The task indices of an `--array` spec or of scontrol's ArrayTaskId (`0-2`, `1,4,7`, `0-15:4`,
 * `0-99%10` with a concurrency limit), in increasing order. Returns undefined for text that is not
 * such a spec.
 */
export function expandArrayIndices(spec: string): number[] | undefined {
  const withoutLimit = spec.replace(/%\d+$/, '');
  const indices = new Set<number>();
  for (const part of withoutLimit.split(',')) {
    const match = /^(\d+)(?:-(\d+)(?::(\d+))?)?$/.exec(part.trim());
    if (!match) return undefined;
    const first = Number(match[1]);
    const last = match[2] === undefined ? first : Number(match[2]);
    const step = match[3] === undefined ? 1 : Number(match[3]);
    if (last < first || step < 1) return undefined;
    for (let index = first; index <= last; index += step) indices.add(index);
  }
  return [...indices].sort((a, b) => a - b);
}
