/**
 * JSON with object keys sorted at every level, so equal values always give equal text (and equal
 * hashes). Refuses what JSON cannot represent faithfully — NaN, ±Infinity, undefined in arrays,
 * functions, bigints — instead of silently turning it into null.
 */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(canonicalize(value, '$'));
}

function canonicalize(value: unknown, path: string): unknown {
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return value;
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new TypeError(`${path} is ${value}, which JSON cannot hold`);
    return Object.is(value, -0) ? 0 : value;
  }
  if (Array.isArray(value)) {
    return value.map((element, index) => {
      if (element === undefined) throw new TypeError(`${path}[${index}] is undefined`);
      return canonicalize(element, `${path}[${index}]`);
    });
  }
  if (typeof value === 'object') {
    const sorted: Record<string, unknown> = {};
    for (const key of Object.keys(value).sort()) {
      const element = (value as Record<string, unknown>)[key];
      if (element !== undefined) sorted[key] = canonicalize(element, `${path}.${key}`);
    }
    return sorted;
  }
  throw new TypeError(`${path} is a ${typeof value}, which JSON cannot hold`);
}

/**
 * JSON.stringify (key order kept, optional indentation) that throws on non-finite numbers, naming
 * where they are, rather than writing null: a NaN metric must be a visible error, never a silent
 * null in a report.
 */
export function strictJsonStringify(value: unknown, space?: number): string {
  canonicalize(value, '$');
  return JSON.stringify(value, null, space);
}
