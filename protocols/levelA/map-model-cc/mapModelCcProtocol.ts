import {
  applyRadialFilter,
  atomMask,
  defineProtocol,
  histogram,
  irfft3d,
  mapModelCorrelations,
  mapModelResolutions,
  modelMap,
  resolutionsFromSpectra,
  residueCorrelations,
  rfft3d,
  softModelMask,
  vanDerWaalsRadius,
  type MapModelResolutions,
  type ResolutionEstimate,
  type SectionPlot,
  type SectionResult,
  type Vec3, finiteOrNull } from '../../../core/index.js';
import { heavyAtoms } from '../../shared/placedModel.js';
import { fittedModelOrStop, mapAndModelInputs, mapInput, modelInput, placementInput } from '../../shared/levelADeclarations.js';
import { MOLECULAR_MASK_PADDING } from '../model-fit/fitCorrelation.js';
import { formatMapModelNumber as fmt, mapModelCcTexts } from './mapModelCcTexts.js';
import { AFONINE_2018, PENG_1996 } from '../../shared/methodReferences.js';

const ID = 'A.a';
const TITLE = 'Map–model correlations';
/** Phenix validation_cryoem runs at max(resolution, 3 Å) in the original service (vrs-spec §12.0–12.1). */
export const MIN_MODEL_MAP_RESOLUTION = 3;
/** A residue correlating below this with the model map is counted as poorly fitted (vrs-spec §12.1). */
export const RESIDUE_CC_LIMIT = 0.5;
/** Warning when more than this percentage of residues is below RESIDUE_CC_LIMIT. */
export const BAD_RESIDUES_PERCENT = 10;
/** Warning when the reported resolution is finer than this fraction of d_FSC,model(0.5, masked). */
export const FSC_MODEL_RATIO = 0.8;

/**
 * A.a (vrs-spec §12.1, algorithms.md §4.3): the numbers the original service reads from Phenix
 * validation_cryoem, computed here with Phenix's definitions — the map's correlations with the
 * model map (mask, box, volume, peaks, main chain, side chain, per chain, per residue) and the
 * map–model resolutions (d99, d_model, d_FSC,model at 0, 0.143, 0.5; masked and unmasked).
 *
 * Transforms: the model map is computed once to Nyquist (modelMap: two) and transformed (one); the
 * model map at the working resolution is that spectrum cut and inverted (one); the map and the two
 * soft-masked maps are transformed once each (three). Every cut the resolutions need is a sum
 * over those spectra.
 */
export const mapModelCcProtocol = defineProtocol({
  id: 'vrs.mapModelCc',
  version: '1',
  title: TITLE,
  description: 'Map–model correlations and map–model resolutions with the definitions of Phenix validation_cryoem (computed by vrs).',
  execution: 'worker',
  section: { id: ID, level: 'A', title: TITLE },
  params: {
    resolution: { type: 'number', min: 0, description: 'Reported resolution in Å; the model map is computed at max(resolution, 3 Å).' },
  },
  inputs: {
    map: mapInput,
    model: modelInput,
    placement: placementInput,
  },
  outputs: { section: { kind: 'section' } },
  async run(ctx) {
    const fitted = await fittedModelOrStop(ctx, ID, TITLE);
    if (fitted.stop) return fitted.stop;
    const { placement } = fitted;
    const map = await ctx.inputs.volume('map');
    const { atoms, residues } = fitted.model;
    const reported = ctx.params.resolution !== undefined && ctx.params.resolution > 0 ? ctx.params.resolution : undefined;
    const resolutionA = reported !== undefined ? Math.max(reported, MIN_MODEL_MAP_RESOLUTION) : placement.resolutionA;
    const { geometry } = map;
    const { dims, voxelSize } = geometry;

    ctx.progress(0.05, 'model map');
    // To Nyquist: d_model and the FSC need the model's whole spectrum; the CCs need it cut at resolutionA.
    const nyquistA = 2 * Math.max(...voxelSize);
    const full = await modelMap(atoms, geometry, { style: 'electron', resolution: nyquistA });
    ctx.progress(0.25, 'unmasked resolutions');
    const { unmasked, working } = await unmaskedPass(map.data, full.volume.data, dims, voxelSize, resolutionA);

    ctx.progress(0.5, 'correlations');
    const mask = atomMask(atoms, heavyAtoms(atoms), geometry, (i) => vanDerWaalsRadius(atoms.element[i]!) + MOLECULAR_MASK_PADDING);
    const five = mapModelCorrelations(map.data, working, mask);
    if (!Number.isFinite(five.ccMask)) {
      return { section: { kind: 'section', value: failed(`the model map has no variation inside the molecular mask (${five.maskVoxels} grid points): ${heavyAtoms(atoms).length === 0 ? 'the model has no non-hydrogen atom' : full.placed === 0 ? 'no atom with a tabulated scattering factor reaches the box' : 'the model map is flat there'}`) } };
    }
    const perResidue = residueCorrelations(map.data, working, geometry, atoms, residues);

    ctx.progress(0.7, 'masked resolutions');
    // Grown by R before the blur, the mask is ~1 over all of the model's density: a mask edge inside
    // the density would give both maps the same high frequencies and lift the FSC at Nyquist.
    const smoothingRadiusA = resolutionA;
    const grown = atomMask(atoms, heavyAtoms(atoms), geometry, (i) => vanDerWaalsRadius(atoms.element[i]!) + MOLECULAR_MASK_PADDING + smoothingRadiusA);
    const soft = softModelMask(grown, geometry, smoothingRadiusA);
    const maskedMap = new Float32Array(soft.length);
    const maskedModel = new Float32Array(soft.length);
    for (let i = 0; i < soft.length; i++) {
      maskedMap[i] = map.data[i]! * soft[i]!;
      maskedModel[i] = full.volume.data[i]! * soft[i]!;
    }
    const masked = await mapModelResolutions(maskedMap, maskedModel, dims, voxelSize);

    const residueRows = perResidue.residues.map((r, n) => ({ ...r, isHetero: residues[n]!.isHetero }));
    const finiteCcs = residueRows.filter((r) => Number.isFinite(r.cc));
    const below = finiteCcs.filter((r) => r.cc < RESIDUE_CC_LIMIT).length;
    const percentBelow = finiteCcs.length > 0 ? (100 * below) / finiteCcs.length : Number.NaN;

    const texts = mapModelCcTexts({
      resolutionA,
      reported,
      minimum: MIN_MODEL_MAP_RESOLUTION,
      smoothingRadiusA,
      five,
      mainChain: perResidue.mainChain,
      sideChain: perResidue.sideChain,
      percentBelow,
      below,
      residues: finiteCcs.length,
      unmasked,
      masked,
      limits: { residueCc: RESIDUE_CC_LIMIT, badPercent: BAD_RESIDUES_PERCENT, fscRatio: FSC_MODEL_RATIO },
    });

    const section: SectionResult = {
      id: ID,
      level: 'A',
      title: TITLE,
      method: 'Map–model correlations with Phenix validation_cryoem definitions (computed by vrs, not Phenix)',
      references: [AFONINE_2018, PENG_1996],
      status: texts.warnings.length > 0 ? 'warnings' : 'ok',
      warnings: texts.warnings,
      metrics: {
        ccMask: finiteOrNull(five.ccMask),
        ccBox: finiteOrNull(five.ccBox),
        ccVolume: finiteOrNull(five.ccVolume),
        ccPeaks: finiteOrNull(five.ccPeaks),
        ccMainChain: finiteOrNull(perResidue.mainChain),
        ccSideChain: finiteOrNull(perResidue.sideChain),
        ccPerChain: Object.fromEntries(perResidue.chains.map((c) => [c.chain, finiteOrNull(c.cc)])),
        perResidue: residueRows.map((r) => ({ chain: r.chain, seq: r.seq, ...(r.insertionCode ? { insertionCode: r.insertionCode } : {}), name: r.name, cc: finiteOrNull(r.cc) })),
        percentResiduesBelow05: finiteOrNull(percentBelow),
        d99: masked.d99,
        dModel: masked.dModel,
        dFscModel0: masked.dFsc0,
        dFscModel0143: masked.dFsc0143,
        dFscModel05: masked.dFsc05,
        d99Unmasked: unmasked.d99,
        dModelUnmasked: unmasked.dModel,
        dFscModel0Unmasked: unmasked.dFsc0,
        dFscModel0143Unmasked: unmasked.dFsc0143,
        dFscModel05Unmasked: unmasked.dFsc05,
        maskSmoothingRadiusA: smoothingRadiusA,
        resolutionA,
      },
      explanation: texts.explanation,
      criteria: texts.criteria,
      results: texts.results,
      resolutionEstimates: resolutionEstimates(masked),
      tables: [
        {
          id: 'cc_per_chain',
          caption: 'Correlation of the map with the model map per chain (grid points within 2 Å of the chain’s non-hydrogen atoms).',
          columns: [
            { key: 'chain', label: 'Chain' },
            { key: 'residues', label: 'Residues' },
            { key: 'cc', label: 'CC', format: '%5.3f' },
          ],
          rows: perResidue.chains.map((c) => ({ chain: c.chain, residues: c.residues, cc: finiteOrNull(c.cc) })),
        },
      ],
      plots: [...profilePlots(residueRows), residueHistogram(finiteCcs.map((r) => r.cc)), fscPlot(masked, unmasked, reported)],
      notes: [
        ...texts.notes,
        ...(resolutionA < nyquistA ? [`The grid's Nyquist limit (${fmt(nyquistA, '%4.2f')} Å) is coarser than ${fmt(resolutionA, '%4.2f')} Å: the model map holds every frequency of the grid.`] : []),
        ...(map.isIsotropic ? [] : [`The voxels are anisotropic (${map.voxelSize.map((v) => fmt(v, '%.3f')).join(' × ')} Å): the map–model FSC is binned in the shells of the x axis, so its crossings are approximate; d99 and d_model use the true spatial frequency.`]),
        ...(Object.keys(full.untabulated).length > 0 ? [`Atoms of elements without tabulated scattering factors are left out of the model map: ${Object.entries(full.untabulated).map(([e, n]) => `${e} ×${n}`).join(', ')}.`] : []),
      ],
      ...(texts.warnings.length > 0 ? { abstract: 'The map and the model disagree by the criteria of Phenix validation_cryoem (numbers computed by vrs).' } : {}),
    };
    ctx.progress(1);
    return { section: { kind: 'section', value: section } };
  },
});

/**
 * The unmasked resolutions and the model map at the working resolution, from one transform of each
 * map: the model's spectrum, once used, is cut at 1/resolution and inverted in place.
 */
async function unmaskedPass(map: Float32Array, fullModel: Float32Array, dims: Vec3, voxelSize: Vec3, resolutionA: number) {
  const modelSpectrum = await rfft3d(fullModel, dims);
  const unmasked = resolutionsFromSpectra(await rfft3d(map, dims), modelSpectrum, dims, voxelSize);
  const limit = 1 / resolutionA;
  applyRadialFilter(modelSpectrum, dims, (f) => (f <= limit ? 1 : 0), { voxelSize });
  const working = Float32Array.from(await irfft3d(modelSpectrum, dims, { overwriteInput: true }));
  return { unmasked, working };
}

function failed(reason: string): SectionResult {
  return { id: ID, level: 'A', title: TITLE, method: 'Map–model correlations with Phenix validation_cryoem definitions (computed by vrs, not Phenix)', status: 'failed', reason, warnings: [], metrics: {} };
}

function resolutionEstimates(masked: MapModelResolutions): ResolutionEstimate[] {
  const list: [string, number | null][] = [
    ['d99 (map, ours)', masked.d99],
    ['d_model (map–model, ours)', masked.dModel],
    ['d_FSC,model at 0 (masked, ours)', masked.dFsc0],
    ['d_FSC,model at 0.143 (masked, ours)', masked.dFsc0143],
    ['d_FSC,model at 0.5 (masked, ours)', masked.dFsc05],
  ];
  return list.filter((e): e is [string, number] => e[1] !== null && Number.isFinite(e[1])).map(([method, value]) => ({ method, value }));
}

/** One profile per chain over its polymer residues (ligands and waters, numbered apart, would break the line); the mean as a line. */
function profilePlots(rows: { chain: string; seq: number; cc: number; isHetero: boolean }[]): SectionPlot[] {
  const chains = [...new Set(rows.map((r) => r.chain))];
  const plots: SectionPlot[] = [];
  for (const chain of chains) {
    const points = rows.filter((r) => r.chain === chain && !r.isHetero && Number.isFinite(r.cc));
    if (points.length === 0) continue;
    const mean = points.reduce((s, r) => s + r.cc, 0) / points.length;
    plots.push({
      id: `cc_per_residue_${chain.trim() || '_'}`,
      caption: `Chain ${chain.trim() || '(blank)'}: correlation of the map with the model map per residue (grid points within 2 Å of its non-hydrogen atoms), with the chain mean (${fmt(mean, '%5.3f')}).`,
      kind: 'line',
      xLabel: 'Residue number',
      yLabel: 'CC',
      series: [{ label: `Chain ${chain.trim() || '(blank)'}`, x: points.map((r) => r.seq), y: points.map((r) => r.cc), style: 'line' }],
      hLines: [{ y: mean, label: 'mean' }],
    });
  }
  return plots;
}

function residueHistogram(values: number[]): SectionPlot {
  const step = 0.05;
  let smallest = 0;
  for (const v of values) if (v < smallest) smallest = v;
  const low = Math.floor(smallest / step) * step;
  const { counts, edges } = histogram(values, Math.max(1, Math.round((1 - low) / step)), [low, 1]);
  return {
    id: 'cc_per_residue_histogram',
    caption: 'Histogram of the per-residue correlations (all residues, all chains).',
    kind: 'histogram',
    xLabel: 'CC',
    yLabel: 'Residues',
    series: [{ label: 'Residues', x: Array.from(counts, (_, k) => (edges[k]! + edges[k + 1]!) / 2), y: Array.from(counts), binEdges: Array.from(edges), style: 'bars' }],
    vLines: [{ x: RESIDUE_CC_LIMIT, label: String(RESIDUE_CC_LIMIT) }],
  };
}

function fscPlot(masked: MapModelResolutions, unmasked: MapModelResolutions, reported: number | undefined): SectionPlot {
  const series = (label: string, r: MapModelResolutions, style: 'line' | 'dashed') => {
    const x: number[] = [];
    const y: number[] = [];
    r.fsc.frequency.forEach((f, i) => {
      const v = r.fsc.fsc[i]!;
      if (Number.isFinite(v)) {
        x.push(f);
        y.push(v);
      }
    });
    return { label, x, y, style };
  };
  return {
    id: 'map_model_fsc',
    caption: 'Model–map FSC (map against the model map to Nyquist), with both maps multiplied by the soft mask around the model (masked) and without (unmasked); the 0.5 threshold.',
    kind: 'line',
    xLabel: 'Spatial frequency 1/d (1/Å)',
    yLabel: 'FSC',
    series: [series('Masked', masked, 'line'), series('Unmasked', unmasked, 'dashed')],
    hLines: [{ y: 0.5, label: '0.5' }],
    vLines: reported !== undefined ? [{ x: 1 / reported, label: `Reported ${reported} Å` }] : [],
  };
}
