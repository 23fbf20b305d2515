import {
  defineProtocol,
  emringerScore,
  formatPrintf,
  isRotamericIndex,
  mapSampler,
  ringerScan,
  rollingWindows,
  type EmringerScore,
  type MapInterpolation,
  type RingerScanResult,
  type RollingWindowPoint,
  type SectionPlot,
  type SectionResult,
} from '../../../core/index.js';
import { fittedModelOrStop, mapAndModelInputs } from '../../shared/levelADeclarations.js';
import { EMRINGER_2015 } from '../../shared/methodReferences.js';

const ID = 'A.f';
const TITLE = 'EMRinger';
const METHOD = 'EMRinger (Barad et al. 2015 method, computed by vrs)';

/**
 * Phenix's EMRinger samples a real-space map by trilinear (eight-point) interpolation: its "spline"
 * option only takes effect with map coefficients. We follow it so that our peaks sit where its do;
 * the kernel also offers Catmull–Rom tricubic.
 */
export const EMRINGER_INTERPOLATION: MapInterpolation = 'trilinear';
/** Phenix's default threshold of the rolling windows (map units), and the half-width of a window. */
export const ROLLING_THRESHOLD = 0;
export const ROLLING_EXTENSION = 10;

/**
 * A.f EMRinger (vrs-spec §12.6, algorithms.md §4.8): the χ1 ringer scan of every scored side chain in
 * the map without half maps (never a sharpened one), the threshold scan of the rotameric-peak Z-score,
 * the EMRinger score 10·Z/√L at its best threshold, and the 21-residue rolling windows per chain.
 */
export const emringerProtocol = defineProtocol({
  id: 'vrs.emringer',
  version: '1',
  title: TITLE,
  description: 'EMRinger score of the model in the map: χ1 density scans of the side chains, rotameric-peak Z-score over a threshold scan, rolling windows per chain.',
  execution: 'worker',
  costHint: 5,
  section: { id: ID, level: 'A', title: TITLE },
  params: {
    resolution: { type: 'number', min: 0, description: 'Reported resolution in Å (text only: EMRinger uses none).' },
  },
  // The map as imported: never a sharpened one.
  inputs: mapAndModelInputs,
  outputs: { section: { kind: 'section' } },
  async run(ctx) {
    const fitted = await fittedModelOrStop(ctx, ID, TITLE);
    if (fitted.stop) return fitted.stop;
    const map = await ctx.inputs.volume('map');
    const { atoms, residues } = fitted.model;
    ctx.progress(0.3, 'χ1 scans');
    const scan = ringerScan(atoms, residues, mapSampler(map, EMRINGER_INTERPOLATION));
    ctx.progress(0.8, 'threshold scan');
    const score = emringerScore(scan.scans);
    const rolling = rollingWindows(scan.scans, ROLLING_THRESHOLD, ROLLING_EXTENSION);
    const section = emringerSection(scan, score, rolling, ctx.params.resolution);
    ctx.progress(1);
    return { section: { kind: 'section', value: section } };
  },
});

const EXPLANATION =
  'EMRinger (Barad et al., Nat. Methods 2015) asks whether the map shows side chains where the model puts them. For every residue with a χ1 angle (Arg, Asn, Asp, Cys, Glu, Gln, His, Leu, Lys, Met, Phe, Ser, Trp, Tyr), the γ atom is turned about the CA–CB bond in 5° steps, keeping the bond length and angle, and the map is read at each of the 72 positions; the angle of the highest value is the residue\'s density peak. In a map that resolves side chains the peaks fall near the staggered rotamers (60°, 180°, 300°) far more often than a random angle would (half of the time, for the three rotameric 60° bins). The peaks above a threshold are counted in rotameric and non-rotameric 60° bins, and the excess of rotameric peaks is expressed as a binomial Z-score with EMRinger\'s reference probability 39/72; the threshold is scanned over 20 values between the mean and the maximum of the scans, and the EMRinger score is the best Z scaled by the model length, 10·Z/√L. Scores above 1 are expected for well-fitted models in maps at 4 Å or better; above 2 is typical of good high-resolution structures. Low scores point to a poorly fitted backbone, a map that does not resolve side chains, or both; the rolling windows show where along each chain.';

/** The section from the scans, the threshold scan and the rolling windows; pure, for tests. */
export function emringerSection(scan: RingerScanResult, score: EmringerScore, rolling: Map<string, RollingWindowPoint[]>, resolution?: number): SectionResult {
  const base = { id: ID, level: 'A', title: TITLE, method: METHOD, explanation: EXPLANATION, references: [EMRINGER_2015] } as const;
  const skippedText = skipped(scan);
  if (scan.scans.length === 0 && scan.skippedMissingAtoms === 0 && scan.skippedOutsideMap === 0) {
    return {
      ...base,
      status: 'not-applicable',
      reason: 'the model has no residue EMRinger scores (Arg, Asn, Asp, Cys, Glu, Gln, His, Leu, Lys, Met, Phe, Ser, Trp, Tyr): there is no χ1 to scan, as in a poly-alanine or backbone-only model',
      warnings: [],
      metrics: { modelLength: 0 },
    };
  }
  if (scan.scans.length === 0) {
    return {
      ...base,
      status: 'failed',
      reason: `no residues could be scanned: the model has no scored side chain with N, CA, CB and its γ atom inside the map${skippedText ? ` (${skippedText})` : ''}`,
      warnings: [],
      metrics: { modelLength: 0 },
    };
  }
  if (!score.hasFeatures) {
    return { ...base, status: 'failed', reason: 'no features in the density around the model: every χ1 scan has its maximum equal to the mean of the scans', warnings: [], metrics: { modelLength: score.modelLength } };
  }
  if (score.steps.length === 0) {
    return { ...base, status: 'failed', reason: 'no score could be calculated at any threshold: no residue has its density peak at a rotameric χ1, even at the lowest threshold', warnings: [], metrics: { modelLength: score.modelLength } };
  }
  const f = formatPrintf;
  const warnings: string[] = [];
  if (score.emringerScore < 1) warnings.push(`The EMRinger score, ${f(score.emringerScore, '%4.3f')}, is below 1: the side chains of the model do not follow the density of the map (or the map does not resolve them).`);
  if (score.maxZScore < 1) warnings.push(`The maximum Z-score, ${f(score.maxZScore, '%5.2f')}, is below 1: the rotameric peaks are not significantly more frequent than chance at any threshold.`);
  const results = [
    `Optimal threshold: ${f(score.optimalThreshold, '%.3f')} (map units). Rotamer ratio: ${f(score.rotamerRatio, '%4.3f')}. Max Z-score: ${f(score.maxZScore, '%5.2f')}. Model length: ${f(score.modelLength, '%d')}. EMRinger score: ${f(score.emringerScore, '%4.3f')}.`,
    `${score.modelLength} residues were scanned${skippedText ? `; ${skippedText}` : ''}. ${score.steps.length} of the ${score.thresholds.length} thresholds were scored (the scan stops at the first threshold with no rotameric peak).`,
    `No number in this section depends on a resolution${resolution !== undefined ? ` (the reported ${f(resolution, '%.2f')} Å is not used)` : ''}; the map is read by ${EMRINGER_INTERPOLATION} interpolation between voxels, as Phenix's EMRinger reads a map file.`,
  ];
  const steps = score.steps;
  const plots: SectionPlot[] = [
    {
      id: 'emringer_threshold_scan',
      caption: 'Threshold scan: EMRinger score (10·Z/√L) at each density threshold.',
      kind: 'line',
      xLabel: 'Density threshold (map units)',
      yLabel: 'EMRinger score',
      series: [{ label: 'EMRinger score', x: steps.map((s) => s.threshold), y: steps.map((s) => s.score), style: 'line' }],
      hLines: [{ y: 1, label: 'score 1' }],
      vLines: [{ x: score.optimalThreshold, label: 'optimal threshold' }],
    },
    {
      id: 'emringer_rotamer_ratio',
      caption: 'Threshold scan: fraction of the χ1 peaks above the threshold that are rotameric.',
      kind: 'line',
      xLabel: 'Density threshold (map units)',
      yLabel: 'Rotamer ratio',
      series: [{ label: 'Rotamer ratio', x: steps.map((s) => s.threshold), y: steps.map((s) => s.rotamerRatio), style: 'line' }],
      hLines: [{ y: 0.5, label: 'random (3 of 6 bins)' }],
      vLines: [{ x: score.optimalThreshold, label: 'optimal threshold' }],
    },
    chi1Histogram(score),
  ];
  const chains = [...rolling.entries()].sort(([a], [b]) => a.localeCompare(b));
  for (const [chain, points] of chains) plots.push(rollingPlot(chain, points));
  plots.push(rollingZPlot(chains));
  const section: SectionResult = {
    ...base,
    status: warnings.length > 0 ? 'warnings' : 'ok',
    warnings,
    criteria: 'EMRinger score ≥ 1 and maximum Z-score ≥ 1.',
    metrics: {
      emringerScore: score.emringerScore,
      optimalThreshold: score.optimalThreshold,
      rotamerRatio: score.rotamerRatio,
      maxZScore: score.maxZScore,
      modelLength: score.modelLength,
      thresholdScan: {
        threshold: steps.map((s) => s.threshold),
        peaks: steps.map((s) => s.peaks),
        rotameric: steps.map((s) => s.rotameric),
        rotamerRatio: steps.map((s) => s.rotamerRatio),
        zScore: steps.map((s) => s.zScore),
        emringerScore: steps.map((s) => s.score),
      },
    },
    results,
    tables: [
      {
        id: 'emringer_thresholds',
        caption: 'Threshold scan: χ1 peaks above each threshold, rotameric peaks, rotamer ratio, Z-score and EMRinger score.',
        columns: [
          { key: 'threshold', label: 'Threshold', format: '%.3f' },
          { key: 'peaks', label: 'Peaks', format: '%d' },
          { key: 'rotameric', label: 'Rotameric', format: '%d' },
          { key: 'ratio', label: 'Rotamer ratio', format: '%4.3f' },
          { key: 'z', label: 'Z-score', format: '%5.2f' },
          { key: 'score', label: 'EMRinger score', format: '%4.3f' },
        ],
        rows: steps.map((s) => ({ threshold: s.threshold, peaks: s.peaks, rotameric: s.rotameric, ratio: s.rotamerRatio, z: s.zScore, score: s.score })),
      },
    ],
    plots,
    notes: [
      `Rolling windows: ${2 * ROLLING_EXTENSION + 1} residues by residue number, peaks counted above ${ROLLING_THRESHOLD} (map units, Phenix's default), rotameric when the peak is within 30° of 60°, 180° or 300°.`,
      'As in the reference scripts, the scan samples χ1 = 5°…360° but labels sample k as 5k°, and the first alternate conformation of each residue is used.',
    ],
  };
  if (warnings.length > 0) section.abstract = `EMRinger score ${f(score.emringerScore, '%4.3f')}: the model's side chains do not follow the map's density well.`;
  return section;
}

function skipped(scan: RingerScanResult): string {
  const parts: string[] = [];
  if (scan.skippedMissingAtoms > 0) parts.push(`${scan.skippedMissingAtoms} scored residue${scan.skippedMissingAtoms === 1 ? '' : 's'} lacked a χ1 atom (or had degenerate χ1 geometry)`);
  if (scan.skippedOutsideMap > 0) parts.push(`${scan.skippedOutsideMap} had the χ1 circle outside the map`);
  return parts.join(', ');
}

function chi1Histogram(score: EmringerScore): SectionPlot {
  const angles = score.peakCountsAtOptimum.map((_, k) => 5 * k);
  const pick = (rotameric: boolean) => score.peakCountsAtOptimum.map((c, k) => (isRotamericIndex(k) === rotameric ? c : 0));
  return {
    id: 'emringer_chi1_histogram',
    caption: `χ1 angle of the density peaks above the optimal threshold (${formatPrintf(score.optimalThreshold, '%.3f')}), rotameric bins (around 60°, 180°, 300°) and the others.`,
    kind: 'histogram',
    xLabel: 'χ1 (°)',
    yLabel: 'Peak count',
    series: [
      { label: 'Rotameric', x: angles, y: pick(true), style: 'bars' },
      { label: 'Non-rotameric', x: angles, y: pick(false), style: 'bars' },
    ],
  };
}

function rollingPlot(chain: string, points: readonly RollingWindowPoint[]): SectionPlot {
  const withAbove = points.filter((p) => p.aboveThreshold > 0);
  return {
    id: `emringer_rolling_${chain || '_'}`,
    caption: `Chain ${chain || '(blank)'}: ${2 * ROLLING_EXTENSION + 1}-residue rolling windows, fraction of the residues with a peak above ${ROLLING_THRESHOLD} and fraction of those that are rotameric.`,
    kind: 'line',
    xLabel: `Centre residue of the ${2 * ROLLING_EXTENSION + 1}-residue window`,
    yLabel: 'Fraction of residues',
    series: [
      { label: 'Fraction rotameric (of those above the threshold)', x: withAbove.map((p) => p.seq), y: withAbove.map((p) => p.rotameric / p.aboveThreshold), style: 'line' },
      { label: 'Fraction above the threshold', x: points.map((p) => p.seq), y: points.map((p) => p.aboveThreshold / p.total), style: 'line' },
    ],
  };
}

function rollingZPlot(chains: readonly [string, readonly RollingWindowPoint[]][]): SectionPlot {
  return {
    id: 'emringer_rolling_z',
    caption: `Z-score of the rotameric peaks in each ${2 * ROLLING_EXTENSION + 1}-residue window (peaks above ${ROLLING_THRESHOLD}; ours, on the scale of the global Z), one line per chain.`,
    kind: 'line',
    xLabel: `Centre residue of the ${2 * ROLLING_EXTENSION + 1}-residue window`,
    yLabel: 'Window Z-score',
    series: chains.map(([chain, points]) => ({ label: `Chain ${chain || '(blank)'}`, x: points.map((p) => p.seq), y: points.map((p) => p.zScore), style: 'line' as const })),
    hLines: [{ y: 0, label: 'chance' }],
  };
}
