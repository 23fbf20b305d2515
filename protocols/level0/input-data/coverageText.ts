import { formatPrintf } from '../../../core/index.js';
import type { MaskCoverage } from '../../preprocessing/mask-coverage/MaskCoverage.js';
import { level, percent, suggestionText } from '../../shared/maskCoverageNotes.js';
const kDa = (value: number) => `${Math.round(value)} kDa`;

/** Below half or above twice the sample's weight, the contour is said to enclose much less or more. */
const MASS_RATIO_LOW = 0.5;
const MASS_RATIO_HIGH = 2;

/** report.json fields of the input section (issue 12's contract). */
export function coverageMetrics(c: MaskCoverage): Record<string, unknown> {
  return {
    maskCoverage: c.maskCoverage,
    thresholdedDensityCoverage: c.thresholdedDensityCoverage,
    positiveDensityCoverage: c.positiveDensityCoverage,
    coverageComponents95: c.coverageComponents95,
    partialMask: c.poor,
    joinThreshold: c.joinThreshold,
    suggestedThreshold: c.suggestedThreshold,
    enclosedMassKDa: c.enclosedMassKDa,
    ...(c.expectedMassKDa !== null ? { expectedMassKDa: c.expectedMassKDa } : {}),
    ...(c.suggestedMassKDa !== null ? { suggestedMassKDa: c.suggestedMassKDa } : {}),
  };
}

/** The input section's paragraphs on coverage and mass. */
export function coverageResults(c: MaskCoverage): string[] {
  const out = [
    `Mask coverage: the mask with hard borders holds ${percent(c.maskCoverage)} of the ${c.thresholdedVoxels} voxels above the contour ` +
      `(${percent(c.thresholdedDensityCoverage)} of their density, ${percent(c.positiveDensityCoverage)} of the positive density of the box); ` +
      `${c.coverageComponents95 === 1 ? 'one component holds' : `${c.coverageComponents95} components are needed for`} 95 % of them.`,
  ];
  if (c.poor) {
    out.push(
      `The contour ${level(c.threshold)} splits the molecule: the second-largest part holds ${percent(c.secondComponentShare)} of the voxels above it, and the analyses that use the hard mask see only the largest. ${suggestionText(c)}`,
    );
  }
  out.push(massSentence(c));
  return out;
}

function massSentence(c: MaskCoverage): string {
  const enclosed = `The mass enclosed at the contour, taken as protein (1.207 Å³ per dalton), is ${kDa(c.enclosedMassKDa)}`;
  const atSuggested = c.suggestedMassKDa !== null && c.suggestedThreshold !== null ? ` (${kDa(c.suggestedMassKDa)} at ${level(c.suggestedThreshold)})` : '';
  if (c.expectedMassKDa === null || !(c.expectedMassKDa > 0)) return `${enclosed}${atSuggested}.`;
  const ratio = c.enclosedMassKDa / c.expectedMassKDa;
  const reading =
    ratio < MASS_RATIO_LOW
      ? ': the contour encloses much less than the sample (or part of the sample is absent or disordered in the map)'
      : ratio > MASS_RATIO_HIGH
        ? ': the contour encloses much more than the sample (the contour may be too low)'
        : '';
  return `${enclosed}${atSuggested}, against ${kDa(c.expectedMassKDa)} given for the sample (ratio ${formatPrintf(ratio, '%.2f')})${reading}.`;
}

/** The abstract's one sentence on a split contour: the cause, and what to try. */
export function coverageAbstract(c: MaskCoverage): string {
  const suggestion = c.suggestedThreshold === null ? '' : ` A contour of ${level(c.suggestedThreshold)} keeps the molecule in one piece.`;
  return (
    `The contour ${level(c.threshold)} splits the molecule: the analysis mask holds only ${percent(c.maskCoverage)} of the voxels above it, ` +
    `so the sections that use it see only part of the molecule and warnings marked as such may follow from that alone.${suggestion}`
  );
}
