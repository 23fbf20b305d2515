import { defineProtocol } from '../../../core/index.js';
import type { HardMaskInfo } from '../hard-mask/HardMaskInfo.js';
import { measureMaskCoverage } from './measureMaskCoverage.js';

/**
 * P.maskCoverage (issue 12): before any section reads the hard mask, how much of the density at
 * the contour it holds. A contour that splits the molecule (EMD-1997 at 1.0: two GroEL rings, the
 * mask keeps one) otherwise shows up as five unrelated "problems"; the input section, the
 * abstract and the sections that use the mask read this instead.
 */
export const maskCoverageProtocol = defineProtocol({
  id: 'vrs.maskCoverage',
  version: '1',
  title: 'Mask coverage',
  description: 'Share of the thresholded density inside the hard mask, components needed for 95 %, and the contour at which the parts join.',
  execution: 'worker',
  params: {
    threshold: { type: 'number', required: true, description: 'Contour level the hard mask was made at.' },
    expectedMassKDa: { type: 'number', min: 0, description: "The sample's weight in kDa (EMDB header), compared with the mass enclosed at the contour." },
  },
  inputs: {
    map: { kind: 'volume', description: 'The imported map.' },
    mask: { kind: 'mask', description: 'The mask with hard borders.' },
    maskInfo: { kind: 'json', description: 'The info output of vrs.hardMask (its dilation passes).' },
  },
  outputs: {
    info: { kind: 'json', description: 'MaskCoverage: coverage shares, components for 95 %, join and suggested thresholds, masses.' },
    mask: { kind: 'mask', description: 'The molecule mask: the hard mask when coverage is good, else its parts (the components needed for 95 % of the thresholded voxels, each ≥ 5 % of them), dilated alike.' },
  },
  async run(ctx) {
    const { threshold, expectedMassKDa } = ctx.params;
    const map = await ctx.inputs.volume('map');
    const hard = await ctx.inputs.mask('mask');
    const maskInfo = await ctx.inputs.json<HardMaskInfo>('maskInfo');
    ctx.progress(0.1, 'coverage');
    const { coverage, mask } = measureMaskCoverage(map, hard, { threshold, passes: maskInfo.passes, ...(expectedMassKDa === undefined ? {} : { expectedMassKDa }) });
    ctx.logger.info(
      `mask coverage at ${threshold}: ${(100 * coverage.maskCoverage).toFixed(1)} % of ${coverage.thresholdedVoxels} thresholded voxels, ` +
        `${coverage.coverageComponents95} component(s) for 95 %${coverage.poor ? `; one component holds 95 % from ${coverage.joinThreshold ?? 'no level searched'}, suggested ${coverage.suggestedThreshold ?? 'none'}` : ''}`,
    );
    return { info: { kind: 'json', value: coverage }, mask: { kind: 'mask', value: mask } };
  },
});
