// Test plugin: the level-0 hard mask (threshold → largest 26-connected component → ceil(2/Ts)
// 18-neighbour dilations) computed with the core kernel, standing in for the preprocessing
// protocol in this folder's workflow.
import type { VrsPluginHost } from 'cryo-vrs';

export default function hardMaskStandIn(host: VrsPluginHost) {
  const { defineProtocol, ContainerModule, PROTOCOL } = host;
  const { hardMask } = host.core;

  const mask = defineProtocol({
    id: 'test.hardMask',
    version: '1',
    title: 'Hard mask (test stand-in)',
    execution: 'worker',
    params: { threshold: { type: 'number', required: true } },
    inputs: { map: { kind: 'volume' } },
    outputs: { mask: { kind: 'mask' } },
    async run(ctx) {
      const map = await ctx.inputs.volume('map');
      return { mask: { kind: 'mask', value: hardMask(map, ctx.params.threshold).mask } };
    },
  });
  return new ContainerModule(({ bind }) => {
    bind(PROTOCOL).toConstantValue(mask);
  });
}
