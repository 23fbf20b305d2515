import { isAbsolute, resolve } from 'node:path';
import { stringify } from 'yaml';
import type { RawStep, RawWorkflowFile } from './RawWorkflow.js';
import type { Workflow } from './Workflow.js';

/**
 * The workflow as one self-contained YAML file: includes merged, literal file paths made absolute.
 * The run folder keeps it, so `resume` and `rerun` run exactly what ran before.
 */
export function flattenWorkflow(workflow: Workflow): string {
  const steps: Record<string, RawStep> = {};
  for (const step of workflow.steps) {
    const raw: RawStep = structuredClone(step.raw);
    for (const [name, value] of Object.entries(raw.params ?? {})) {
      if (step.protocol.params[name]?.type === 'path' && typeof value === 'string' && !value.startsWith('$') && !isAbsolute(value)) {
        raw.params![name] = resolve(step.baseDir, value);
      }
    }
    steps[step.name] = raw;
  }
  const flat: RawWorkflowFile = {
    version: 1,
    name: workflow.name,
    ...(workflow.description !== undefined ? { description: workflow.description } : {}),
    params: workflow.params,
    steps,
  };
  const header = `# Workflow "${workflow.name}" as run, includes merged. Loaded from:\n${workflow.files.map((file) => `#   ${file}`).join('\n')}\n`;
  return header + stringify(flat, { lineWidth: 0 });
}
