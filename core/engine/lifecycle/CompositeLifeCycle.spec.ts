import { describe, expect, it } from 'vitest';
import { CompositeLifeCycle } from './CompositeLifeCycle.js';
import { JsonLinesLifeCycle } from './JsonLinesLifeCycle.js';
import type { LifeCycle } from './LifeCycle.js';

describe('CompositeLifeCycle', () => {
  it('fans each event out in order, and an observer that throws stops neither the others nor the run', () => {
    const seen: string[] = [];
    const errors: unknown[] = [];
    const broken: LifeCycle = {
      'step:start': () => {
        throw new Error('observer bug');
      },
    };
    const recorder: LifeCycle = {
      'step:start': (event) => seen.push(`start ${event.step}`),
      'step:cached': (event) => seen.push(`cached ${event.step}`),
    };
    const composite = new CompositeLifeCycle([broken, recorder], (error) => errors.push(error));
    composite.emit('step:start', { step: 'a', protocol: 'p', version: '1', key: 'k', execution: 'main', forced: false });
    composite.emit('step:cached', { step: 'b', protocol: 'p', key: 'k', dir: '/d', producedAt: 't' });
    composite.emit('run:end', { status: 'success', durationMs: 1, counts: { cached: 1, success: 1, failed: 0, skipped: 0 }, steps: {} });
    expect(seen).toEqual(['start a', 'cached b']);
    expect(errors).toHaveLength(1);
  });

  it('JsonLinesLifeCycle writes one JSON object per event', () => {
    const lines: string[] = [];
    const composite = new CompositeLifeCycle([new JsonLinesLifeCycle((line) => lines.push(line))]);
    composite.emit('step:skipped', { step: 's', protocol: 'p', reason: 'upstream failed' });
    expect(lines).toHaveLength(1);
    expect(lines[0]!.endsWith('\n')).toBe(true);
    expect(JSON.parse(lines[0]!)).toMatchObject({ event: 'step:skipped', step: 's', reason: 'upstream failed' });
  });
});
