import type { SectionStatus } from './SectionResult.js';

/** The status as the summary table and the section footer print it. */
export function statusText(status: SectionStatus, warningCount: number): string {
  switch (status) {
    case 'ok':
      return 'OK';
    case 'warnings':
      return warningCount === 1 ? '1 warning' : `${warningCount} warnings`;
    case 'not-applicable':
      return 'Does not apply';
    case 'failed':
      return 'Could not be measured';
    case 'no-criteria':
      return 'No automatic criteria';
  }
}

/** True when the section's automatic criteria were evaluated, i.e. it counts in the score. */
export function isEvaluable(status: SectionStatus): boolean {
  return status === 'ok' || status === 'warnings';
}
