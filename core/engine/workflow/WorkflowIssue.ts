/** A place in a workflow file (1-based line and column). */
export interface SourceLocation {
  file: string;
  line: number;
  column: number;
}

/** One problem found while loading or validating a workflow. */
export interface WorkflowIssue {
  message: string;
  location?: SourceLocation;
  /** The step the problem is in, when it is in one. */
  step?: string;
}

/** "file:line:column: step "x": message", the form editors and terminals link to. */
export function formatWorkflowIssue(issue: WorkflowIssue): string {
  const where = issue.location ? `${issue.location.file}:${issue.location.line}:${issue.location.column}: ` : '';
  const step = issue.step ? `step "${issue.step}": ` : '';
  return `${where}${step}${issue.message}`;
}
