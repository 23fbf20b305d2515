// The 0.h section built from a helix-handedness result: texts, criteria, metrics (report.json
// names), plots and the coloured surface views.
import {
  BLUE_WHITE_RED,
  encodePng,
  formatPrintf,
  helixEvidenceVolume,
  histogram,
  renderIsosurfaceViews,
  type HelixCandidate,
  type HelixHandResult,
  NATURAL_TWIST_SIGN,
  type SectionFigure,
  type SectionPlot,
  type SectionResult,
  type SheetTwistResult,
  type Volume,
  type VoxelArray,
} from '../../../core/index.js';
import { CHOTHIA_1973, DEEPHAND_2022, PAULING_1951 } from '../../shared/methodReferences.js';

export const HELIX_HAND_SECTION = { id: '0.h', level: '0', title: 'Hand (α-helix handedness test)' } as const;
export const HELIX_HAND_LABEL = '0.h Hand';
export const HELIX_HAND_METHOD =
  'Template matching of right- vs left-handed α-helices: tubular density found by Hessian analysis of the map low-passed to max(R, 5 Å), '
  + 'normalised cross-correlation with an ideal α-helix and its mirror image, best over the rotation about the helix axis and small axis tilts. '
  + 'Non-neural substitute for DeepHand, whose trained networks cannot be shipped; uncalibrated against it.';
/** Above this the hand is uncertain; above FLIPPED the map seems mirrored (vrs-spec §6.8, both warnings can fire). */
export const UNCERTAIN_SCORE = 0.4;
export const FLIPPED_SCORE = 0.5;
/** The test needs detail down to 5 Å: α-helices show their hand (5.4 Å pitch) only there. */
export const MAX_RESOLUTION = 5;

export const HELIX_HAND_EXPLANATION =
  'Natural α-helices, made of L-amino acids, are right-handed; in a map with the wrong hand (mirrored during the reconstruction) they turn to the left. '
  + 'At 5 Å or better α-helices are the commonest chiral feature a protein map shows, so their hand tells the hand of the map. '
  + 'The map is resampled to about 1 Å per voxel and low-passed to the larger of its resolution and 5 Å. Straight tubes of density at least 10 Å long, '
  + 'found where the map reaches the threshold (grown by 2 Å), are taken as helix candidates. Each is compared with an ideal right-handed α-helix '
  + '(3.6 residues per turn, 1.5 Å rise, backbone and Cβ atoms, filtered like the map) and with its mirror image: normalised cross-correlation inside '
  + 'a 5 Å cylinder about the candidate axis, the best over the rotation about the axis and tilts of 5°. Candidates that fit either template with a '
  + 'correlation of at least 0.7 vote for the hand that fits better, weighted by their length. The score is the fraction of the voted length that '
  + 'fits the left-handed template better: 0 means the hand is correct, 1 that the map is mirrored. '
  + 'The original service used DeepHand, a neural network, for the same kind of score; this test is not calibrated against it.';

export const HELIX_HAND_CRITERIA =
  `The validation is OK if the hand score is at most ${UNCERTAIN_SCORE}. Above ${UNCERTAIN_SCORE} the hand is uncertain; above ${FLIPPED_SCORE} the map seems to be mirrored (both warnings are then given).`;

/** Why the test does not apply, or null when it does. */
export function helixHandNotApplicable(resolution: number | undefined, voxelSize: readonly number[]): string | null {
  if (resolution === undefined) return 'The resolution was not reported; the hand test applies only to maps at 5 Å or better.';
  if (resolution > MAX_RESOLUTION) return `The reported resolution (${resolution} Å) is worse than ${MAX_RESOLUTION} Å: α-helices show no hand at that resolution.`;
  const coarsest = Math.max(...voxelSize);
  if (2 * coarsest > MAX_RESOLUTION) {
    return `The voxel size (${coarsest.toPrecision(4)} Å) is too coarse for the ${MAX_RESOLUTION} Å detail the test needs (Nyquist ${(2 * coarsest).toPrecision(3)} Å).`;
  }
  return null;
}

function f3(value: number): string {
  return formatPrintf(value, '%4.3f').trim();
}

function round(value: number, digits = 4): number {
  const k = 10 ** digits;
  return Math.round(value * k) / k;
}

/** Length-weighted means over the accepted candidates. */
function weightedMeans(accepted: readonly HelixCandidate[]): { ccRight: number; ccLeft: number } {
  let w = 0;
  let r = 0;
  let l = 0;
  for (const c of accepted) {
    w += c.length;
    r += c.length * c.ccRight;
    l += c.length * c.ccLeft;
  }
  return { ccRight: r / w, ccLeft: l / w };
}

export function differenceHistogram(accepted: readonly HelixCandidate[]): SectionPlot {
  const values = accepted.map((c) => c.ccRight - c.ccLeft);
  const span = Math.max(0.02, ...values.map(Math.abs));
  const { counts, edges } = histogram(values, 20, [-span, span]);
  return {
    id: 'histogram',
    caption: 'Histogram of cc_R − cc_L over the helix candidates: positive values fit the right-handed (natural) α-helix better.',
    kind: 'histogram',
    xLabel: 'cc_R − cc_L',
    yLabel: 'Candidates',
    series: [{ label: 'Helix candidates', x: Array.from(counts, (_, k) => (edges[k]! + edges[k + 1]!) / 2), y: Array.from(counts), binEdges: Array.from(edges), style: 'bars' }],
    vLines: [{ x: 0, label: 'no preference' }],
  };
}

export function correlationScatter(candidates: readonly HelixCandidate[], minCorrelation: number): SectionPlot {
  const accepted = candidates.filter((c) => c.accepted);
  const rejected = candidates.filter((c) => !c.accepted);
  const lo = Math.min(minCorrelation, ...candidates.flatMap((c) => [c.ccRight, c.ccLeft]));
  const series: SectionPlot['series'] = [
    { label: `Helix candidates (best cc ≥ ${minCorrelation})`, x: accepted.map((c) => round(c.ccRight)), y: accepted.map((c) => round(c.ccLeft)), style: 'points' },
  ];
  if (rejected.length > 0) series.push({ label: 'Other tubes', x: rejected.map((c) => round(c.ccRight)), y: rejected.map((c) => round(c.ccLeft)), style: 'points' });
  series.push({ label: 'cc_L = cc_R', x: [lo, 1], y: [lo, 1], style: 'dashed' });
  return {
    id: 'correlations',
    caption: 'Correlation with the left-handed against the right-handed template for every straight tube tried; points below the diagonal fit the natural hand better.',
    kind: 'scatter',
    xLabel: 'cc_R (right-handed template)',
    yLabel: 'cc_L (left-handed template)',
    series,
  };
}

/**
 * The map's surface at the threshold from the three standard views, coloured near each helix
 * candidate by cc_L − cc_R (blue: right-handed, red: left-handed); the rest of the surface keeps
 * the plain colour. Null when no voxel reaches the threshold.
 */
export function candidateViews(map: Volume<VoxelArray>, threshold: number, result: HelixHandResult): { figure: SectionFigure; files: Record<string, Uint8Array> } | null {
  const accepted = result.candidates.filter((c) => c.accepted);
  const evidence = helixEvidenceVolume(result.grid, accepted.map((c) => ({ centre: c.centre, axis: c.axis, length: c.length, value: c.ccLeft - c.ccRight })), 5);
  const span = round(Math.max(0.02, ...accepted.map((c) => Math.abs(c.ccLeft - c.ccRight))), 3);
  const views = renderIsosurfaceViews(map, { threshold, colorBy: { volume: evidence, range: [-span, span], palette: BLUE_WHITE_RED, skipZeros: true } });
  if (views.empty) return null;
  const files: Record<string, Uint8Array> = {};
  const panels = views.images.map((image, i) => {
    const file = `hand_view${i + 1}.png`;
    files[file] = encodePng(image);
    return { file, caption: `View ${i + 1} (${views.angles[i]!.join(', ')})`, width: image.width, height: image.height };
  });
  return {
    figure: {
      id: 'hand_views',
      caption: `Surface of the map at threshold ${threshold}, coloured near each helix candidate by cc_L − cc_R: blue fits the right-handed (natural) α-helix better, red the left-handed one.`,
      panels,
      colorBar: { min: -span, max: span, label: 'cc_L − cc_R', palette: BLUE_WHITE_RED.name },
    },
    files,
  };
}

export interface HelixHandSectionInputs {
  result: HelixHandResult;
  resolution: number;
  threshold: number;
  minCorrelation: number;
  views: { figure: SectionFigure; files: Record<string, Uint8Array> } | null;
  notes: string[];
  /** The β-sheet twist test, run when the helix search found no helix candidate (null otherwise). */
  sheet?: SheetTwistResult | null;
}

const base = {
  ...HELIX_HAND_SECTION,
  summaryLabel: HELIX_HAND_LABEL,
  references: [PAULING_1951, DEEPHAND_2022],
  method: HELIX_HAND_METHOD,
  explanation: HELIX_HAND_EXPLANATION,
  criteria: HELIX_HAND_CRITERIA,
};

export function notApplicableSection(reason: string): SectionResult {
  return { ...base, status: 'not-applicable', reason, warnings: [], metrics: {} };
}

export function failedSection(reason: string, metrics: Record<string, unknown> = {}, notes: string[] = []): SectionResult {
  return { ...base, status: 'failed', reason, warnings: [], metrics, ...(notes.length > 0 ? { notes } : {}) };
}

/** Metrics shared by the measured and the "no candidate" outcomes. */
function searchMetrics(result: HelixHandResult, minCorrelation: number): Record<string, unknown> {
  return {
    candidatesFound: result.candidates.length,
    helixCandidates: result.acceptedCount,
    minCorrelation,
    lowPassResolution: result.lowPassResolution,
    workingVoxelSize: result.grid.voxelSize.map((v) => round(v, 6)),
    workingDims: result.grid.dims,
    thresholdVoxels: result.maskVoxels,
    tubeVoxels: result.tubeVoxels,
  };
}

/** The outcome of a finished search: the scored section, or "could not be measured" without candidates. */
export function helixHandSection(inputs: HelixHandSectionInputs): { section: SectionResult; files: Record<string, Uint8Array> } {
  const { result, minCorrelation, notes } = inputs;
  if (result.maskVoxels === 0) {
    return { section: failedSection(`No voxel of the map reaches the threshold ${inputs.threshold}: there is no density to look for helices in.`, searchMetrics(result, minCorrelation), notes), files: {} };
  }
  if (result.score === null) {
    const tried = result.candidates.length;
    const reason = tried === 0
      ? 'No α-helix candidate was found: no straight tube of density at least 10 Å long lies where the map reaches the threshold.'
      : `No α-helix candidate was found: ${tried} straight tube${tried === 1 ? '' : 's'} of density at least 10 Å long ${tried === 1 ? 'was' : 'were'} tried, and none fits an ideal α-helix with a correlation of at least ${minCorrelation}.`;
    const sheet = inputs.sheet ?? null;
    if (sheet !== null && sheet.verdict !== 'undecided') return { section: sheetTwistSection(reason, result, sheet, minCorrelation, notes), files: {} };
    const metrics = sheet === null ? searchMetrics(result, minCorrelation) : { ...searchMetrics(result, minCorrelation), handMethod: SHEET_TWIST_NAME, sheetTwist: sheetTwistMetrics(sheet) };
    const fullReason = sheet === null ? reason : `${reason} The ${SHEET_TWIST_NAME}, tried instead, is undecided: ${sheet.undecidedReason}.`;
    return { section: failedSection(fullReason, metrics, notes), files: {} };
  }
  const score = result.score;
  const accepted = result.candidates.filter((c) => c.accepted);
  const means = weightedMeans(accepted);
  const warnings: string[] = [];
  if (score > FLIPPED_SCORE) warnings.push(`The volume seems to be flipped: its α-helices fit left-handed templates better (hand score ${f3(score)} > ${FLIPPED_SCORE}).`);
  if (score > UNCERTAIN_SCORE) warnings.push(`The orientation (hand) of the volume is uncertain (hand score ${f3(score)} > ${UNCERTAIN_SCORE}).`);
  const leftCount = accepted.filter((c) => c.ccLeft > c.ccRight).length;
  const results = [
    `The helix handedness test assigns a score of ${f3(score)} to the input volume (0: right-handed helices, the correct hand; 1: left-handed, a mirrored map).`,
    `${accepted.length} helix candidate${accepted.length === 1 ? '' : 's'} (${result.acceptedLength.toFixed(1)} Å of helix) out of ${result.candidates.length} straight tube${result.candidates.length === 1 ? '' : 's'} tried; `
      + `${leftCount} of them (${result.leftLength.toFixed(1)} Å) fit the left-handed template better. `
      + `Length-weighted mean correlation: ${f3(means.ccRight)} with the right-handed template, ${f3(means.ccLeft)} with the left-handed one (difference ${f3(result.meanDifference!)}).`,
  ];
  if (accepted.length < 3) results.push(`Only ${accepted.length} helix candidate${accepted.length === 1 ? '' : 's'}: the score rests on little evidence.`);
  const metrics = {
    handScore: round(score, 6),
    ...searchMetrics(result, minCorrelation),
    helixLengthA: round(result.acceptedLength, 3),
    leftHandedLengthA: round(result.leftLength, 3),
    leftHandedCandidates: leftCount,
    meanCcDifference: round(result.meanDifference!, 6),
    meanCcRight: round(means.ccRight, 6),
    meanCcLeft: round(means.ccLeft, 6),
    candidates: accepted.map((c) => ({
      centre: c.centre.map((v) => round(v, 2)),
      axis: c.axis.map((v) => round(v, 4)),
      length: round(c.length, 2),
      ccRight: round(c.ccRight),
      ccLeft: round(c.ccLeft),
    })),
  };
  const files: Record<string, Uint8Array> = inputs.views ? inputs.views.files : {};
  const section: SectionResult = {
    ...base,
    status: warnings.length > 0 ? 'warnings' : 'ok',
    warnings,
    metrics,
    results,
    plots: [differenceHistogram(accepted), correlationScatter(result.candidates, minCorrelation)],
    ...(inputs.views ? { figures: [inputs.views.figure] } : {}),
    ...(warnings.length > 0 ? { abstract: 'There seems to be a problem with the map hand.' } : {}),
    ...(notes.length > 0 ? { notes } : {}),
  };
  return { section, files };
}

// ── β-sheet twist test: the fallback when no α-helix is found ──────────────────────────────────

export const SHEET_TWIST_NAME = 'β-sheet twist test';

export const SHEET_TWIST_METHOD =
  'β-sheet twist test (used because no α-helix was found): strand ridges found by Hessian analysis of the map low-passed to max(R, 4 Å), '
  + 'pairs of neighbouring parallel ridges 4.2–5.8 Å apart within a plate of density (a β-sheet), and the sense in which each strand is turned '
  + 'relative to its neighbour, averaged over 12 Å patches. Our own test, not part of the original service; uncalibrated against DeepHand.';

export const SHEET_TWIST_EXPLANATION =
  'When the map shows no α-helix, its hand is read from its β-sheets instead. β-sheets of L-amino acids are twisted the same way in every protein: '
  + 'seen along the strands the twist is right-handed, so that, going across the sheet, each strand is turned by about 20° to the left (about the '
  + 'cross-strand axis) relative to the one before it; in a mirrored map the sheets turn the other way. The map is resampled to about 1 Å per voxel '
  + 'and low-passed to the larger of its resolution and 4 Å. Strands are ridges of density (two strong curvatures across, a weak one along); two '
  + 'ridge points 4.2–5.8 Å apart, with directions within 40° of each other, separated across both strands and lying in one plate of density '
  + '(a sheet, seen at 2 Å smoothing), are neighbouring strands. For each such pair the turn of the second strand relative to the first about '
  + 'their separation, per Å, is its twist. The pairs are grouped into 12 Å cubes (patches); each patch with at least 10 pairs votes with its mean '
  + 'twist, weighted by its pairs. The hand is decided only when the weighted mean twist is at least 3 standard errors from zero, at least 70 % '
  + 'of the weight agrees on its sense and at least 4 patches vote. The hand score is the share of the weight twisted like a mirrored sheet '
  + '(0: natural twist, the correct hand; 1: a mirrored map). Checked on a twisted-sheet phantom and its mirror, an untwisted sheet (undecided), '
  + 'and on EMD-30342 (3.9 Å) with its mirror images; its confidence on real maps is modest (about 3–4.5 standard errors there).';

/** Twist in degrees per 4.8 Å strand step, the unit sheet twists are usually quoted in. */
function degreesPerStrand(twistPerA: number): number {
  return (twistPerA * 4.8 * 180) / Math.PI;
}

function sheetTwistMetrics(sheet: SheetTwistResult): Record<string, unknown> {
  return {
    verdict: sheet.verdict,
    undecidedReason: sheet.undecidedReason,
    meanTwistDegPerStrand: sheet.meanTwist === null ? null : round(degreesPerStrand(sheet.meanTwist), 3),
    meanTwistRadPerA: sheet.meanTwist === null ? null : round(sheet.meanTwist, 6),
    zScore: sheet.zScore === null ? null : round(sheet.zScore, 3),
    agreement: sheet.agreement === null ? null : round(sheet.agreement, 4),
    mirroredFraction: sheet.mirroredFraction === null ? null : round(sheet.mirroredFraction, 4),
    patches: sheet.patches.length,
    strandPairs: sheet.pairs,
    sheetVoxels: sheet.sheetVoxels,
    ridgeVoxels: sheet.ridgeVoxels,
    lowPassResolution: sheet.lowPassResolution,
    workingVoxelSize: sheet.grid.voxelSize.map((v) => round(v, 6)),
    patchList: sheet.patches.map((p) => ({ centre: p.centre.map((v) => round(v, 2)), pairs: p.pairs, twistDegPerStrand: round(degreesPerStrand(p.twist), 3) })),
  };
}

export function patchTwistHistogram(sheet: SheetTwistResult): SectionPlot {
  const values = sheet.patches.map((p) => degreesPerStrand(p.twist));
  const span = Math.max(1, ...values.map(Math.abs));
  const { counts, edges } = histogram(values, 20, [-span, span]);
  const side = NATURAL_TWIST_SIGN < 0 ? 'negative' : 'positive';
  return {
    id: 'sheet_twist',
    caption: `Histogram of the mean twist of the β-sheet patches (degrees per 4.8 Å strand step): ${side} values are twisted like natural sheets.`,
    kind: 'histogram',
    xLabel: 'Patch twist (° per strand)',
    yLabel: 'Patches',
    series: [{ label: 'β-sheet patches', x: Array.from(counts, (_, k) => (edges[k]! + edges[k + 1]!) / 2), y: Array.from(counts), binEdges: Array.from(edges), style: 'bars' }],
    vLines: [{ x: 0, label: 'no twist' }],
  };
}

/** The section when the helix search found nothing and the β-sheet twist test decided the hand. */
function sheetTwistSection(helixReason: string, helix: HelixHandResult, sheet: SheetTwistResult, minCorrelation: number, notes: string[]): SectionResult {
  const score = sheet.mirroredFraction!;
  const warnings: string[] = [];
  if (score > FLIPPED_SCORE) warnings.push(`The volume seems to be flipped: its β-sheets are twisted the way mirrored sheets are (hand score ${f3(score)} > ${FLIPPED_SCORE}).`);
  if (score > UNCERTAIN_SCORE) warnings.push(`The orientation (hand) of the volume is uncertain (hand score ${f3(score)} > ${UNCERTAIN_SCORE}).`);
  const twist = degreesPerStrand(sheet.meanTwist!);
  const results = [
    `${helixReason} The hand was measured with the ${SHEET_TWIST_NAME} instead.`,
    `The ${SHEET_TWIST_NAME} assigns a hand score of ${f3(score)} to the input volume (0: sheets twisted like natural ones, the correct hand; 1: twisted the other way, a mirrored map).`,
    `${sheet.patches.length} β-sheet patches (${sheet.pairs} neighbouring-strand pairs, ${sheet.sheetVoxels} sheet voxels of about 1 Å) vote; their mean twist is ${twist.toFixed(1).replace('-', '−')}° per 4.8 Å strand step `
      + `(natural sheets turn by about −20° in atomic models; a map at this resolution shows less), ${Math.abs(sheet.zScore!).toFixed(1)} standard errors from zero; `
      + `${(100 * sheet.agreement!).toFixed(0)} % of the patch weight agrees on its sense.`,
  ];
  const metrics = {
    handScore: round(score, 6),
    handMethod: SHEET_TWIST_NAME,
    ...searchMetrics(helix, minCorrelation),
    sheetTwist: sheetTwistMetrics(sheet),
  };
  return {
    ...base,
    // its own name: the hand here comes from the sheets, not from α-helices
    title: 'Hand (β-sheet twist test)',
    method: `${HELIX_HAND_METHOD} ${SHEET_TWIST_METHOD}`,
    explanation: `${HELIX_HAND_EXPLANATION} ${SHEET_TWIST_EXPLANATION}`,
    references: [...base.references, CHOTHIA_1973],
    status: warnings.length > 0 ? 'warnings' : 'ok',
    warnings,
    metrics,
    results,
    plots: [patchTwistHistogram(sheet)],
    ...(warnings.length > 0 ? { abstract: 'There seems to be a problem with the map hand.' } : {}),
    ...(notes.length > 0 ? { notes } : {}),
  };
}
