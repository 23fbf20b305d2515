/** JSON has no NaN or Infinity: a statistic of an empty set (or an unmeasured value) is recorded as null. */
export function finiteOrNull(value: number | null | undefined): number | null {
  return value !== null && value !== undefined && Number.isFinite(value) ? value : null;
}
