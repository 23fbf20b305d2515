import { defineProtocol, type MethodReference, type SectionResult } from '../../../core/index.js';
import { placementInput } from '../../shared/levelADeclarations.js';
import { modelNotFittedSection, type ModelPlacement } from '../../shared/placedModel.js';

export interface NotAvailableCheck {
  id: string;
  title: string;
  /** Why vrs cannot compute it. */
  why: string;
  /** What the user can do instead. */
  instead: string;
  explanation: string;
  /** The publication of the method vrs would have run. */
  references: readonly MethodReference[];
}

/**
 * The section of a level-A check that vrs cannot compute (software or trained weights it cannot
 * ship): 'not-applicable', so it never enters the score, with the reason and what to do instead.
 * A model that does not fit gets the usual not-fitted section, as every level-A check.
 */
export function notAvailableSection(check: NotAvailableCheck, placement: ModelPlacement): SectionResult {
  if (!placement.fitted) return modelNotFittedSection(check.id, check.title, placement);
  return {
    id: check.id,
    level: 'A',
    title: check.title,
    summaryLabel: `${check.id} ${check.title}`,
    method: 'not available in vrs',
    status: 'not-applicable',
    reason: `${check.why} ${check.instead}`,
    warnings: [],
    metrics: {},
    explanation: check.explanation,
    references: check.references,
    results: [`${check.title} is not available. ${check.why}`, check.instead],
  };
}

/** The protocol of a check vrs cannot compute: it reads the placement only and returns the section above. */
export function notAvailableProtocol(protocolId: string, check: NotAvailableCheck, description: string) {
  return defineProtocol({
    id: protocolId,
    version: '1',
    title: check.title,
    description,
    execution: 'worker',
    section: { id: check.id, level: 'A', title: check.title },
    params: {},
    inputs: { placement: placementInput },
    outputs: { section: { kind: 'section' } },
    async run(ctx) {
      const placement = await ctx.inputs.json<ModelPlacement>('placement');
      return { section: { kind: 'section', value: notAvailableSection(check, placement) } };
    },
  });
}
