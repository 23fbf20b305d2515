import { existsSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { VrsInputError } from '../../errors/index.js';
import type { AnyParamValue } from '../protocol/ParamSpec.js';
import { validateParams } from '../protocol/validateParams.js';
import type { Workflow } from '../workflow/Workflow.js';
import { suggestion } from '../workflow/didYouMean.js';

/**
 * Checks the values given for a workflow's parameters (types, bounds, required ones) and makes
 * `path` values absolute (relative to `cwd`; defaults relative to the workflow file) and checks
 * that those files exist. Throws one VrsInputError listing every problem.
 */
export function resolveWorkflowParams(workflow: Workflow, given: Readonly<Record<string, unknown>>, cwd: string = process.cwd()): Record<string, AnyParamValue> {
  const { values, problems } = validateParams(workflow.params, given);
  const messages = problems.map((problem) => {
    const unknown = problem.message.startsWith('unknown parameter');
    return unknown ? `unknown parameter "${problem.param}"${suggestion(problem.param, Object.keys(workflow.params))} (workflow params: ${Object.keys(workflow.params).join(', ') || 'none'})` : problem.message;
  });
  for (const [name, spec] of Object.entries(workflow.params)) {
    if (spec.type !== 'path' || values[name] === undefined) continue;
    const base = given[name] !== undefined ? cwd : workflow.file.slice(0, workflow.file.lastIndexOf('/'));
    const path = resolve(base, values[name] as string);
    if (!existsSync(path)) messages.push(`parameter "${name}": file not found: ${path}`);
    else if (!statSync(path).isFile()) messages.push(`parameter "${name}": not a file: ${path}`);
    values[name] = path;
  }
  if (messages.length > 0) {
    throw new VrsInputError(messages.length === 1 ? messages[0]! : `\n  - ${messages.join('\n  - ')}`, `workflow ${workflow.name} (${workflow.file})`, 'params');
  }
  return values;
}
