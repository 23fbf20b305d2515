import { defineProtocol, histogram, qScores, type SectionPlot, type SectionResult, type SectionTable, finiteOrNull } from '../../../core/index.js';
import { fittedModelOrStop, mapAndModelInputs } from '../../shared/levelADeclarations.js';
import { expectedQ, summarizeQScores, type ChainQ, type QScoreSummary, type ResidueKind } from './qScoreSummary.js';
import { QSCORE_2020 } from '../../shared/methodReferences.js';

const SECTION_ID = 'A.e';
const TITLE = 'Q-score';
/** Width of the reference Gaussian, Å: MapQ's default, the one its resolution lines were fitted at. */
export const Q_SIGMA_A = 0.6;
/** Below this median Q the model is judged not to be resolved by the map (vrs-spec §12.5). */
export const MEDIAN_Q_LIMIT = 0.1;
/** The original's homogeneity guard for A.e: p97.5 − p2.5 below this means the scores look degenerate. */
export const Q_HOMOGENEITY_EPS = 0.1;
const METHOD = "Q-score (MapQ's definition, computed by vrs)";

const EXPLANATION =
  'The Q-score (Pintilie et al., Nature Methods 2020) measures how well the map resolves each atom. Around every non-hydrogen atom the map is sampled at the atom centre and on 20 spheres of radius 0.1 to 2.0 Å (at least 8 points per sphere, spread by a spiral and kept only where no other atom is closer than 0.9 of the radius); Q is the correlation of those values with a Gaussian of width σ = 0.6 Å centred on the atom. Q is near 1 for an atom whose density is as sharp as that Gaussian, and falls towards 0 (or below) as the density gets blurrier, weaker or misplaced. The expected Q of well-fitted protein at resolution R follows Q = −0.1775·R + 1.1192 (nucleic acids, ions and waters have their own lines); inverting the line gives a resolution estimate from the mean Q of each chain.';
const CRITERIA = `The validation is OK if the median Q-score is at least ${MEDIAN_Q_LIMIT} and the Q-scores are not suspiciously homogeneous (2.5% and 97.5% percentiles closer than ${Q_HOMOGENEITY_EPS}).`;

const KIND_LABEL: Record<ResidueKind, string> = { protein: 'protein', nucleic: 'nucleic acid', ion: 'ions', water: 'water', ligand: 'other (ligands)' };
/** Per-residue profiles drawn; more chains are summarised in the table only. */
const MAX_PROFILE_CHAINS = 12;

/**
 * Level A.e (vrs-spec §12.5, algorithms.md §4.7): per-atom Q-scores with MapQ's definition, computed
 * here (the original service downloads precomputed ones or runs MapQ in Chimera). Histogram and
 * percentiles of the atoms' Q, a per-chain table with the expected Q at the map's resolution and
 * the resolution each chain's mean Q corresponds to, per-residue profiles, and the mean of the
 * chain estimates for the abstract's resolution list.
 */
export const qScoreProtocol = defineProtocol({
  id: 'vrs.qScore',
  version: '1',
  title: TITLE,
  description: "Per-atom Q-scores (MapQ's definition, σ = 0.6 Å) of the model in the map: statistics, per-chain means and resolution estimates.",
  execution: 'worker',
  costHint: 10,
  section: { id: SECTION_ID, level: 'A', title: TITLE },
  params: {
    resolution: { type: 'number', min: 0, description: 'Reported resolution in Å; gives the expected Q. Without it only the estimates are shown.' },
  },
  inputs: mapAndModelInputs,
  outputs: { section: { kind: 'section' } },
  async run(ctx) {
    const fitted = await fittedModelOrStop(ctx, SECTION_ID, TITLE);
    if (fitted.stop) return fitted.stop;
    const map = await ctx.inputs.volume('map');
    const { model } = fitted;
    const resolution = ctx.params.resolution !== undefined && ctx.params.resolution > 0 ? ctx.params.resolution : null;

    ctx.progress(0.05, 'Q-scores');
    const result = qScores({ data: map.data, geometry: map.geometry }, model.atoms, { sigma: Q_SIGMA_A });
    ctx.progress(0.9, 'statistics');
    const summary = summarizeQScores(model, result.q, resolution);
    const section = qScoreSection(summary, resolution, {
      scored: result.scored.length,
      flat: result.flat,
      outsideBox: result.outsideBox,
      sparseShells: result.sparseShells,
      minD: result.minD,
      maxD: result.maxD,
    });
    ctx.progress(1);
    return { section: { kind: 'section', value: section } };
  },
});

interface RunFacts {
  scored: number;
  flat: number;
  outsideBox: number;
  sparseShells: number;
  minD: number;
  maxD: number;
}

const f2 = (v: number | null) => (v === null || !Number.isFinite(v) ? '–' : v.toFixed(2));

export function qScoreSection(summary: QScoreSummary, resolution: number | null, facts: RunFacts): SectionResult {
  const base = { id: SECTION_ID, level: 'A', title: TITLE, method: METHOD, explanation: EXPLANATION, criteria: CRITERIA, references: [QSCORE_2020] };
  if (summary.values.length === 0) {
    return { ...base, status: 'failed', reason: 'the model has no non-hydrogen atom to score', warnings: [], metrics: { atomsScored: 0 } };
  }
  const { meanQ, medianQ, percentiles: p, chains } = summary;
  const proteinExpected = resolution !== null ? expectedQ('protein', resolution) : null;
  const warnings: string[] = [];
  if (Math.abs(p.p97_5 - p.p2_5) < Q_HOMOGENEITY_EPS) {
    warnings.push(`The Q-scores look too homogeneous (their 2.5% and 97.5% percentiles, ${f2(p.p2_5)} and ${f2(p.p97_5)}, differ by less than ${Q_HOMOGENEITY_EPS}); the computation may have had problems.`);
  }
  if (medianQ < MEDIAN_Q_LIMIT) {
    warnings.push(`The median Q-score (${f2(medianQ)}) is below ${MEDIAN_Q_LIMIT}: most atoms are not resolved by the map, or the model is not where the density is.`);
  }

  const results: string[] = [
    `Q-scores of ${summary.values.length} non-hydrogen atoms with a reference Gaussian of σ = ${Q_SIGMA_A} Å (MapQ's definition: centre plus 20 shells to 2.0 Å, 8 points or more per shell). Mean ${f2(meanQ)}, median ${f2(medianQ)}.`,
    `Percentiles of the per-atom Q: 2.5%: ${f2(p.p2_5)}, 25%: ${f2(p.p25)}, 50%: ${f2(p.p50)}, 75%: ${f2(p.p75)}, 97.5%: ${f2(p.p97_5)}.`,
    resolution !== null
      ? `At the reported resolution of ${resolution} Å, the expected Q of well-fitted protein is ${f2(proteinExpected)} (−0.1775·R + 1.1192); the table gives each chain's expected Q at this resolution for its kind.`
      : 'No resolution was given: the expected Q at the map resolution is not shown; the estimated resolutions below do not need it.',
    `Estimated resolution per chain: the resolution at which the Q-versus-resolution line of the chain's kind gives its mean Q (protein (Q − 1.1192)/−0.1775, nucleic (Q − 0.9973)/−0.1377, ions (Q − 1.0795)/−0.1103, water (Q − 1.0001)/−0.0895; ligands have no line).` +
      (summary.estimatedResolution !== null ? ` Mean of the chain estimates: ${f2(summary.estimatedResolution)} Å.` : ''),
  ];
  const notes: string[] = [
    `The reference Gaussian's height and offset come from the whole map (minD = ${facts.minD.toPrecision(4)}, maxD = ${facts.maxD.toPrecision(4)}: max(mean − σ, min) and min(mean + 10σ, max)); Q does not depend on them, a correlation being unchanged by a positive rescaling of the reference.`,
    'Other atoms (every non-hydrogen atom of the model, as in MapQ) reject the shell points closer to them than 0.9 of the shell radius; hydrogens are neither scored nor used as neighbours. Map values are interpolated trilinearly; points off the map grid count as 0, as in Chimera.',
  ];
  if (facts.flat > 0) notes.push(`${facts.flat} atoms sit where the map is constant (e.g. masked to zero) and get Q = 0, as MapQ gives them.`);
  if (facts.outsideBox > 0) notes.push(`${facts.outsideBox} atoms lie outside the map box.`);
  const polymerChains = new Set(summary.residues.filter((r) => r.kind === 'protein' || r.kind === 'nucleic').map((r) => r.chain)).size;
  if (polymerChains > MAX_PROFILE_CHAINS) notes.push(`Per-residue profiles are drawn for the first ${MAX_PROFILE_CHAINS} of ${polymerChains} chains; the per-residue Q of all chains is in the metrics.`);
  if (facts.sparseShells > 0) notes.push(`${facts.sparseShells} shells (over all atoms) kept fewer than 8 points after every try (crowded atoms).`);

  const estimate = summary.estimatedResolution;
  const section: SectionResult = {
    ...base,
    status: warnings.length > 0 ? 'warnings' : 'ok',
    warnings,
    metrics: {
      meanQ,
      medianQ,
      percentiles: p,
      sigmaA: Q_SIGMA_A,
      resolutionA: resolution,
      expectedQ: proteinExpected,
      estimatedResolution: finiteOrNull(estimate),
      perChain: chains.map((c) => ({ chain: c.chain, type: c.kind, residues: c.residues, atoms: c.atoms, meanQ: finiteOrNull(c.meanQ), expectedQ: finiteOrNull(c.expectedQ), estimatedResolution: finiteOrNull(c.estimatedResolution) })),
      perResidue: summary.residues.map((r) => ({ chain: r.chain, seq: r.seq, insertionCode: r.insertionCode, name: r.name, type: r.kind, meanQ: finiteOrNull(r.meanQ) })),
      atomsScored: summary.values.length,
      atomsFlat: facts.flat,
      atomsOutsideBox: facts.outsideBox,
      referenceMinD: facts.minD,
      referenceMaxD: facts.maxD,
    },
    results,
    tables: [chainTable(chains, resolution)],
    plots: [histogramPlot(summary, proteinExpected), ...profilePlots(summary, resolution)],
    notes,
    abstract:
      warnings.length > 0
        ? 'The Q-scores show a problem: the map does not resolve the atoms of the model well, or the scores look degenerate.'
        : `The Q-scores (median ${f2(medianQ)}) show no problem with how the map resolves the model's atoms.`,
  };
  if (estimate !== null && Number.isFinite(estimate)) section.resolutionEstimates = [{ method: 'Q-score (mean of per-chain estimates)', value: estimate }];
  return section;
}

function chainTable(chains: ChainQ[], resolution: number | null): SectionTable {
  return {
    id: 'q_per_chain',
    caption: `Mean Q per chain and residue kind (non-hydrogen atoms), the expected Q ${resolution !== null ? `at ${resolution} Å` : '(no resolution given)'} and the resolution the mean Q corresponds to.`,
    columns: [
      { key: 'chain', label: 'Chain' },
      { key: 'type', label: 'Type' },
      { key: 'residues', label: 'Residues', format: '%d' },
      { key: 'meanQ', label: 'Mean Q', format: '%5.2f' },
      { key: 'expectedQ', label: 'Expected Q', format: '%5.2f' },
      { key: 'estimatedResolution', label: 'Estimated resolution', unit: 'Å', format: '%5.2f' },
    ],
    rows: chains.map((c) => ({ chain: c.chain, type: KIND_LABEL[c.kind], residues: c.residues, meanQ: c.meanQ, expectedQ: c.expectedQ, estimatedResolution: c.estimatedResolution })),
  };
}

function histogramPlot(summary: QScoreSummary, proteinExpected: number | null): SectionPlot {
  // Fixed bins of 0.05 over [−1, 1], Q's whole range, so reports compare at a glance.
  const { counts, edges } = histogram(summary.values, 40, [-1, 1]);
  const plot: SectionPlot = {
    id: 'q_histogram',
    caption: `Histogram of the per-atom Q-scores (σ = ${Q_SIGMA_A} Å)${proteinExpected !== null ? '; the vertical line is the expected Q of protein at the reported resolution' : ''}.`,
    kind: 'histogram',
    xLabel: 'Q-score',
    yLabel: 'Atoms',
    series: [{ label: 'Q-score', x: Array.from(counts, (_, k) => (edges[k]! + edges[k + 1]!) / 2), y: Array.from(counts), binEdges: Array.from(edges), style: 'bars' }],
  };
  if (proteinExpected !== null) plot.vLines = [{ x: proteinExpected, label: `expected ${proteinExpected.toFixed(2)}` }];
  return plot;
}

function profilePlots(summary: QScoreSummary, resolution: number | null): SectionPlot[] {
  const byChain = new Map<string, { kind: ResidueKind; x: number[]; y: number[] }>();
  for (const r of summary.residues) {
    if (r.kind !== 'protein' && r.kind !== 'nucleic') continue;
    const entry = byChain.get(r.chain) ?? { kind: r.kind, x: [], y: [] };
    entry.x.push(r.seq);
    entry.y.push(r.meanQ);
    byChain.set(r.chain, entry);
  }
  return [...byChain.entries()].slice(0, MAX_PROFILE_CHAINS).map(([chain, e]) => {
    const expected = resolution !== null ? expectedQ(e.kind, resolution) : null;
    const plot: SectionPlot = {
      id: `q_profile_${chain.replace(/[^A-Za-z0-9_-]/g, '_')}`,
      caption: `Mean Q per residue along chain ${chain}${expected !== null ? ` (the horizontal line is the expected Q of ${KIND_LABEL[e.kind]} at ${resolution} Å)` : ''}.`,
      kind: 'line',
      xLabel: 'Residue number',
      yLabel: 'Mean Q',
      series: [{ label: `chain ${chain}`, x: e.x, y: e.y, style: 'line' }],
    };
    if (expected !== null) plot.hLines = [{ y: expected, label: `expected ${expected.toFixed(2)}` }];
    return plot;
  });
}
