/** A reference in a workflow value: `$params.NAME`, `step.port`, or a glob such as `*.section`. */
export type Reference =
  | { kind: 'param'; name: string }
  | { kind: 'output'; step: string; port: string }
  | { kind: 'glob'; step: RegExp; port: RegExp; text: string }
  | { kind: 'invalid'; text: string };

const paramPattern = /^\$params\.([A-Za-z_][A-Za-z0-9_]*)$/;
const outputPattern = /^([A-Za-z_][A-Za-z0-9_]*)\.([A-Za-z_][A-Za-z0-9_]*)$/;
const globPattern = /^([A-Za-z0-9_*?]+)\.([A-Za-z0-9_*?]+)$/;

/** Parses an input reference. */
export function parseInputReference(text: string): Reference {
  const param = paramPattern.exec(text);
  if (param) return { kind: 'param', name: param[1]! };
  const output = outputPattern.exec(text);
  if (output) return { kind: 'output', step: output[1]!, port: output[2]! };
  const glob = globPattern.exec(text);
  if (glob && /[*?]/.test(text)) return { kind: 'glob', step: globToRegExp(glob[1]!), port: globToRegExp(glob[2]!), text };
  return { kind: 'invalid', text };
}

/**
 * A step parameter value: `"$params.NAME"` passes a workflow parameter; `"$$…"` is a literal
 * string starting with "$"; anything else is a literal.
 */
export function parseParamValue(value: unknown): { kind: 'param'; name: string } | { kind: 'literal'; value: unknown } {
  if (typeof value === 'string') {
    if (value.startsWith('$$')) return { kind: 'literal', value: value.slice(1) };
    const param = paramPattern.exec(value);
    if (param) return { kind: 'param', name: param[1]! };
  }
  return { kind: 'literal', value };
}

/** True when a string looks like a parameter reference but is malformed (e.g. "$param.x"). */
export function looksLikeBadParamReference(value: unknown): boolean {
  return typeof value === 'string' && value.startsWith('$') && !value.startsWith('$$') && !paramPattern.test(value);
}

function globToRegExp(glob: string): RegExp {
  return new RegExp(`^${glob.replace(/\*/g, '[A-Za-z0-9_]*').replace(/\?/g, '[A-Za-z0-9_]')}$`);
}
