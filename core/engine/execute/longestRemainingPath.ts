import type { Workflow } from '../workflow/Workflow.js';

/**
 * Each step's longest remaining path: its own expected cost plus the longest path among the steps
 * that read from it. The scheduler starts ready steps with the longest path first, so the long
 * chain (a heavy local-resolution step) starts early instead of after every light step.
 */
export function longestRemainingPath(workflow: Workflow, costOf: (step: string) => number): Map<string, number> {
  const path = new Map<string, number>();
  for (const name of [...workflow.order].reverse()) {
    let longest = 0;
    for (const next of workflow.downstream.get(name) ?? []) longest = Math.max(longest, path.get(next) ?? 0);
    path.set(name, costOf(name) + longest);
  }
  return path;
}
