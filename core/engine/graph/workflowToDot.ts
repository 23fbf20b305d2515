import type { Workflow } from '../workflow/Workflow.js';
import { workflowEdges } from './workflowEdges.js';

/** The workflow DAG in Graphviz DOT: one box per step (name and protocol), one arrow per port link. */
export function workflowToDot(workflow: Workflow): string {
  const lines = [`digraph ${quote(workflow.name)} {`, '  rankdir=LR;', '  node [shape=box, style=rounded, fontname="Helvetica"];', '  edge [fontname="Helvetica", fontsize=10];'];
  for (const name of workflow.order) {
    const step = workflow.steps.find((candidate) => candidate.name === name)!;
    lines.push(`  ${quote(name)} [label=${quote(`${name}\n${step.protocol.id}`)}];`);
  }
  for (const edge of workflowEdges(workflow)) {
    const label = edge.output === edge.input ? edge.output : `${edge.output} → ${edge.input}`;
    lines.push(`  ${quote(edge.from)} -> ${quote(edge.to)} [label=${quote(label)}];`);
  }
  lines.push('}');
  return `${lines.join('\n')}\n`;
}

function quote(text: string): string {
  return `"${text.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n')}"`;
}
