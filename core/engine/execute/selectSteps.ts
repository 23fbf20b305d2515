import { VrsInputError } from '../../errors/index.js';
import { suggestion } from '../workflow/didYouMean.js';
import type { Workflow } from '../workflow/Workflow.js';

/**
 * The steps a run with `until` targets needs: the targets and everything upstream of them (like
 * Snakemake's --until). Without targets, every step. Returned in topological order.
 */
export function selectSteps(workflow: Workflow, targets: readonly string[] | undefined): string[] {
  if (!targets || targets.length === 0) return [...workflow.order];
  const byName = new Map(workflow.steps.map((step) => [step.name, step]));
  const needed = new Set<string>();
  const visit = (name: string) => {
    if (needed.has(name)) return;
    needed.add(name);
    for (const upstream of byName.get(name)!.upstream) visit(upstream);
  };
  for (const target of targets) {
    if (!byName.has(target)) {
      throw new VrsInputError(`no step "${target}" in workflow ${workflow.name}${suggestion(target, byName.keys())} (steps: ${workflow.order.join(', ')})`, workflow.file, 'until');
    }
    visit(target);
  }
  return workflow.order.filter((name) => needed.has(name));
}
