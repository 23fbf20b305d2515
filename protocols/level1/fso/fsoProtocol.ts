import { defineProtocol } from '../../../core/index.js';
import { curvesResolutionParam, halfMapInputs, runSoftMaskedAnalysis, sectionOutputs } from '../../shared/halfMapDeclarations.js';
import { fsoAnalysis } from './fsoAnalysis.js';
import { coverageInput } from '../../shared/maskCoverageNotes.js';

/**
 * 1.g Fourier Shell Occupancy (vrs-spec §7.7): the FSO and anisotropy curves of the soft-masked
 * half maps, the FSO resolution and the 90–10 % occupancy range, the directional resolution
 * distribution, the 80 % criterion and the FSO resolution as an estimate.
 */
export const fsoProtocol = defineProtocol({
  id: 'vrs.fso',
  version: '1',
  title: 'Fourier Shell Occupancy (FSO)',
  description: 'Directional FSCs of the soft-masked half maps in 321 cones, the Fourier Shell Occupancy with its anisotropy curve and the directional resolution distribution (report section 1.g).',
  execution: 'worker',
  costHint: 10,
  section: { id: '1.g', level: '1', title: 'Fourier Shell Occupancy' },
  params: {
    resolution: curvesResolutionParam,
  },
  inputs: {
    coverage: coverageInput,
    ...halfMapInputs,
    softMask: { kind: 'volume', description: 'The soft mask of the map (vrs.softMask); both halves are multiplied by it.' },
  },
  outputs: sectionOutputs,
  run: (ctx) => runSoftMaskedAnalysis(ctx, fsoAnalysis),
});
