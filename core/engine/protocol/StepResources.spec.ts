import { describe, expect, it } from 'vitest';
import { defineProtocol } from './defineProtocol.js';
import { checkStepResources, mergeStepResources } from './StepResources.js';

const base = { id: 'ns.res', version: '1', title: 'T', params: {}, inputs: {}, outputs: {}, run: async () => ({}) };

describe('step resources', () => {
  it('a protocol may declare positive resources; the definition keeps them, frozen', () => {
    const protocol = defineProtocol({ ...base, resources: { threads: 2, memoryMb: 1536.5, timeLimitSeconds: 0.5 } });
    expect(protocol.resources).toEqual({ threads: 2, memoryMb: 1536.5, timeLimitSeconds: 0.5 });
    expect(Object.isFrozen(protocol.resources)).toBe(true);
    expect(defineProtocol(base).resources).toBeUndefined();
  });

  it('defineProtocol refuses zero, negative, fractional thread counts, non-numbers and unknown fields, naming each', () => {
    expect(() =>
      defineProtocol({ ...base, resources: { threads: 1.5, memoryMb: 0, timeLimitSeconds: -3, gpus: 1 } as never }),
    ).toThrow(
      [
        'invalid protocol "ns.res":',
        '  - resources.threads must be a positive integer, got 1.5',
        '  - resources.memoryMb must be a positive number, got 0',
        '  - resources.timeLimitSeconds must be a positive number, got -3',
        '  - resources: unknown field "gpus" (allowed: threads, memoryMb, timeLimitSeconds)',
      ].join('\n'),
    );
    expect(checkStepResources({ memoryMb: '2G' })).toEqual(['resources.memoryMb must be a positive number, got "2G"']);
    expect(checkStepResources({ timeLimitSeconds: Number.POSITIVE_INFINITY })).toEqual(['resources.timeLimitSeconds must be a positive number, got Infinity']);
    expect(checkStepResources(4)).toEqual(['resources must be an object with threads, memoryMb and/or timeLimitSeconds']);
  });

  it("a step's field overrides the protocol's; the others keep the protocol's; absent stays absent", () => {
    expect(mergeStepResources({ threads: 2, memoryMb: 100 }, { memoryMb: 300, timeLimitSeconds: 9 })).toEqual({ threads: 2, memoryMb: 300, timeLimitSeconds: 9 });
    expect(mergeStepResources(undefined, undefined)).toEqual({});
    expect(mergeStepResources({ threads: 2 }, undefined)).toEqual({ threads: 2 });
  });
});
