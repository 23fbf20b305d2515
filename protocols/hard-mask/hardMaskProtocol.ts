import { defineProtocol, hardMask, VrsInputError } from '../../core/index.js';
import type { HardMaskInfo } from './HardMaskInfo.js';

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
    const result = hardMask(map, threshold, passes === undefined ? {} : { passes });
    const runs: [number, number][] = [];
    const sizes = result.componentSizes.slice(1).sort((a, b) => b - a);
    for (const size of sizes) {
      const last = runs[runs.length - 1];
      if (last && last[0] === size) last[1]++;
      else runs.push([size, 1]);
    }
    let mapMaximum = -Infinity;
    const data = map.data;
    for (let i = 0; i < data.length; i++) if (data[i]! > mapMaximum) mapMaximum = data[i]!;
    const info: HardMaskInfo = {
      threshold,
      voxelSize: [...map.voxelSize],
      passes: result.passes,
      rawVoxels: result.rawCount,
      componentCount: result.componentCount,
      componentSizes: runs,
      backgroundVoxels: map.size - result.rawCount,
      largestComponentVoxels: result.largestComponentSize,
      maskVoxels: result.count,
      mapMaximum: Number.isFinite(mapMaximum) ? mapMaximum : 0,
      empty: result.rawCount === 0,
    };
    ctx.logger.info(
      `hard mask at ${threshold}: ${result.rawCount} raw voxels in ${result.componentCount} components, largest ${result.largestComponentSize}, ` +
        `${result.passes} dilation passes → ${result.count} voxels`,
    );
    return { mask: { kind: 'mask', value: result.mask }, info: { kind: 'json', value: info } };
  },
});
