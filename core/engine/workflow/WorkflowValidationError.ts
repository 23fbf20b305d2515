import { formatWorkflowIssue, type WorkflowIssue } from './WorkflowIssue.js';

/** A workflow that cannot run; lists every problem found, each with file, line and step. */
export class WorkflowValidationError extends Error {
  override readonly name = 'WorkflowValidationError';

  constructor(
    readonly file: string,
    readonly issues: readonly WorkflowIssue[],
  ) {
    super(`${file}: invalid workflow (${issues.length} problem${issues.length === 1 ? '' : 's'}):\n${issues.map((issue) => `  ${formatWorkflowIssue(issue)}`).join('\n')}`);
  }
}
