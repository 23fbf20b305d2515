import { resolve } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { VrsInputError } from '../errors/index.js';
import { readYamlText, yamlAliasError, yamlLimits, type ParamSpecs } from '../engine/index.js';
import { CliUsageError } from './CliUsageError.js';

/**
 * Workflow parameter values from the command line: `--param name=value` (repeatable), typed by
 * the workflow's declarations (numbers, booleans, comma-separated lists), over the values of an
 * optional `--params-file` (YAML or JSON, already typed).
 */
export function parseParamAssignments(specs: ParamSpecs, assignments: readonly string[], paramsFile: string | undefined, cwd: string): Record<string, unknown> {
  const values: Record<string, unknown> = {};
  if (paramsFile) {
    const file = resolve(cwd, paramsFile);
    let data: unknown;
    try {
      data = parseYaml(readYamlText(file, 'parameter file'), { maxAliasCount: yamlLimits.maxAliases });
    } catch (error) {
      const refusal = yamlAliasError(error, file);
      if (refusal instanceof VrsInputError) throw refusal;
      throw new VrsInputError(`cannot read: ${(error as Error).message}`, file);
    }
    if (!data || typeof data !== 'object' || Array.isArray(data)) throw new VrsInputError('expected a mapping of parameter names to values', file);
    Object.assign(values, data);
  }
  for (const assignment of assignments) {
    const equals = assignment.indexOf('=');
    if (equals <= 0) throw new CliUsageError(`--param expects name=value, got ${JSON.stringify(assignment)}`);
    const name = assignment.slice(0, equals).trim();
    const text = assignment.slice(equals + 1);
    values[name] = coerce(specs[name]?.type, text, name);
  }
  return values;
}

function coerce(type: string | undefined, text: string, name: string): unknown {
  switch (type) {
    case 'number':
    case 'integer':
      return toNumber(text, name);
    case 'boolean': {
      const lower = text.trim().toLowerCase();
      if (['true', 'yes', '1', 'on'].includes(lower)) return true;
      if (['false', 'no', '0', 'off'].includes(lower)) return false;
      throw new CliUsageError(`--param ${name}: expected true or false, got ${JSON.stringify(text)}`);
    }
    case 'number[]':
      return text.trim() === '' ? [] : text.split(',').map((part) => toNumber(part, name));
    case 'string[]':
      return text === '' ? [] : text.split(',').map((part) => part.trim());
    default:
      return text;
  }
}

function toNumber(text: string, name: string): number {
  const value = text.trim() === '' ? Number.NaN : Number(text);
  if (!Number.isFinite(value)) throw new CliUsageError(`--param ${name}: expected a number, got ${JSON.stringify(text)}`);
  return value;
}
