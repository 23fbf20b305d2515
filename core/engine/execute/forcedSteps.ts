import type { Workflow } from '../workflow/Workflow.js';
import { VrsInputError } from '../../errors/index.js';
import { suggestion } from '../workflow/didYouMean.js';

/** The steps a rerun forces: the named ones, and with `downstream` everything that depends on them. */
export function forcedSteps(workflow: Workflow, names: readonly string[], downstream: boolean): Set<string> {
  const known = workflow.steps.map((step) => step.name);
  const forced = new Set<string>();
  for (const name of names) {
    if (!known.includes(name)) {
      throw new VrsInputError(`no step "${name}" in workflow ${workflow.name}${suggestion(name, known)} (steps: ${known.join(', ')})`, workflow.file, 'step');
    }
    forced.add(name);
  }
  if (downstream) {
    const queue = [...forced];
    while (queue.length > 0) {
      for (const next of workflow.downstream.get(queue.shift()!) ?? []) {
        if (!forced.has(next)) {
          forced.add(next);
          queue.push(next);
        }
      }
    }
  }
  return forced;
}
