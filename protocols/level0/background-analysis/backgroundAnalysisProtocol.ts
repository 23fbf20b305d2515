import { defineProtocol } from '../../../core/index.js';
import { backgroundAnalysisSection } from './backgroundAnalysisSection.js';
import type { MaskCoverage } from '../../preprocessing/mask-coverage/MaskCoverage.js';
import { withPartialMask } from '../../shared/maskCoverageNotes.js';

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
    coverage: { kind: 'json', optional: true, description: 'The info output of vrs.maskCoverage: a note when the mask misses part of the molecule.' },
  },
  outputs: {
    section: { kind: 'section' },
  },
  async run(ctx) {
    const map = await ctx.inputs.volume('map');
    const mask = await ctx.inputs.mask('mask');
    const { section, files } = backgroundAnalysisSection(map, mask);
    const coverage = ctx.inputs.has('coverage') ? await ctx.inputs.json<MaskCoverage>('coverage') : undefined;
    // With a split mask the parts left out are "background": its outliers and mean follow from that.
    return { section: { kind: 'section', value: withPartialMask(section, coverage), files } };
  },
});
