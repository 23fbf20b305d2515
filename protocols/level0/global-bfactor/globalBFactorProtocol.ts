import { defineProtocol } from '../../../core/index.js';
import { globalBFactorAnalysis } from './globalBFactorAnalysis.js';

/**
 * 0.d B-factor analysis (vrs-spec §6.4): Guinier fit, B = 4·slope, sharpened map. The sharpened
 * map and the Guinier table are outputs for later levels (map–model Guinier comparison, A.d).
 */
export const globalBFactorProtocol = defineProtocol({
  id: 'vrs.globalBFactor',
  version: '1',
  title: 'Global B-factor (Guinier)',
  description: 'Guinier fit between 15 Å and the resolution, B = 4·slope, B-factor-corrected map (report section 0.d).',
  execution: 'worker',
  section: { id: '0.d', level: '0', title: 'B-factor analysis' },
  params: {
    resolution: { type: 'number', min: 0, description: 'Reported resolution in Å (high-resolution end of the fit).' },
    fitLowResolution: { type: 'number', min: 0, default: 15, description: 'Low-resolution end of the fit, Å.' },
    maxResolution: { type: 'number', min: 0, default: 8, description: 'Maps with a reported resolution worse than this (Å) are not analysed.' },
  },
  inputs: {
    map: { kind: 'volume', description: 'The imported map.' },
  },
  outputs: {
    section: { kind: 'section' },
    sharpenedMap: { kind: 'volume', optional: true, description: 'The map corrected by exp(−B·s²/4) up to the resolution.' },
    guinier: { kind: 'table', optional: true, description: 'Guinier rows: 1/d², ln|F| of the map, of the corrected map, fitted line (GuinierRow).' },
  },
  async run(ctx) {
    const map = await ctx.inputs.volume('map');
    const { resolution, fitLowResolution, maxResolution } = ctx.params;
    const result = await globalBFactorAnalysis(map, { ...(resolution !== undefined ? { resolution } : {}), fitLowResolution, maxResolution });
    return {
      section: { kind: 'section', value: result.section, files: result.files },
      ...(result.sharpenedMap ? { sharpenedMap: { kind: 'volume' as const, value: result.sharpenedMap } } : {}),
      ...(result.guinier ? { guinier: { kind: 'table' as const, value: result.guinier } } : {}),
    };
  },
});
