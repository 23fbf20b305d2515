import { defineProtocol, softMask } from '../../../core/index.js';

/**
 * P.softMask (vrs-spec §3.3): the hard mask blurred by Xmipp's `real_gaussian 2` filter (a periodic
 * Gaussian of σ = √2 voxels) with negatives clamped to 0, values in [0, ~1].
 */
export const softMaskProtocol = defineProtocol({
  id: 'vrs.softMask',
  version: '1',
  title: 'Mask with soft borders',
  description: 'The hard mask smoothed by a Gaussian (Xmipp real_gaussian 2), negatives set to 0.',
  execution: 'worker',
  params: {
    sigma: { type: 'number', min: 0, default: 2, description: 'Xmipp real_gaussian σ (voxels); the blur is σ/√2.' },
  },
  inputs: {
    mask: { kind: 'mask', description: 'The hard mask.' },
  },
  outputs: {
    mask: { kind: 'volume', description: 'The soft mask, values in [0, ~1].' },
  },
  async run(ctx) {
    const hard = await ctx.inputs.mask('mask');
    const soft = await softMask(hard, { sigma: ctx.params.sigma });
    return { mask: { kind: 'volume', value: soft } };
  },
});
