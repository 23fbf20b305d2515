import { defineProtocol } from '../../../core/index.js';
import { analysisOptions, sectionOutputs } from '../../shared/halfMapDeclarations.js';
import { globalResolutionAnalysis } from './globalResolutionAnalysis.js';

/**
 * 1.a Global resolution (vrs-spec §7.1): FSC, DPR and SSNR of the two unmasked half maps, their
 * resolutions, the FSC logistic ("information well preserved"), the three curves as plots and the
 * 80 % criteria against the reported resolution.
 */
export const globalResolutionProtocol = defineProtocol({
  id: 'vrs.globalResolution',
  version: '2',
  title: 'Global resolution (FSC, DPR, SSNR)',
  description: 'Fourier shell correlation, differential phase residual and spectral SNR of the two half maps, with their resolutions (report section 1.a).',
  execution: 'worker',
  section: { id: '1.a', level: '1', title: 'Global resolution' },
  params: {
    resolution: { type: 'number', min: 0, description: 'Reported resolution in Å (criteria; without it the curves are still measured).' },
  },
  inputs: {
    half1: { kind: 'volume', description: 'The first half map (vrs.importMap), whole box, no mask.' },
    half2: { kind: 'volume', description: 'The second half map (vrs.importMap), whole box, no mask.' },
  },
  outputs: sectionOutputs,
  async run(ctx) {
    const half1 = await ctx.inputs.volume('half1');
    const half2 = await ctx.inputs.volume('half2');
    const section = await globalResolutionAnalysis(half1, half2, analysisOptions(ctx.params.resolution, ctx));
    return { section: { kind: 'section', value: section } };
  },
});
