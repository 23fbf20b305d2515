import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { VrsInputError } from '../../errors/index.js';
import type { AnyParamValue } from '../protocol/ParamSpec.js';
import { validateParams } from '../protocol/validateParams.js';
import type { Workflow } from '../workflow/Workflow.js';

/**
 * The parameters of every step: literals and passed-through workflow parameters, validated against
 * the protocol (bounds, allowed values, required ones), defaults applied, paths absolute and
 * existing. Everything is checked before the run starts; one VrsInputError lists every problem.
 */
export function bindStepParams(workflow: Workflow, workflowParams: Readonly<Record<string, AnyParamValue>>): Map<string, Record<string, AnyParamValue>> {
  const bound = new Map<string, Record<string, AnyParamValue>>();
  const messages: string[] = [];
  for (const step of workflow.steps) {
    const given: Record<string, unknown> = {};
    for (const [name, binding] of Object.entries(step.params)) {
      given[name] = binding.kind === 'literal' ? binding.value : workflowParams[binding.name];
    }
    const { values, problems } = validateParams(step.protocol.params, given);
    for (const problem of problems) {
      const binding = step.params[problem.param];
      const via = binding?.kind === 'param' ? ` (from workflow param "${binding.name}")` : '';
      messages.push(`step "${step.name}" (${step.protocol.id}): ${problem.message}${via}`);
    }
    for (const [name, spec] of Object.entries(step.protocol.params)) {
      if (spec.type !== 'path' || values[name] === undefined) continue;
      const binding = step.params[name];
      // Workflow params are absolute already; literals are relative to the file that defines the step.
      const path = resolve(binding?.kind === 'literal' || !binding ? step.baseDir : '/', values[name] as string);
      if (!existsSync(path)) messages.push(`step "${step.name}": parameter "${name}": file not found: ${path}`);
      values[name] = path;
    }
    bound.set(step.name, values);
  }
  if (messages.length > 0) {
    throw new VrsInputError(messages.length === 1 ? messages[0]! : `\n  - ${messages.join('\n  - ')}`, `workflow ${workflow.name} (${workflow.file})`, 'params');
  }
  return bound;
}
