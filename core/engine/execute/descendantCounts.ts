import type { Workflow } from '../workflow/Workflow.js';

/** How many steps depend, directly or not, on each step: the scheduler starts those first. */
export function descendantCounts(workflow: Workflow): Map<string, number> {
  const counts = new Map<string, number>();
  for (const name of [...workflow.order].reverse()) {
    const seen = new Set<string>();
    const visit = (node: string) => {
      for (const next of workflow.downstream.get(node) ?? []) {
        if (!seen.has(next)) {
          seen.add(next);
          visit(next);
        }
      }
    };
    visit(name);
    counts.set(name, seen.size);
  }
  return counts;
}
