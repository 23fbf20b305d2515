import type { EngineEvents } from './EngineEvents.js';

/**
 * An observer of a run: every method is optional, one per event (Nx's life-cycle pattern). Each
 * concern — terminal progress, JSON output, the journal, timings — is its own LifeCycle.
 */
export type LifeCycle = {
  [K in keyof EngineEvents]?: (event: EngineEvents[K]) => void;
};
