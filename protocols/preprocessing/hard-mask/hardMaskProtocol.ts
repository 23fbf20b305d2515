import { defineProtocol, MAX_BOX_SHARE_ABOVE_THRESHOLD, VrsInputError } from '../../../core/index.js';
import { buildHardMask } from './buildHardMask.js';

/**
 * P.hardMask (vrs-spec §3.2): threshold (v ≥ t) → largest 26-connected component → ⌈2/Ts⌉ passes
 * of 18-neighbour dilation. Computed once and shared by the input section, 0.a, 0.b, 0.c and the
 * local analyses; also run on the resized map (§3.5). A threshold that no voxel reaches gives an
 * empty mask with `info.empty` set: each consumer then states that the threshold is too high.
 */
export const hardMaskProtocol = defineProtocol({
  id: 'vrs.hardMask',
  version: '1',
  title: 'Mask with hard borders',
  description: 'Threshold, largest 26-connected component, ⌈2/Ts⌉ passes of 18-neighbour dilation (≈ 2 Å).',
  execution: 'worker',
  params: {
    threshold: { type: 'number', required: true, description: 'Contour level: voxels with value ≥ threshold form the raw mask.' },
    passes: { type: 'integer', min: 0, max: 100, description: 'Dilation passes; default ⌈2/Ts⌉ with Ts the smallest voxel size.' },
  },
  inputs: {
    map: { kind: 'volume', description: 'The map to mask.' },
  },
  outputs: {
    mask: { kind: 'mask', description: 'The hard mask (1 inside).' },
    info: { kind: 'json', description: 'Threshold, passes, raw-mask voxels and component sizes, mask voxels (HardMaskInfo).' },
  },
  async run(ctx) {
    const { threshold, passes } = ctx.params;
    if (!Number.isFinite(threshold)) throw new VrsInputError(`threshold must be a finite number, got ${threshold}`, 'threshold');
    const map = await ctx.inputs.volume('map');
    ctx.progress(0.1, 'thresholding and labelling');
    const { mask, info } = buildHardMask(map, threshold, passes);
    // A mask that is most of the box makes every check measure nothing while looking like a pass.
    if (info.rawVoxels > MAX_BOX_SHARE_ABOVE_THRESHOLD * map.size) {
      throw new VrsInputError(
        `the threshold ${threshold} lies in the background: ${((100 * info.rawVoxels) / map.size).toFixed(1)} % of the box is at or above it, so the mask would be most of the box; give the contour level recommended for the map`,
        'threshold',
      );
    }
    ctx.logger.info(
      `hard mask at ${threshold}: ${info.rawVoxels} raw voxels in ${info.componentCount} components, largest ${info.largestComponentVoxels}, ` +
        `${info.passes} dilation passes → ${info.maskVoxels} voxels`,
    );
    return { mask: { kind: 'mask', value: mask }, info: { kind: 'json', value: info } };
  },
});
