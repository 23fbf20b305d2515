// The package's built-in protocols, loaded by the engine like any plugin module (by path, from
// configuration): a ContainerModule binding each protocol to PROTOCOL.
import { ContainerModule } from 'inversify';
import { PROTOCOL, type AnyProtocol } from '../core/index.js';
import { importMapProtocol } from './import-map/importMapProtocol.js';
import { inputSummaryProtocol } from './import-map/inputSummaryProtocol.js';
import { reportProtocol } from './report/reportProtocol.js';
import { locBfactorProtocol } from './loc-bfactor/locBfactorProtocol.js';
import { locOccupancyProtocol } from './loc-occupancy/locOccupancyProtocol.js';
import { localResolutionProtocol } from './local-resolution/localResolutionProtocol.js';
import { hardMaskProtocol } from './hard-mask/hardMaskProtocol.js';
import { softMaskProtocol } from './soft-mask/softMaskProtocol.js';
import { resizeMapProtocol } from './resize-map/resizeMapProtocol.js';
import { inputDataProtocol } from './input-data/inputDataProtocol.js';
import { massAnalysisProtocol } from './mass-analysis/massAnalysisProtocol.js';
import { maskAnalysisProtocol } from './mask-analysis/maskAnalysisProtocol.js';
import { backgroundAnalysisProtocol } from './background-analysis/backgroundAnalysisProtocol.js';
import { globalBFactorProtocol } from './global-bfactor/globalBFactorProtocol.js';
import { helixHandProtocol } from './helix-hand/helixHandProtocol.js';

export const builtinProtocols: readonly AnyProtocol[] = [
  importMapProtocol,
  inputSummaryProtocol,
  reportProtocol,
  hardMaskProtocol,
  softMaskProtocol,
  resizeMapProtocol,
  inputDataProtocol,
  massAnalysisProtocol,
  maskAnalysisProtocol,
  backgroundAnalysisProtocol,
  globalBFactorProtocol,
  locBfactorProtocol,
  locOccupancyProtocol,
  localResolutionProtocol,
  helixHandProtocol,
];

export default new ContainerModule(({ bind }) => {
  for (const protocol of builtinProtocols) bind(PROTOCOL).toConstantValue(protocol);
});
