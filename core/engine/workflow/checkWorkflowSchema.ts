import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import type { WorkflowIssue } from './WorkflowIssue.js';
import { workflowSchema } from './workflowSchema.js';
import type { YamlSource } from './YamlSource.js';

let validator: ValidateFunction | undefined;

const allowedFields: Record<string, readonly string[]> = {
  workflow: Object.keys(workflowSchema.properties),
  param: Object.keys(workflowSchema.definitions.param.properties),
  step: Object.keys(workflowSchema.definitions.step.properties),
};

/** Checks a parsed workflow file against the JSON Schema; each problem carries its line. */
export function checkWorkflowSchema(source: YamlSource): WorkflowIssue[] {
  validator ??= new Ajv({ allErrors: true, strict: true }).compile(workflowSchema);
  if (validator(source.data)) return [];
  const errors = validator.errors ?? [];
  const anyOfPaths = new Set(errors.filter((error) => error.keyword === 'anyOf').map((error) => error.instancePath));
  const issues: WorkflowIssue[] = [];
  for (const error of errors) {
    if (error.propertyName !== undefined) continue; // reported once by its `propertyNames` error
    if (error.keyword !== 'anyOf' && anyOfPaths.has(error.instancePath)) continue; // the anyOf error says it better
    issues.push(issueFor(error, source));
  }
  return issues;
}

function issueFor(error: ErrorObject, source: YamlSource): WorkflowIssue {
  const path = error.instancePath === '' ? [] : error.instancePath.slice(1).split('/').map((part) => part.replace(/~1/g, '/').replace(/~0/g, '~'));
  const step = path[0] === 'steps' && path.length > 1 ? path[1] : undefined;
  const field = describePath(path);
  const at = (where: string[], which: 'value' | 'key' = 'value') => source.locate(where, which);
  const withStep = (issue: WorkflowIssue): WorkflowIssue => (step !== undefined ? { ...issue, step } : issue);
  switch (error.keyword) {
    case 'additionalProperties': {
      const name = String((error.params as { additionalProperty: string }).additionalProperty);
      const context = path.length === 0 ? 'workflow' : path[0] === 'params' && path.length === 2 ? 'param' : path[0] === 'steps' && path.length === 2 ? 'step' : undefined;
      const allowed = context ? ` (allowed: ${allowedFields[context]!.join(', ')})` : '';
      return withStep({ message: `unknown field "${name}"${field ? ` in ${field}` : ''}${allowed}`, location: at([...path, name], 'key') });
    }
    case 'required': {
      const name = String((error.params as { missingProperty: string }).missingProperty);
      return withStep({ message: `missing field "${name}"${field ? ` in ${field}` : ''}`, location: at(path, path.length ? 'key' : 'value') });
    }
    case 'propertyNames': {
      const name = String((error.params as { propertyName: string }).propertyName);
      return withStep({ message: `invalid name "${name}" in ${field}: use letters, digits and _, not starting with a digit`, location: at([...path, name], 'key') });
    }
    case 'const':
      return withStep({ message: `${field} must be ${JSON.stringify((error.params as { allowedValue: unknown }).allowedValue)}`, location: at(path) });
    case 'enum':
      return withStep({ message: `${field} must be one of ${((error.params as { allowedValues: unknown[] }).allowedValues).map((value) => JSON.stringify(value)).join(', ')}`, location: at(path) });
    case 'anyOf':
      return withStep({ message: `${field} must be an output reference ("step.output", "*.section", "$params.NAME") or a list of them`, location: at(path) });
    case 'type':
      return withStep({ message: `${field || 'the workflow'} must be ${article((error.params as { type: string }).type)}`, location: at(path) });
    default:
      return withStep({ message: `${field || 'the workflow'} ${error.message ?? 'is invalid'}`, location: at(path) });
  }
}

function describePath(path: string[]): string {
  if (path.length === 0) return '';
  if (path.length === 1) return path[0]!;
  if (path[0] === 'steps' && path.length >= 2) return path.length === 2 ? 'the step' : `"${path.slice(2).join('.')}"`;
  if (path[0] === 'params' && path.length >= 2) return `workflow param "${path[1]}"${path.length > 2 ? ` field "${path.slice(2).join('.')}"` : ''}`;
  return `"${path.join('.')}"`;
}

function article(type: string): string {
  const names: Record<string, string> = { object: 'a mapping', array: 'a list', string: 'a string', number: 'a number', integer: 'an integer', boolean: 'true or false' };
  return type.split(',').map((t) => names[t] ?? t).join(' or ');
}
