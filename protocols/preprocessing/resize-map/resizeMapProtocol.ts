import { defineProtocol, resizeToVoxelSize, type Vec3 } from '../../../core/index.js';
import type { ResizedMapInfo } from './ResizedMapInfo.js';

/**
 * P.resizeMap (vrs-spec §3.4): the map resampled to Ts' = resolution/2 (Nyquist = resolution) with
 * Xmipp's recipe (raised-cosine low-pass, cubic B-spline, centred window to an even box), for the
 * local analyses (LocBFactor, LocOccupancy). Without a resolution the output is the input map (as
 * the original's "resize by factor 1"). A resolution finer than twice the voxel size would need
 * up-sampling, which adds no information and can make a large map several times larger: the
 * input map is kept and the note says so.
 */
export const resizeMapProtocol = defineProtocol({
  id: 'vrs.resizeMap',
  version: '1',
  title: 'Map resized to resolution/2',
  description: "The map resampled to Ts' = resolution/2 (low-pass, B-spline, even box); the input map when no resolution is given.",
  execution: 'worker',
  params: {
    resolution: { type: 'number', min: 0, description: 'Reported resolution in Å.' },
  },
  inputs: {
    map: { kind: 'volume', description: 'The input map.' },
  },
  outputs: {
    map: { kind: 'volume', description: "The map at Ts' = resolution/2 (or the input map)." },
    info: { kind: 'json', description: 'Whether the map was resampled, its geometry and a note (ResizedMapInfo).' },
  },
  async run(ctx) {
    const { resolution } = ctx.params;
    const map = await ctx.inputs.volume('map');
    const input = { inputVoxelSize: [...map.voxelSize] as Vec3, inputDims: [...map.dims] as Vec3 };
    const keep = (note: string) => {
      ctx.logger.info(note);
      const info: ResizedMapInfo = { resized: false, voxelSize: [...map.voxelSize], dims: [...map.dims], ...input, ...(resolution !== undefined ? { resolution } : {}), note };
      return { map: { kind: 'volume' as const, value: map }, info: { kind: 'json' as const, value: info } };
    };
    if (resolution === undefined || !(resolution > 0)) {
      return keep('No resolution was given: the analyses that work on the map resampled to resolution/2 use the input map as it is.');
    }
    const target = resolution / 2;
    const coarsest = Math.max(...map.voxelSize);
    if (target < coarsest * (1 - 1e-6)) {
      return keep(
        `The reported resolution ${fmt(resolution)} Å is finer than twice the voxel size (${fmt(2 * coarsest)} Å, the Nyquist limit): ` +
          `the map is not up-sampled to ${fmt(target)} Å; the analyses use the input map.`,
      );
    }
    ctx.progress(0.1, `resampling to ${fmt(target)} Å`);
    const result = await resizeToVoxelSize(map, target);
    const out = result.volume;
    const note = `Map resampled from ${map.voxelSize.map(fmt).join(' × ')} Å to Ts' = resolution/2 = ${fmt(target)} Å: box ${map.dims.join('×')} → ${out.dims.join('×')} voxels.`;
    ctx.logger.info(note);
    const info: ResizedMapInfo = { resized: true, voxelSize: [...out.voxelSize], dims: [...out.dims], ...input, resolution, note };
    return { map: { kind: 'volume', value: out }, info: { kind: 'json', value: info } };
  },
});

function fmt(value: number): string {
  return Number(value.toPrecision(4)).toString();
}
