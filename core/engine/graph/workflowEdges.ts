import type { Workflow } from '../workflow/Workflow.js';

/** One data edge of a workflow: an output feeding an input. */
export interface WorkflowEdge {
  from: string;
  output: string;
  to: string;
  input: string;
}

/** Every output → input edge, in workflow order (several per step pair when several ports connect). */
export function workflowEdges(workflow: Workflow): WorkflowEdge[] {
  const edges: WorkflowEdge[] = [];
  for (const step of workflow.steps) {
    for (const [input, sources] of Object.entries(step.inputs)) {
      for (const source of sources) {
        if (source.kind === 'output') edges.push({ from: source.step, output: source.port, to: step.name, input });
      }
    }
  }
  return edges;
}
