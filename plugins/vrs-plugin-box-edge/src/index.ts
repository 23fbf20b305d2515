// A cryo-vrs check plugin. The engine imports this module and calls the default export with its
// plugin host; the plugin takes inversify's ContainerModule, the PROTOCOL token and defineProtocol
// from the host, so it never loads a second copy of inversify or of cryo-vrs (it imports types only).
import type { VrsPluginHost } from 'cryo-vrs';
import { createBoxEdgeProtocol } from './createBoxEdgeProtocol.js';

export { boxEdgeFraction, type BoxEdgeMeasure } from './boxEdgeFraction.js';

export default function boxEdgePlugin(host: VrsPluginHost) {
  const boxEdge = createBoxEdgeProtocol(host);
  return new host.ContainerModule(({ bind }) => {
    bind(host.PROTOCOL).toConstantValue(boxEdge);
  });
}
