// The 0.h protocol's run() with a minimal context, for inputs the engine's store cannot hold
// (mirrored or synthetic maps made in the test).
import type { SectionResult, Volume } from '../../../core/index.js';
import { helixHandProtocol } from '../../../protocols/level0/helix-hand/helixHandProtocol.js';
import { tempDir } from '../../engine/helpers.js';

export async function runHandDirect(map: Volume<Float32Array>, params: { threshold: number; resolution?: number }): Promise<SectionResult> {
  const ctx = {
    step: 'hand',
    protocol: { id: helixHandProtocol.id, version: helixHandProtocol.version },
    params: { minCorrelation: 0.7, sampling: 1, ...params },
    inputs: { volume: async () => map },
    logger: { info: () => undefined },
    scratchDir: tempDir(),
    signal: new AbortController().signal,
    progress: () => undefined,
  };
  const outputs = (await helixHandProtocol.run(ctx as never)) as { section: { value: SectionResult } };
  return outputs.section.value;
}
