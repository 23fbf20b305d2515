// The package's built-in protocols, loaded by the engine like any plugin module (by path, from
// configuration): a ContainerModule binding each protocol to PROTOCOL.
import { ContainerModule } from 'inversify';
import { PROTOCOL, type AnyProtocol } from '../core/index.js';
import { importMapProtocol } from './import-map/importMapProtocol.js';
import { inputSummaryProtocol } from './import-map/inputSummaryProtocol.js';
import { reportProtocol } from './report/reportProtocol.js';

export const builtinProtocols: readonly AnyProtocol[] = [importMapProtocol, inputSummaryProtocol, reportProtocol];

export default new ContainerModule(({ bind }) => {
  for (const protocol of builtinProtocols) bind(PROTOCOL).toConstantValue(protocol);
});
