import { describe, expect, it } from 'vitest';
import type { ArtifactRef } from '../protocol/ArtifactRef.js';
import type { WorkflowStep } from '../workflow/Workflow.js';
import type { SharedVolume } from './SharedVolume.js';
import { VolumeHandoff } from './VolumeHandoff.js';

/** A step reading `sources` ("step.port") on one port each; only the fields VolumeHandoff reads. */
function step(name: string, ...sources: string[]): WorkflowStep {
  const inputs = Object.fromEntries(sources.map((source, i) => [`in${i}`, [{ kind: 'output', step: source.split('.')[0]!, port: source.split('.')[1]! }]]));
  return { name, inputs } as unknown as WorkflowStep;
}

const volume = (): SharedVolume => ({ kind: 'volume', buffer: new SharedArrayBuffer(8), geometry: { dims: [2, 1, 1], voxelSize: [1, 1, 1], origin: [0, 0, 0] }, header: new Uint8Array(0) });
const ref = (producer: string, port: string, digest: string): ArtifactRef => ({ kind: 'volume', path: '/x', digest, producer: { step: producer, port } });

describe('VolumeHandoff', () => {
  const make = step('make');
  const a = step('a', 'make.map');
  const b = step('b', 'make.map', 'make.mask');
  const handoff = () => new VolumeHandoff([make, a, b]);

  it('names the ports other steps read, and keeps only those', () => {
    const h = handoff();
    expect(h.portsRead('make').sort()).toEqual(['map', 'mask']);
    expect(h.portsRead('a')).toEqual([]);
    h.offer('make', { map: volume(), unread: volume() }, { map: 'd1', unread: 'd9' });
    expect(h.size).toBe(1);
  });

  it('hands a volume to its readers by digest, and drops it when the last reader has settled', () => {
    const h = handoff();
    const map = volume();
    h.offer('make', { map }, { map: 'd1' });
    expect(h.inputsFor({ in0: [ref('make', 'map', 'd1')] })).toEqual({ d1: map });
    // Another digest (the store holds another result) is never answered from memory.
    expect(h.inputsFor({ in0: [ref('make', 'map', 'other')] })).toEqual({});
    h.settled(a);
    expect(h.size).toBe(1);
    h.settled(b);
    expect(h.size).toBe(0);
    expect(h.inputsFor({ in0: [ref('make', 'map', 'd1')] })).toEqual({});
  });
});
