import type { EngineEvents, LifeCycle } from '../engine/index.js';
import type { CliIo } from './CliIo.js';

/**
 * Progress on stderr. On a terminal: one status line redrawn in place (steps done/total, the steps
 * running with their progress) and a permanent line per finished step. Elsewhere (logs, CI): only
 * the permanent lines.
 */
export class TerminalProgress implements LifeCycle {
  readonly #out: CliIo['stderr'];
  readonly #tty: boolean;
  #total = 0;
  #done = 0;
  readonly #running = new Map<string, { fraction?: number; message?: string }>();
  #lastDraw = 0;

  constructor(io: CliIo) {
    this.#out = io.stderr;
    this.#tty = io.stderr.isTTY === true;
  }

  'run:start'(event: EngineEvents['run:start']): void {
    this.#total = event.steps.length;
    const forced = event.forced.length ? `, forcing ${event.forced.join(', ')}` : '';
    this.#line(`${event.workflow}: ${event.steps.length} steps, up to ${event.jobs} at once (attempt ${event.attempt}${forced})`);
  }
  'step:start'(event: EngineEvents['step:start']): void {
    this.#running.set(event.step, {});
    this.#draw(true);
  }
  'step:progress'(event: EngineEvents['step:progress']): void {
    this.#running.set(event.step, { fraction: event.fraction, ...(event.message !== undefined ? { message: event.message } : {}) });
    this.#draw(false);
  }
  'step:cached'(event: EngineEvents['step:cached']): void {
    this.#finish(event.step, `= ${event.step}  from the cache`);
  }
  'step:success'(event: EngineEvents['step:success']): void {
    this.#finish(event.step, `✓ ${event.step}  ${seconds(event.durationMs)}`);
  }
  'step:failed'(event: EngineEvents['step:failed']): void {
    this.#finish(event.step, `✗ ${event.step}  failed: ${event.error}`);
  }
  'step:skipped'(event: EngineEvents['step:skipped']): void {
    this.#finish(event.step, `- ${event.step}  skipped: ${event.reason}`);
  }
  'run:end'(): void {
    this.#clear();
  }

  #finish(step: string, text: string): void {
    this.#running.delete(step);
    this.#done++;
    this.#line(`[${this.#done}/${this.#total}] ${text}`);
    this.#draw(true);
  }

  #line(text: string): void {
    this.#clear();
    this.#out.write(`${text}\n`);
  }

  #clear(): void {
    if (this.#tty) this.#out.write('\r\x1b[K');
  }

  #draw(force: boolean): void {
    if (!this.#tty || this.#running.size === 0) return;
    const now = Date.now();
    if (!force && now - this.#lastDraw < 100) return;
    this.#lastDraw = now;
    const running = [...this.#running].map(([step, state]) => {
      const percent = state.fraction !== undefined ? ` ${Math.round(state.fraction * 100)}%` : '';
      const message = state.message ? ` ${state.message}` : '';
      return `${step}${percent}${message}`;
    });
    const width = (this.#out.columns ?? 100) - 1;
    this.#out.write(`\r\x1b[K${`[${this.#done}/${this.#total}] running: ${running.join(', ')}`.slice(0, width)}`);
  }
}

function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(ms < 10_000 ? 2 : 1)} s`;
}
