/**
 * What one run of a step may use. A protocol declares what it needs; a workflow step may override
 * each field. Every field is optional: an absent one leaves the executor's default in place.
 */
export interface StepResources {
  /** Threads the step's parallel kernels may use (a positive integer). */
  threads?: number;
  /** Memory the step may use, in MB (for a worker step locally: its JavaScript heap limit). */
  memoryMb?: number;
  /** Wall-clock seconds after which the step is stopped and fails. */
  timeLimitSeconds?: number;
}

export const stepResourceFields = ['threads', 'memoryMb', 'timeLimitSeconds'] as const;

/**
 * The problems of a resources declaration, each naming its field ("resources.threads must be …");
 * empty when it is valid.
 */
export function checkStepResources(value: unknown): string[] {
  if (value === undefined) return [];
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return ['resources must be an object with threads, memoryMb and/or timeLimitSeconds'];
  const problems: string[] = [];
  for (const [field, given] of Object.entries(value)) {
    if (!(stepResourceFields as readonly string[]).includes(field)) {
      problems.push(`resources: unknown field "${field}" (allowed: ${stepResourceFields.join(', ')})`);
      continue;
    }
    if (given === undefined) continue;
    if (typeof given !== 'number' || !Number.isFinite(given) || given <= 0) {
      problems.push(`resources.${field} must be a positive number, got ${typeof given === 'number' ? String(given) : JSON.stringify(given)}`);
    } else if (field === 'threads' && !Number.isInteger(given)) {
      problems.push(`resources.threads must be a positive integer, got ${given}`);
    }
  }
  return problems;
}

/** The resources a step runs with: each field of the step's own block, else of its protocol. */
export function mergeStepResources(protocol: StepResources | undefined, step: StepResources | undefined): StepResources {
  const merged: StepResources = {};
  for (const field of stepResourceFields) {
    const value = step?.[field] ?? protocol?.[field];
    if (value !== undefined) merged[field] = value;
  }
  return merged;
}
