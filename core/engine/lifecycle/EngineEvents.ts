/** How a step ended in a run. */
export type StepOutcome = 'cached' | 'success' | 'failed' | 'skipped';

/** How a run ended. */
export type RunStatus = 'success' | 'failed' | 'interrupted';

/**
 * Every event of a run, by name. Observers (LifeCycle) receive them in order; the journal stores
 * them as JSON lines, so this map is also the journal's format.
 */
export interface EngineEvents {
  'run:start': {
    runDir: string;
    workflow: string;
    attempt: number;
    steps: string[];
    jobs: number;
    /** Steps forced to run again (rerun). */
    forced: string[];
  };
  'step:start': { step: string; protocol: string; version: string; key: string; execution: 'main' | 'worker'; forced: boolean };
  'step:progress': { step: string; fraction: number; message?: string };
  'step:cached': { step: string; protocol: string; key: string; dir: string; producedAt: string };
  'step:success': { step: string; protocol: string; key: string; dir: string; durationMs: number; peakRssBytes: number };
  'step:failed': { step: string; protocol: string; key?: string; error: string; inputError: boolean; durationMs: number; log?: string };
  'step:skipped': { step: string; protocol: string; reason: string };
  'run:end': {
    status: RunStatus;
    durationMs: number;
    counts: Record<StepOutcome, number>;
    /** Step name → how it ended. */
    steps: Record<string, StepOutcome>;
  };
}

export type EngineEventName = keyof EngineEvents;
