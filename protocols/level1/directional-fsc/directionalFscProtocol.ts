import { defineProtocol } from '../../../core/index.js';
import { curvesResolutionParam, halfMapInputs, runSoftMaskedAnalysis, sectionOutputs } from '../../shared/halfMapDeclarations.js';
import { directionalFscSection } from './directionalFscSection.js';
import { coverageInput } from '../../shared/maskCoverageNotes.js';

/**
 * 1.h Directional FSC (vrs-spec §7.8): FSC of the soft-masked half maps in 20° cones along x, y, z
 * and over the whole sphere (the method of 3DFSC, computed in-process), the sphericity, the
 * histogram of directional resolutions, the criteria and the global resolution as an estimate.
 */
export const directionalFscProtocol = defineProtocol({
  id: 'vrs.directionalFsc',
  version: '1',
  title: 'Directional FSC (3DFSC method)',
  description: 'FSC of the soft-masked half maps in 20° cones along X, Y, Z and 321 directions, the global FSC and the sphericity (report section 1.h).',
  execution: 'worker',
  costHint: 10,
  section: { id: '1.h', level: '1', title: 'Directional FSC' },
  params: {
    resolution: curvesResolutionParam,
  },
  inputs: {
    coverage: coverageInput,
    ...halfMapInputs,
    softMask: { kind: 'volume', description: 'The soft mask of the map (vrs.softMask); both halves are multiplied by it, as 3DFSC does with --mask.' },
  },
  outputs: sectionOutputs,
  run: (ctx) => runSoftMaskedAnalysis(ctx, directionalFscSection),
});
