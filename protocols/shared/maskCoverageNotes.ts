import { formatPrintf, type SectionResult } from '../../core/index.js';
import type { MaskCoverage } from '../preprocessing/mask-coverage/MaskCoverage.js';

export const percent = (share: number) => `${formatPrintf(100 * share, '%.1f')} %`;
// Contours as a user types them: 1.0, 0.8, 0.0125.
export const level = (value: number) => (Number.isInteger(value) ? value.toFixed(1) : Number(value.toPrecision(6)).toString());

/** Where the parts join and what to try instead, or why nothing is suggested. */
export function suggestionText(c: MaskCoverage): string {
  if (c.suggestedThreshold === null || c.suggestedLargestShare === null) {
    return 'No lower contour enclosing at most three times as many voxels joins them into one component holding 95 % of the voxels above it.';
  }
  const join = c.joinThreshold !== null && c.joinThreshold !== c.suggestedThreshold ? ` (the parts join below ${level(c.joinThreshold)})` : '';
  return `At ${level(c.suggestedThreshold)} one component holds ${percent(c.suggestedLargestShare)} of the voxels above it${join}; consider that contour.`;
}

/**
 * The note a section that uses the hard mask adds when the mask misses part of the molecule, or
 * null when coverage is good (or unknown).
 */
export function partialMaskNote(c: MaskCoverage | undefined): string | null {
  if (c === undefined || !c.poor) return null;
  return (
    `The mask with hard borders holds only ${percent(c.maskCoverage)} of the voxels above the contour ${level(c.threshold)}: ` +
    `the contour splits the molecule into parts (${c.coverageComponents95} components are needed for 95 %), so this section sees only the largest part. ` +
    suggestionText(c)
  );
}

/** Appended to a warning that may follow only from the partial mask. */
export const FROM_PARTIAL_MASK = ' (This may follow only from the partial mask: see the mask coverage in the input data.)';

/**
 * A section's result with the partial-mask note added and the given warnings marked as possibly
 * following only from it; unchanged when coverage is good.
 */
export function withPartialMask(section: SectionResult, c: MaskCoverage | undefined, affected: (warning: string) => boolean = () => true): SectionResult {
  const note = partialMaskNote(c);
  if (note === null) return section;
  return {
    ...section,
    warnings: section.warnings.map((w) => (affected(w) ? w + FROM_PARTIAL_MASK : w)),
    notes: [...(section.notes ?? []), note],
    metrics: { ...section.metrics, partialMask: true },
  };
}

/** The optional input of every check that reads a mask derived from the hard mask. */
export const coverageInput = {
  kind: 'json',
  optional: true,
  description: 'The info output of vrs.maskCoverage: the section notes when the mask misses part of the molecule.',
} as const;

/** The coverage input when wired, else undefined. */
export async function readCoverage(inputs: { has(port: string): boolean; json<T>(port: string): Promise<T> }): Promise<MaskCoverage | undefined> {
  return inputs.has('coverage') ? inputs.json<MaskCoverage>('coverage') : undefined;
}
