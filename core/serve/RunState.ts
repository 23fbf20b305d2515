import { readFileSync, renameSync, writeFileSync } from 'node:fs';

export type RunStatus = 'queued' | 'running' | 'done' | 'failed';

export type StepStatus = 'pending' | 'running' | 'success' | 'cached' | 'failed' | 'skipped';

export interface StepState {
  status: StepStatus;
  /** Wall-clock time of an executed step. */
  durationMs?: number;
  /** First line of a failure or a skip reason. */
  message?: string;
}

/** One uploaded input: the form field, the server's file name and the name the user's browser gave (display only). */
export interface UploadedInput {
  field: string;
  file: string;
  originalName: string;
  bytes: number;
}

/** What the server knows of a run; written to the run folder's serve.json after every change. */
export interface RunState {
  id: string;
  /** Shown in pages: the form's title, else the map's file name. */
  title: string;
  /** The form's title, which the report shows (else the EMDB header's or none). */
  reportTitle?: string;
  status: RunStatus;
  createdAt: string;
  startedAt?: string;
  endedAt?: string;
  inputs: UploadedInput[];
  threshold?: number;
  resolution?: number;
  /** An EMDB entry of the server's archive folder (`vrs serve --archive`), read as `vrs validate --emdb`. */
  emdb?: string;
  levels: string[];
  /** Notes of the planning (where each value came from). */
  notes: string[];
  steps: Record<string, StepState>;
  /** The report's score (checks passed of those that could be evaluated), once done. */
  score?: { passed: number; evaluable: number };
  /** Why the run failed (no report), or which steps failed in a run that still has a report. */
  error?: string;
}

/** Writes the state through a temporary file and a rename, so a kill never leaves half a file. */
export function writeRunState(file: string, state: RunState): void {
  const temporary = `${file}.tmp`;
  writeFileSync(temporary, `${JSON.stringify(state, null, 2)}\n`);
  renameSync(temporary, file);
}

export function readRunState(file: string): RunState {
  return JSON.parse(readFileSync(file, 'utf8')) as RunState;
}
