import { collectGarbage } from '../../parallel/index.js';
import type { ArtifactRef } from '../protocol/ArtifactRef.js';
import type { WorkflowStep } from '../workflow/Workflow.js';
import type { SharedVolume } from './SharedVolume.js';

interface Held {
  shared: SharedVolume;
  digest: string;
  /** Consumer steps of the run that have not settled yet. */
  waiting: number;
}

/**
 * The volumes and masks a run's computed steps left in shared memory, kept for the steps of the
 * same run that read them and dropped as soon as the last of those has settled (whatever its
 * outcome), so memory holds only what is still to be read. Outputs nobody in the run reads are
 * never kept; results taken from the store are read from the store.
 */
export class VolumeHandoff {
  private readonly held = new Map<string, Held>();
  /** For each `step.port`, the steps of the run that read it. */
  private readonly consumers = new Map<string, Set<string>>();

  constructor(steps: readonly WorkflowStep[]) {
    for (const step of steps) {
      for (const sources of Object.values(step.inputs)) {
        for (const source of sources) {
          if (source.kind !== 'output') continue;
          const id = `${source.step}.${source.port}`;
          const readers = this.consumers.get(id) ?? new Set();
          readers.add(step.name);
          this.consumers.set(id, readers);
        }
      }
    }
  }

  /** The ports of a step that other steps of the run read (only those are worth sharing). */
  portsRead(step: string): string[] {
    return [...this.consumers.keys()].filter((id) => id.startsWith(`${step}.`)).map((id) => id.slice(step.length + 1));
  }

  /** Keeps a step's shared outputs for its consumers (`digests` by port, as stored). */
  offer(step: string, shared: Readonly<Record<string, SharedVolume>>, digests: Readonly<Record<string, string>>): void {
    for (const [port, volume] of Object.entries(shared)) {
      const waiting = this.consumers.get(`${step}.${port}`)?.size ?? 0;
      const digest = digests[port];
      if (waiting > 0 && digest !== undefined) this.held.set(`${step}.${port}`, { shared: volume, digest, waiting });
    }
  }

  /** The shared volumes among a step's inputs, by digest (what executeProtocol reads them from). */
  inputsFor(inputs: Readonly<Record<string, readonly ArtifactRef[]>>): Record<string, SharedVolume> {
    const found: Record<string, SharedVolume> = {};
    for (const refs of Object.values(inputs)) {
      for (const ref of refs) {
        const held = this.held.get(`${ref.producer.step}.${ref.producer.port}`);
        if (held && held.digest === ref.digest) found[ref.digest] = held.shared;
      }
    }
    return found;
  }

  /** A step has settled: what it read is one reader closer to being dropped. */
  settled(step: WorkflowStep): void {
    const read = new Set<string>();
    for (const sources of Object.values(step.inputs)) for (const source of sources) if (source.kind === 'output') read.add(`${source.step}.${source.port}`);
    let dropped = false;
    for (const id of read) {
      const held = this.held.get(id);
      if (held && --held.waiting <= 0) {
        this.held.delete(id);
        dropped = true;
      }
    }
    // Shared arrays do not count toward V8's memory pressure, and the main thread allocates too
    // little to collect soon by itself: without this, a dropped volume would stay in memory.
    if (dropped) collectGarbage();
  }

  /** Shared volumes held now (for tests and the run's memory accounting). */
  get size(): number {
    return this.held.size;
  }

  clear(): void {
    this.held.clear();
  }
}
