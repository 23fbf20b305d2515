// Test plugin: the resized map and its hard and soft masks (vrs-spec §3.4–3.5) computed with the
// core kernels, standing in for the level-0 preprocessing protocols in this folder's workflow.
import type { VrsPluginHost } from 'cryo-vrs';

export default function resizedMapsStandIn(host: VrsPluginHost) {
  const { defineProtocol, ContainerModule, PROTOCOL } = host;
  const { resizeToVoxelSize, hardMask, softMask } = host.core;

  const resized = defineProtocol({
    id: 'test.resizedMaps',
    version: '1',
    title: 'Resized map and masks (test stand-in)',
    execution: 'worker',
    params: {
      resolution: { type: 'number', min: 0 },
      threshold: { type: 'number', required: true },
    },
    inputs: { map: { kind: 'volume' } },
    outputs: { map: { kind: 'volume' }, hardMask: { kind: 'mask' }, softMask: { kind: 'volume' } },
    async run(ctx) {
      const original = await ctx.inputs.volume('map');
      const { resolution, threshold } = ctx.params;
      const map = resolution === undefined ? original : (await resizeToVoxelSize(original, resolution / 2)).volume;
      const hard = hardMask(map, threshold).mask;
      return { map: { kind: 'volume', value: map }, hardMask: { kind: 'mask', value: hard }, softMask: { kind: 'volume', value: await softMask(hard) } };
    },
  });
  return new ContainerModule(({ bind }) => {
    bind(PROTOCOL).toConstantValue(resized);
  });
}
