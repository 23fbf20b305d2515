import type { Workflow } from '../workflow/Workflow.js';
import { workflowEdges } from './workflowEdges.js';

/** The workflow DAG as a Mermaid flowchart (renders on GitHub and in most Markdown viewers). */
export function workflowToMermaid(workflow: Workflow): string {
  // Node ids are positional: step names may contain characters Mermaid treats specially.
  const id = new Map(workflow.order.map((name, index) => [name, `s${index}`]));
  const lines = ['flowchart LR'];
  for (const name of workflow.order) {
    const step = workflow.steps.find((candidate) => candidate.name === name)!;
    lines.push(`  ${id.get(name)}["${escape(name)}<br/><small>${escape(step.protocol.id)}</small>"]`);
  }
  for (const edge of workflowEdges(workflow)) {
    const label = edge.output === edge.input ? edge.output : `${edge.output} → ${edge.input}`;
    lines.push(`  ${id.get(edge.from)} -->|${escape(label)}| ${id.get(edge.to)}`);
  }
  return `${lines.join('\n')}\n`;
}

function escape(text: string): string {
  return text.replace(/&/g, '#amp;').replace(/"/g, '#quot;').replace(/</g, '#lt;').replace(/>/g, '#gt;').replace(/\|/g, '#124;');
}
