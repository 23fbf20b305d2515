import { compatibilityParam, defineProtocol } from '../../../core/index.js';
import type { HardMaskInfo } from '../../preprocessing/hard-mask/HardMaskInfo.js';
import { maskAnalysisSection } from './maskAnalysisSection.js';
import type { MaskCoverage } from '../../preprocessing/mask-coverage/MaskCoverage.js';
import { withPartialMask } from '../../shared/maskCoverageNotes.js';

/** 0.b Mask analysis: connectivity at the suggested threshold and the mass table (vrs-spec §6.2). */
export const maskAnalysisProtocol = defineProtocol({
  id: 'vrs.maskAnalysis',
  version: '1',
  title: 'Mask analysis',
  description: 'Connected components of the threshold mask, the 95 % list, remaining blobs, overlap with the hard mask, mass vs threshold (report section 0.b).',
  execution: 'worker',
  section: { id: '0.b', level: '0', title: 'Mask analysis' },
  params: {
    compatibility: compatibilityParam("'original' reproduces the original's blob statistics (vrs-spec §19 B2–B4)."),
  },
  inputs: {
    map: { kind: 'volume', description: 'The imported map.' },
    mask: { kind: 'mask', description: 'The mask with hard borders.' },
    maskInfo: { kind: 'json', description: 'The info output of vrs.hardMask (threshold, component sizes).' },
    coverage: { kind: 'json', optional: true, description: 'The info output of vrs.maskCoverage: a note when the mask misses part of the molecule.' },
  },
  outputs: {
    section: { kind: 'section' },
  },
  async run(ctx) {
    const map = await ctx.inputs.volume('map');
    const mask = await ctx.inputs.mask('mask');
    const info = await ctx.inputs.json<HardMaskInfo>('maskInfo');
    const { section, files } = maskAnalysisSection(map, mask, info, { compatibility: ctx.params.compatibility });
    const coverage = ctx.inputs.has('coverage') ? await ctx.inputs.json<MaskCoverage>('coverage') : undefined;
    // 0.b's own warnings (components, blobs) measure the split itself: noted, not marked.
    return { section: { kind: 'section', value: withPartialMask(section, coverage, () => false), files } };
  },
});
