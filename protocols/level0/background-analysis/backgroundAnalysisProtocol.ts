import { defineProtocol } from '../../../core/index.js';
import { backgroundAnalysisSection } from './backgroundAnalysisSection.js';

/** 0.c Background analysis: mean, σ and outliers of the voxels outside the hard mask (vrs-spec §6.3). */
export const backgroundAnalysisProtocol = defineProtocol({
  id: 'vrs.backgroundAnalysis',
  version: '1',
  title: 'Background analysis',
  description: 'Student t-test of a zero background mean, σ, fraction of voxels beyond 5σ against a Gaussian (report section 0.c).',
  execution: 'worker',
  section: { id: '0.c', level: '0', title: 'Background analysis' },
  params: {},
  inputs: {
    map: { kind: 'volume', description: 'The imported map.' },
    mask: { kind: 'mask', description: 'The mask with hard borders (the background is its complement).' },
  },
  outputs: {
    section: { kind: 'section' },
  },
  async run(ctx) {
    const map = await ctx.inputs.volume('map');
    const mask = await ctx.inputs.mask('mask');
    const { section, files } = backgroundAnalysisSection(map, mask);
    return { section: { kind: 'section', value: section, files } };
  },
});
