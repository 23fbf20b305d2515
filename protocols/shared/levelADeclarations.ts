// The ports every level-A check declares alike, and the gate of the fit check they all pass first.
import type { SectionResult } from '../../core/index.js';
import { modelNotFittedSection, placedModel, type ModelPlacement, type PlacedModel } from './placedModel.js';

export const mapInput = { kind: 'volume', description: 'The map (vrs.importMap).' } as const;
export const mapInfoInput = { kind: 'json', description: 'The info output of vrs.importMap (MapInfo).' } as const;
export const modelInput = { kind: 'model', description: 'The atomic model (vrs.importModel).' } as const;
export const modelInfoInput = { kind: 'json', description: 'The info output of vrs.importModel (ModelInfo).' } as const;
export const placementInput = { kind: 'json', description: 'ModelPlacement from vrs.modelFit: the shift to apply to the model, or that it does not fit.' } as const;

/** The inputs of a check that reads the map and the placed model. */
export const mapAndModelInputs = { map: mapInput, model: modelInput, placement: placementInput } as const;

/**
 * The fit check's gate: the placed model (first model, first conformer, moved by the placement's
 * shift), or — when the model does not fit the map — the section output that says so, which the
 * check returns as it is.
 */
export async function fittedModelOrStop(
  ctx: { inputs: { json<T>(port: 'placement'): Promise<T>; path(port: 'model'): string } },
  id: string,
  title: string,
): Promise<{ placement: ModelPlacement; model: PlacedModel; stop?: undefined } | { stop: { section: { kind: 'section'; value: SectionResult } } }> {
  const placement = await ctx.inputs.json<ModelPlacement>('placement');
  if (!placement.fitted) return { stop: { section: { kind: 'section', value: modelNotFittedSection(id, title, placement) } } };
  return { placement, model: await placedModel(ctx.inputs.path('model'), placement.shiftA) };
}
