// The ports, parameter and options every level-1 check of the two half maps declares alike.
import type { ProtocolContext, SectionResult, Volume } from '../../core/index.js';
import { readCoverage, withPartialMask } from './maskCoverageNotes.js';

/** The two half maps as imported, before any mask. */
export const halfMapInputs = {
  half1: { kind: 'volume', description: 'The first half map (vrs.importMap).' },
  half2: { kind: 'volume', description: 'The second half map (vrs.importMap).' },
} as const;

/** The reported resolution of the checks whose curves stand without it (1.g, 1.h). */
export const curvesResolutionParam = {
  type: 'number', min: 0, description: 'Reported resolution in Å (criterion; without it the curves are still measured).',
} as const;

/** What a half-map analysis (1.a, 1.g, 1.h) takes besides its volumes. */
export interface HalfMapAnalysisOptions {
  /** Reported resolution, Å (criteria and a line on the plots). */
  resolution?: number;
  threads?: number;
  onProgress?: (fraction: number, message: string) => void;
}

/** The options a protocol hands its analysis: the reported resolution, and progress that stops at an interrupt. */
export function analysisOptions(resolution: number | undefined, ctx: Pick<ProtocolContext, 'signal' | 'progress'>): HalfMapAnalysisOptions {
  return {
    ...(resolution !== undefined ? { resolution } : {}),
    onProgress: (fraction, message) => {
      ctx.signal.throwIfAborted();
      ctx.progress(fraction, message);
    },
  };
}

/** The one output of the half-map analyses: their section. */
export const sectionOutputs = { section: { kind: 'section' } } as const;

/**
 * The whole run of a check that analyses the soft-masked halves (1.g, 1.h): read the halves and the
 * soft mask, analyse, return the section.
 */
export async function runSoftMaskedAnalysis(
  ctx: Pick<ProtocolContext, 'signal' | 'progress'> & {
    params: { resolution?: number | undefined };
    inputs: { volume(port: 'half1' | 'half2' | 'softMask'): Promise<Volume<Float32Array>>; has(port: string): boolean; json<T>(port: string): Promise<T> };
  },
  analyse: (half1: Volume, half2: Volume, softMask: Volume, opts: HalfMapAnalysisOptions) => Promise<SectionResult>,
) {
  const half1 = await ctx.inputs.volume('half1');
  const half2 = await ctx.inputs.volume('half2');
  const softMask = await ctx.inputs.volume('softMask');
  const section = await analyse(half1, half2, softMask, analysisOptions(ctx.params.resolution, ctx));
  return { section: { kind: 'section' as const, value: withPartialMask(section, await readCoverage(ctx.inputs), () => false) } };
}
