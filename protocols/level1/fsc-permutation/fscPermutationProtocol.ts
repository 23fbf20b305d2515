import { defineProtocol } from '../../../core/index.js';
import { halfMapInputs, sectionOutputs } from '../../shared/halfMapDeclarations.js';
import { fscPermutationAnalysis } from './fscPermutationAnalysis.js';
import { coverageInput, readCoverage, withPartialMask } from '../../shared/maskCoverageNotes.js';

/**
 * 1.b FSC permutation test (vrs-spec §7.2): FDR-controlled FSC of the two half maps multiplied by
 * the soft mask, the resolution at 1 % FDR, the FSC and q-value curves and the 80 % criterion.
 * Seeded: the same inputs and seed give the same bits on any number of threads.
 */
export const fscPermutationProtocol = defineProtocol({
  id: 'vrs.fscPermutation',
  version: '2',
  title: 'FSC permutation test (FDR-controlled FSC)',
  description: 'Permutation test of the FSC in every Fourier shell of the masked half maps with Benjamini–Yekutieli FDR control (SPOC FSC_FDRcontrol algorithm; report section 1.b).',
  execution: 'worker',
  costHint: 10,
  section: { id: '1.b', level: '1', title: 'FSC permutation test' },
  params: {
    resolution: { type: 'number', min: 0, description: 'Reported resolution in Å (criterion; without it the test still runs).' },
    fdr: { type: 'number', min: 0.0001, max: 0.5, default: 0.01, description: 'False discovery rate at which a shell counts as significant (SPOC: 1%).' },
    seed: { type: 'number', default: 3, description: 'Seed of the subsampling and the permutations (integer; SPOC seeds numpy with 3).' },
    mask: {
      type: 'string',
      enum: ['softMask', 'circular'] as const,
      default: 'softMask',
      description: "'softMask': the halves times the map's soft mask (newer SPOC scripts use the mask they are given); 'circular': SPOC's own circular mask of radius N/2 − 4 voxels (the script version the original service ran).",
    },
  },
  inputs: {
    coverage: coverageInput,
    ...halfMapInputs,
    softMask: { kind: 'volume', description: 'The soft mask of the map (vrs.softMask).' },
  },
  outputs: sectionOutputs,
  async run(ctx) {
    const { resolution, fdr, seed, mask } = ctx.params;
    if (!Number.isInteger(seed)) throw new RangeError(`vrs.fscPermutation: the seed must be an integer, got ${seed}`);
    const half1 = await ctx.inputs.volume('half1');
    const half2 = await ctx.inputs.volume('half2');
    const softMask = mask === 'softMask' ? await ctx.inputs.volume('softMask') : null;
    const section = await fscPermutationAnalysis(half1, half2, {
      ...(resolution !== undefined ? { resolution } : {}),
      mask,
      softMask,
      fdr,
      seed,
      signal: ctx.signal,
      onProgress: (fraction, message) => ctx.progress(fraction, message),
    });
    return { section: { kind: 'section', value: withPartialMask(section, await readCoverage(ctx.inputs), () => false) } };
  },
});
