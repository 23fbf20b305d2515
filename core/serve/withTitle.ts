import type { AnyParamValue, Workflow } from '../engine/index.js';

/** The planned parameters with the form's title, when the workflow's report takes one. */
export function withTitle(planned: { workflow: Workflow; params: Record<string, AnyParamValue> }, title: string): Record<string, AnyParamValue> {
  if (title === '' || !Object.hasOwn(planned.workflow.params, 'title')) return planned.params;
  return { ...planned.params, title };
}
