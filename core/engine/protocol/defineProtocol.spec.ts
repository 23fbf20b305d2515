import { describe, expect, it } from 'vitest';
import { defineProtocol } from './defineProtocol.js';

const base = { version: '1', title: 'T', params: {}, inputs: {}, outputs: {}, run: async () => ({}) };

describe('defineProtocol', () => {
  it('defaults execution to the main thread and freezes the definition', () => {
    const protocol = defineProtocol({ ...base, id: 'ns.ok' });
    expect(protocol.execution).toBe('main');
    expect(Object.isFrozen(protocol)).toBe(true);
  });

  it('rejects a broken declaration when the plugin loads, listing every problem', () => {
    expect(() =>
      defineProtocol({
        ...base,
        id: 'nonamespace',
        params: { 'bad-name': { type: 'number', default: 5, max: 1 } },
        outputs: { out: { kind: 'picture' as 'figure', optional: true } },
      }),
    ).toThrow(
      [
        'invalid protocol "nonamespace":',
        '  - id must be namespaced, like "vrs.hardMask" (letters, digits, _ and -, parts separated by dots)',
        '  - param name "bad-name" is not an identifier',
        '  - param bad-name: default does not fit: 5 is above the maximum 1',
        '  - output out: unknown artifact kind "picture"',
      ].join('\n'),
    );
  });
});
