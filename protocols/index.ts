// The package's built-in protocols, loaded by the engine like any plugin module (by path, from
// configuration): a ContainerModule binding each protocol to PROTOCOL.
import { ContainerModule } from 'inversify';
import { PROTOCOL, type AnyProtocol } from '../core/index.js';
import { importMapProtocol } from './preprocessing/import-map/importMapProtocol.js';
import { inputSummaryProtocol } from './preprocessing/import-map/inputSummaryProtocol.js';
import { reportProtocol } from './report/reportProtocol.js';
import { locBfactorProtocol } from './level0/loc-bfactor/locBfactorProtocol.js';
import { locOccupancyProtocol } from './level0/loc-occupancy/locOccupancyProtocol.js';
import { localResolutionProtocol } from './level0/local-resolution/localResolutionProtocol.js';
import { hardMaskProtocol } from './preprocessing/hard-mask/hardMaskProtocol.js';
import { softMaskProtocol } from './preprocessing/soft-mask/softMaskProtocol.js';
import { maskCoverageProtocol } from './preprocessing/mask-coverage/maskCoverageProtocol.js';
import { resizeMapProtocol } from './preprocessing/resize-map/resizeMapProtocol.js';
import { inputDataProtocol } from './level0/input-data/inputDataProtocol.js';
import { massAnalysisProtocol } from './level0/mass-analysis/massAnalysisProtocol.js';
import { maskAnalysisProtocol } from './level0/mask-analysis/maskAnalysisProtocol.js';
import { backgroundAnalysisProtocol } from './level0/background-analysis/backgroundAnalysisProtocol.js';
import { globalBFactorProtocol } from './level0/global-bfactor/globalBFactorProtocol.js';
import { helixHandProtocol } from './level0/helix-hand/helixHandProtocol.js';
import { halfMapsProtocol } from './level1/half-maps/halfMapsProtocol.js';
import { globalResolutionProtocol } from './level1/global-resolution/globalResolutionProtocol.js';
import { fscPermutationProtocol } from './level1/fsc-permutation/fscPermutationProtocol.js';
import { blocResProtocol } from './level1/blocres/blocResProtocol.js';
import { localSinusoidProtocol } from './level1/local-sinusoid/localSinusoidProtocol.js';
import { monoResHalfMapsProtocol } from './level1/monores/monoResHalfMapsProtocol.js';
import { monoDirProtocol } from './level1/monodir/monoDirProtocol.js';
import { fsoProtocol } from './level1/fso/fsoProtocol.js';
import { directionalFscProtocol } from './level1/directional-fsc/directionalFscProtocol.js';
import { importModelProtocol } from './levelA/import-model/importModelProtocol.js';
import { modelFitProtocol } from './levelA/model-fit/modelFitProtocol.js';
import { emringerProtocol } from './levelA/emringer/emringerProtocol.js';
import { qScoreProtocol } from './levelA/q-score/qScoreProtocol.js';
import { modelSectionProtocol } from './levelA/model-section/modelSectionProtocol.js';
import { modelInclusionProtocol } from './levelA/model-inclusion/modelInclusionProtocol.js';
import { modelMapProtocol } from './levelA/model-map/modelMapProtocol.js';
import { fscQProtocol } from './levelA/fsc-q/fscQProtocol.js';
import { modelGuinierProtocol } from './levelA/model-guinier/modelGuinierProtocol.js';
import { multimodelProtocol } from './levelA/not-available/multimodelProtocol.js';
import { daqProtocol } from './levelA/not-available/daqProtocol.js';
import { mapModelCcProtocol } from './levelA/map-model-cc/mapModelCcProtocol.js';

export const builtinProtocols: readonly AnyProtocol[] = [
  importMapProtocol,
  inputSummaryProtocol,
  reportProtocol,
  hardMaskProtocol,
  maskCoverageProtocol,
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
  halfMapsProtocol,
  globalResolutionProtocol,
  fscPermutationProtocol,
  blocResProtocol,
  localSinusoidProtocol,
  monoResHalfMapsProtocol,
  monoDirProtocol,
  fsoProtocol,
  directionalFscProtocol,
  importModelProtocol,
  modelFitProtocol,
  emringerProtocol,
  qScoreProtocol,
  modelSectionProtocol,
  modelInclusionProtocol,
  modelMapProtocol,
  fscQProtocol,
  modelGuinierProtocol,
  multimodelProtocol,
  daqProtocol,
  mapModelCcProtocol,
];

export default new ContainerModule(({ bind }) => {
  for (const protocol of builtinProtocols) bind(PROTOCOL).toConstantValue(protocol);
});
