import type { RunStatus, StepOutcome } from '../lifecycle/EngineEvents.js';
import type { StepResources } from '../protocol/StepResources.js';

/** How one step ended. */
export interface StepReport {
  step: string;
  protocol: string;
  outcome: StepOutcome;
  /** Cache key (absent for skipped steps). */
  key?: string;
  /** The step's folder in the store. */
  dir?: string;
  /** Output port → absolute path of the stored artifact. */
  outputs?: Record<string, string>;
  error?: string;
  /** The failure was bad input rather than a bug. */
  inputError?: boolean;
  /** Why the step was skipped. */
  reason?: string;
  durationMs?: number;
  peakRssBytes?: number;
  /** How many times the step was started in this run, when more than once (out-of-memory retries). */
  attempts?: number;
  /** The resources of its last try, for an executed step that has any (memoryMb as raised by retries). */
  resources?: StepResources;
}

/** The result of a run (also printed by `vrs run --json`). */
export interface RunSummary {
  runDir: string;
  workflow: string;
  attempt: number;
  status: RunStatus;
  durationMs: number;
  counts: Record<StepOutcome, number>;
  /** Every step, in workflow order. */
  steps: StepReport[];
  /** Files and folders copied into the run folder by `publish` entries. */
  published: string[];
  /** What the run did to the folder that the user should know (a file of theirs moved aside). */
  notes?: string[];
}
