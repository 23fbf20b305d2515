import type { AnyParamValue, ParamSpec, ParamSpecs } from './ParamSpec.js';

export interface ParamProblem {
  /** The parameter at fault. */
  param: string;
  message: string;
}

export interface ParamValidation {
  /** Values with defaults applied; absent optional parameters are left out. */
  values: Record<string, AnyParamValue>;
  problems: ParamProblem[];
}

/**
 * Checks parameter values against their specs: unknown names, missing required values, types,
 * bounds and allowed values. Returns every problem at once so a user can fix them in one go.
 */
export function validateParams(specs: ParamSpecs, given: Readonly<Record<string, unknown>>): ParamValidation {
  const values: Record<string, AnyParamValue> = {};
  const problems: ParamProblem[] = [];
  for (const name of Object.keys(given)) {
    if (!Object.hasOwn(specs, name)) {
      const known = Object.keys(specs);
      problems.push({
        param: name,
        message: `unknown parameter "${name}"${known.length ? ` (known: ${known.join(', ')})` : ' (this takes no parameters)'}`,
      });
    }
  }
  for (const [name, spec] of Object.entries(specs)) {
    const raw = given[name];
    if (raw === undefined || raw === null) {
      if (spec.default !== undefined) values[name] = copyValue(spec.default as AnyParamValue);
      else if (spec.required) problems.push({ param: name, message: `missing required parameter "${name}" (${describeParamType(spec)})` });
      continue;
    }
    const problem = checkParamValue(spec, raw);
    if (problem) problems.push({ param: name, message: `parameter "${name}": ${problem}` });
    else values[name] = copyValue(raw as AnyParamValue);
  }
  return { values, problems };
}

/** Why `value` does not fit `spec`, or undefined when it does. */
export function checkParamValue(spec: ParamSpec, value: unknown): string | undefined {
  switch (spec.type) {
    case 'number':
    case 'integer': {
      if (typeof value !== 'number' || !Number.isFinite(value)) return `expected a finite ${spec.type}, got ${show(value)}`;
      if (spec.type === 'integer' && !Number.isInteger(value)) return `expected an integer, got ${value}`;
      return checkBounds(spec, value);
    }
    case 'number[]': {
      if (!Array.isArray(value)) return `expected a list of numbers, got ${show(value)}`;
      for (let i = 0; i < value.length; i++) {
        const element: unknown = value[i];
        if (typeof element !== 'number' || !Number.isFinite(element)) return `element ${i}: expected a finite number, got ${show(element)}`;
        const bad = checkBounds(spec, element);
        if (bad) return `element ${i}: ${bad}`;
      }
      return undefined;
    }
    case 'string':
    case 'path': {
      if (typeof value !== 'string') return `expected a ${spec.type === 'path' ? 'file path' : 'string'}, got ${show(value)}`;
      if (spec.type === 'path' && value.length === 0) return 'expected a file path, got an empty string';
      if (spec.type === 'string' && spec.enum && !spec.enum.includes(value)) return `expected one of ${spec.enum.join(', ')}, got ${show(value)}`;
      return undefined;
    }
    case 'string[]': {
      if (!Array.isArray(value)) return `expected a list of strings, got ${show(value)}`;
      for (let i = 0; i < value.length; i++) {
        const element: unknown = value[i];
        if (typeof element !== 'string') return `element ${i}: expected a string, got ${show(element)}`;
        if (spec.enum && !spec.enum.includes(element)) return `element ${i}: expected one of ${spec.enum.join(', ')}, got ${show(element)}`;
      }
      return undefined;
    }
    case 'boolean':
      return typeof value === 'boolean' ? undefined : `expected true or false, got ${show(value)}`;
  }
}

/** A short human description of a parameter type, e.g. "number in [0, 1]". */
export function describeParamType(spec: ParamSpec): string {
  let text: string = spec.type;
  if ((spec.type === 'number' || spec.type === 'integer' || spec.type === 'number[]') && (spec.min !== undefined || spec.max !== undefined)) {
    text += ` in [${spec.min ?? '-∞'}, ${spec.max ?? '∞'}]`;
  }
  if ((spec.type === 'string' || spec.type === 'string[]') && spec.enum) text += ` (${spec.enum.join(' | ')})`;
  return text;
}

function checkBounds(spec: { min?: number; max?: number }, value: number): string | undefined {
  if (spec.min !== undefined && value < spec.min) return `${value} is below the minimum ${spec.min}`;
  if (spec.max !== undefined && value > spec.max) return `${value} is above the maximum ${spec.max}`;
  return undefined;
}

function copyValue(value: AnyParamValue): AnyParamValue {
  return Array.isArray(value) ? ([...value] as AnyParamValue) : value;
}

function show(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value);
  if (Array.isArray(value)) return 'a list';
  if (value !== null && typeof value === 'object') return 'an object';
  return String(value);
}
