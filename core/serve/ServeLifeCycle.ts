import type { EngineEvents, LifeCycle } from '../engine/index.js';
import type { RunCatalog } from './RunCatalog.js';

/** Forwards the engine's step events of one run to its state (and so to its live subscribers). */
export class ServeLifeCycle implements LifeCycle {
  constructor(
    private readonly catalog: RunCatalog,
    private readonly id: string,
  ) {}

  'run:start'(event: EngineEvents['run:start']): void {
    const known = this.catalog.get(this.id)?.steps ?? {};
    for (const step of event.steps) if (known[step] === undefined) this.catalog.updateStep(this.id, step, { status: 'pending' });
  }
  'step:start'(event: EngineEvents['step:start']): void {
    this.catalog.updateStep(this.id, event.step, { status: 'running' });
  }
  'step:cached'(event: EngineEvents['step:cached']): void {
    this.catalog.updateStep(this.id, event.step, { status: 'cached' });
  }
  'step:success'(event: EngineEvents['step:success']): void {
    this.catalog.updateStep(this.id, event.step, { status: 'success', durationMs: event.durationMs });
  }
  'step:failed'(event: EngineEvents['step:failed']): void {
    this.catalog.updateStep(this.id, event.step, { status: 'failed', durationMs: event.durationMs, message: firstLine(event.error) });
  }
  'step:skipped'(event: EngineEvents['step:skipped']): void {
    this.catalog.updateStep(this.id, event.step, { status: 'skipped', message: firstLine(event.reason) });
  }
}

function firstLine(text: string): string {
  const line = text.split('\n')[0] ?? '';
  return line.length > 300 ? `${line.slice(0, 297)}…` : line;
}
