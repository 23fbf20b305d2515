import { defineProtocol, modelMap, Volume } from '../../../core/index.js';
import { placedModel, type ModelPlacement } from '../../shared/placedModel.js';
import { modelInput, placementInput } from '../../shared/levelADeclarations.js';

/**
 * The model → map conversion of level A (vrs-spec §12.0, algorithms.md §4.2): the model, placed by
 * the fit check, converted on the map's grid the way Xmipp's `volume_from_pdb` does it — every atom
 * its 5-Gaussian radial profile read with s = 1/d, slightly low-passed, no B-factors, no Fourier cut
 * — so that the absolute levels FSC-Q thresholds (model map > 0.97) and the model's Guinier curve
 * mean what they mean in the original. Atoms sit at their exact positions in the map's frame (the
 * original truncates the header origin to whole voxels; we do not).
 *
 * A model that does not fit gives an all-zero volume of the grid: the consumers read the placement
 * first and return their not-fitted section, so the volume is never used.
 */
export const modelMapProtocol = defineProtocol({
  id: 'vrs.modelMap',
  version: '1',
  title: 'Model map (Xmipp-style conversion)',
  description: "The atomic model converted to a density on the map's grid, Xmipp volume_from_pdb style (5-Gaussian electron profiles, no B-factors, no resolution cut), for FSC-Q and the map–model Guinier analysis.",
  execution: 'worker',
  params: {},
  inputs: {
    map: { kind: 'volume', description: 'The map (vrs.importMap); only its grid is used.' },
    model: modelInput,
    placement: placementInput,
  },
  outputs: {
    map: { kind: 'volume', description: "The Xmipp-style model map on the map's grid (all zero when the model does not fit)." },
  },
  async run(ctx) {
    const placement = await ctx.inputs.json<ModelPlacement>('placement');
    const map = await ctx.inputs.volume('map');
    if (!placement.fitted) {
      return { map: { kind: 'volume', value: new Volume(new Float32Array(map.data.length), map.geometry) } };
    }
    const { atoms } = await placedModel(ctx.inputs.path('model'), placement.shiftA);
    ctx.progress(0.1, 'model map');
    const result = await modelMap(atoms, map.geometry, { style: 'xmipp' });
    const left = Object.entries(result.untabulated);
    if (left.length > 0) {
      ctx.logger.warn(`vrs.modelMap: atoms of elements without scattering factors left out: ${left.map(([el, n]) => `${el} ×${n}`).join(', ')}`);
    }
    if (result.outside > 0) ctx.logger.info(`vrs.modelMap: ${result.outside} atoms lie outside the box`);
    ctx.progress(1);
    return { map: { kind: 'volume', value: result.volume } };
  },
});
