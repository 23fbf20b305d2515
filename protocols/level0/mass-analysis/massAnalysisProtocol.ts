import { compatibilityParam, defineProtocol } from '../../../core/index.js';
import { massAnalysisSection } from './massAnalysisSection.js';

/** 0.a Mass analysis: centring and free space of the map in its box (vrs-spec §6.1). */
export const massAnalysisProtocol = defineProtocol({
  id: 'vrs.massAnalysis',
  version: '1',
  title: 'Mass analysis',
  description: 'Free space around the hard mask along each axis, decentering, centre of mass (report section 0.a).',
  execution: 'worker',
  section: { id: '0.a', level: '0', title: 'Mass analysis' },
  params: {
    compatibility: compatibilityParam("'original' weighs the centre of mass by the raw densities of the whole box, as the original service (vrs-spec §19 B1)."),
  },
  inputs: {
    map: { kind: 'volume', description: 'The imported map.' },
    mask: { kind: 'mask', description: 'The mask with hard borders.' },
  },
  outputs: {
    section: { kind: 'section' },
  },
  async run(ctx) {
    const map = await ctx.inputs.volume('map');
    const mask = await ctx.inputs.mask('mask');
    return { section: { kind: 'section', value: massAnalysisSection(map, mask, { compatibility: ctx.params.compatibility }) } };
  },
});
