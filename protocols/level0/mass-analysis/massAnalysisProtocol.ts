import { compatibilityParam, defineProtocol } from '../../../core/index.js';
import type { MaskCoverage } from '../../preprocessing/mask-coverage/MaskCoverage.js';
import { withPartialMask } from '../../shared/maskCoverageNotes.js';
import { massAnalysisSection } from './massAnalysisSection.js';

const MOLECULE_MASK_NOTE =
  'The contour splits the molecule (see the mask coverage in the input data): free space and centring are measured on all its parts together, not on the hard mask, which holds only the largest.';

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
    coverage: { kind: 'json', optional: true, description: 'The info output of vrs.maskCoverage.' },
    moleculeMask: { kind: 'mask', optional: true, description: 'The mask output of vrs.maskCoverage: every part of a molecule the contour splits.' },
  },
  outputs: {
    section: { kind: 'section' },
  },
  async run(ctx) {
    const map = await ctx.inputs.volume('map');
    const compatibility = ctx.params.compatibility;
    const coverage = ctx.inputs.has('coverage') ? await ctx.inputs.json<MaskCoverage>('coverage') : undefined;
    // A contour that splits the molecule leaves one part in the hard mask, which then looks
    // decentred; corrected mode measures the parts together (the molecule mask) and says so.
    if (compatibility !== 'original' && coverage?.poor === true && ctx.inputs.has('moleculeMask')) {
      const molecule = await ctx.inputs.mask('moleculeMask');
      const maskName = `the molecule mask (the ${coverage.moleculeComponents} parts of the molecule above the contour, each at least 5 % of it, dilated like the hard mask, which holds only one)`;
      const section = massAnalysisSection(map, molecule, { compatibility, maskName });
      return { section: { kind: 'section', value: { ...section, notes: [...(section.notes ?? []), MOLECULE_MASK_NOTE], metrics: { ...section.metrics, moleculeMask: true } } } };
    }
    const mask = await ctx.inputs.mask('mask');
    return { section: { kind: 'section', value: withPartialMask(massAnalysisSection(map, mask, { compatibility }), coverage) } };
  },
});
