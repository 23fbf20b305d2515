import {
  checkSameGrid,
  defineProtocol,
  encodePng,
  formatPrintf,
  histogram,
  renderIsosurfaceViews,
  type SectionFigure,
  type SectionPlot,
  type SectionResult,
  type Volume,
} from '../../../core/index.js';
import { softMasked } from '../../level0/loc-bfactor/localMapSection.js';
import { firstNonFinite, hasCubicVoxels } from '../../shared/localResolutionChecks.js';
import { modelNotFittedSection, type ModelPlacement } from '../../shared/placedModel.js';
import { computeFscQ, fscQStatistics, FSCQ_BOX, FSCQ_HALVES_CUTOFF, FSCQ_MODEL_CUTOFF, FSCQ_MODEL_LEVEL, type FscQStatistics } from './fscQ.js';
import { placementInput } from '../../shared/levelADeclarations.js';
import { CARDONE_2013, FSCQ_2021, PENG_1996 } from '../../shared/methodReferences.js';

const ID = 'A.b';
const TITLE = 'FSC-Q';
/** Warn when more than this percent of the atom voxels have |FSC-Qr| > 1.5. */
export const FSCQ_OUTLIER_PERCENT = 10;
/** Homogeneity guard on the clipped percentiles (vrs-spec §12.2: eps 0.1). */
export const FSCQ_HOMOGENEITY_EPS = 0.1;
const VIEW_RANGE: [number, number] = [-3, 3];

const BASE = {
  id: ID,
  level: 'A',
  title: TITLE,
  summaryLabel: `${ID} ${TITLE}`,
  references: [FSCQ_2021, CARDONE_2013, PENG_1996],
  explanation:
    'FSC-Q (Ramírez-Aportela et al., Nat. Commun. 12:42, 2021) compares, voxel by voxel, how far the atomic model is supported by the map with how far the two half maps support each other. '
    + `Around every voxel of the molecule a local FSC is computed in a ${FSCQ_BOX}-voxel box twice: map against the model map (local resolution L_mm where it falls below ${FSCQ_MODEL_CUTOFF}) and half map 1 against half map 2 (L_hh where it falls below ${FSCQ_HALVES_CUTOFF}). `
    + 'FSC-Q = L_mm − L_hh (Å) and the relative FSC-Qr = FSC-Q / L_hh. Values near 0 mean that the model agrees with the map as far as the map\'s own local resolution allows; positive values mean that the model is not supported there (it agrees with the map only at coarser resolution than the halves do: misplaced or missing atoms, or density the model does not explain); '
    + 'clearly negative values mean that the model agrees with the map beyond what the noise between the halves allows, as when it was refined into the noise of this map. The statistics are over the voxels inside the atoms (model map above 0.97, Xmipp units).',
  criteria: `The validation is OK if at most ${FSCQ_OUTLIER_PERCENT}% of the voxels inside the atoms have |FSC-Qr| > 1.5 and the distribution of FSC-Qr (clipped to ±1.5) is not suspiciously homogeneous (2.5% and 97.5% percentiles closer than ${FSCQ_HOMOGENEITY_EPS}).`,
} as const;

/**
 * A.b FSC-Q (vrs-spec §12.2, algorithms.md §4.5): local resolution of the map against the
 * Xmipp-style model map (BlocRes, FSC 0.67) minus that of the half maps (FSC 0.5), raw and relative
 * to the halves' local resolution, summarised over the voxels inside the atoms (model map > 0.97):
 * mean, 95 % interval, percent beyond ±1.5, histogram of the clipped values, and the soft-masked map
 * coloured by FSC-Qr in [−3, 3]. Labelled A.b alone (B20: the conversion has no section here).
 */
export const fscQProtocol = defineProtocol({
  id: 'vrs.fscQ',
  version: '1',
  title: 'FSC-Q',
  description: 'FSC-Q and FSC-Qr: local resolution of the map against the model map minus that of the half maps (BlocRes), over the voxels inside the atoms.',
  execution: 'worker',
  costHint: 20,
  section: { id: ID, level: 'A', title: TITLE },
  params: {
    resolution: { type: 'number', min: 0, description: 'Reported resolution in Å (not used by FSC-Q, which compares local resolutions; accepted for the workflow).' },
    threshold: { type: 'number', description: 'Contour level of the coloured surface views of the soft-masked map (no views without it).' },
    step: {
      type: 'integer', min: 0, default: 0,
      description: 'Distance in voxels between measured BlocRes boxes, the voxels between filled trilinearly; 1 measures every voxel as the original (blocres -step 1); 0 chooses the smallest step that measures at most maxBoxes boxes per run.',
    },
    maxBoxes: { type: 'integer', min: 1, default: 20000, description: 'With step 0: most boxes measured by each of the two BlocRes runs (about 1 ms of one core each).' },
  },
  inputs: {
    map: { kind: 'volume', description: 'The full map (vrs.importMap).' },
    half1: { kind: 'volume', description: 'The first half map (vrs.importMap).' },
    half2: { kind: 'volume', description: 'The second half map (vrs.importMap).' },
    softMask: { kind: 'volume', description: 'The soft mask of the map (vrs.softMask): BlocRes measures the voxels ≥ 0.5.' },
    placement: placementInput,
    modelMap: { kind: 'volume', description: 'The Xmipp-style model map (vrs.modelMap).' },
  },
  outputs: {
    section: { kind: 'section' },
    fscQr: { kind: 'volume', optional: true, description: 'FSC-Qr on the map grid (0 where BlocRes measured nothing); absent when the section did not measure.' },
  },
  async run(ctx) {
    const started = performance.now();
    const placement = await ctx.inputs.json<ModelPlacement>('placement');
    if (!placement.fitted) return { section: { kind: 'section', value: modelNotFittedSection(ID, TITLE, placement) } };
    const map = await ctx.inputs.volume('map');
    const half1 = await ctx.inputs.volume('half1');
    const half2 = await ctx.inputs.volume('half2');
    const softMask = await ctx.inputs.volume('softMask');
    const modelMap = await ctx.inputs.volume('modelMap');
    const failed = (reason: string) => ({ section: { kind: 'section' as const, value: { ...BASE, method: 'not run', status: 'failed' as const, reason, warnings: [], metrics: {} } } });
    for (const [name, volume] of [['half map 1', half1], ['half map 2', half2], ['soft mask', softMask], ['model map', modelMap]] as const) {
      checkSameGrid(map, volume, { reference: 'map', other: name });
    }
    for (const [name, volume] of [['map', map], ['half map 1', half1], ['half map 2', half2], ['soft mask', softMask]] as const) {
      const bad = firstNonFinite(volume);
      if (bad >= 0) return failed(`The ${name} has a NaN or infinite value (voxel ${bad}): the local FSC cannot be computed.`);
    }
    if (!hasCubicVoxels(map.voxelSize)) return failed(`BlocRes needs cubic voxels; the map has ${map.voxelSize.join(' × ')} Å.`);
    if (map.dims.some((d) => d < FSCQ_BOX)) return failed(`The map (${map.dims.join(' × ')} voxels) is smaller than the ${FSCQ_BOX}-voxel BlocRes box.`);
    let inside = 0;
    for (let i = 0; i < modelMap.data.length; i++) if (modelMap.data[i]! > FSCQ_MODEL_LEVEL) inside++;
    if (inside === 0) return failed(`No voxel of the model map exceeds ${FSCQ_MODEL_LEVEL}: the model could not be converted into the box (no atom inside it).`);

    const fsc = await computeFscQ(
      { map: map.data, modelMap: modelMap.data, half1: half1.data, half2: half2.data, softMask: softMask.data },
      map.dims,
      {
        voxelSize: map.voxelSize[0],
        step: ctx.params.step === 0 ? 'auto' : ctx.params.step,
        maxBoxes: ctx.params.maxBoxes,
        signal: ctx.signal,
        onProgress: (fraction, message) => ctx.progress(0.02 + 0.88 * fraction, message),
      },
    );
    if (fsc.modelRun.targetVoxels === 0) {
      return failed(`The soft mask has no voxel ≥ 0.5 at least ${FSCQ_BOX / 2} voxels from the box edge: there is nothing for BlocRes to measure.`);
    }
    const stats = fscQStatistics(fsc, modelMap.data);
    if (stats === null) {
      return failed(`None of the ${inside} voxels inside the atoms (model map > ${FSCQ_MODEL_LEVEL}) was measured by BlocRes (soft mask ≥ 0.5, box inside the map): the model lies outside the masked molecule.`);
    }
    const step = fsc.modelRun.step;
    const fscQrVolume = map.withData(fsc.fscQr);

    ctx.progress(0.92, 'views');
    const threshold = ctx.params.threshold;
    const views = threshold === undefined ? null : fscQrViews(softMasked(map, softMask), threshold, fscQrVolume);

    const warnings: string[] = [];
    const homogeneous = Math.abs(stats.clippedP97_5 - stats.clippedP2_5) < FSCQ_HOMOGENEITY_EPS;
    const outliers = stats.percentAbsAbove15 > FSCQ_OUTLIER_PERCENT;
    if (homogeneous) {
      warnings.push(`The FSC-Qr values look too homogeneous (the 2.5% and 97.5% percentiles of the values clipped to ±1.5 differ by less than ${FSCQ_HOMOGENEITY_EPS}); the program may have had problems.`);
    }
    if (outliers) {
      warnings.push(`${f(stats.percentAbsAbove15, '%5.1f')}% of the voxels inside the atoms have |FSC-Qr| > 1.5 (more than ${FSCQ_OUTLIER_PERCENT}%): large parts of the model are not supported by the map, or are fitted into its noise.`);
    }
    const notes = [
      `Our re-implementation of the computation of Xmipp's "validate FSC-Q" (two runs of our BlocRes re-implementation, box ${fsc.modelRun.config.box} padded to ${fsc.modelRun.padded}, Hann taper, high-resolution limit ${fsc.modelRun.hiRes.toFixed(2)} Å = Nyquist), not the Xmipp or Bsoft programs. `
      + (step === 1
        ? 'Every voxel was measured, as in the original (blocres -step 1).'
        : `Each run measured ${fsc.modelRun.boxes} boxes, every ${step} voxels along each axis, and filled the voxels in between by trilinear interpolation; the original measures every voxel (blocres -step 1), which takes hours in JavaScript on large maps.`),
      `The model map is our Xmipp-style conversion (5-Gaussian profiles read as Xmipp reads them, low-pass σ = 0.4 voxel, no B-factors); its level 0.97 is an absolute threshold inherited from the original: on the test models 98–100% of the voxels above it lie within the van der Waals radius of an atom, and most atom centres are above it.`,
      ...(stats.unmeasuredInside > 0 ? [`${stats.unmeasuredInside} voxels inside the atoms lie where BlocRes measures nothing (soft mask below 0.5 or within ${FSCQ_BOX / 2} voxels of the box edge) and are left out; the original counts them as 0.`] : []),
      ...(views === null ? [threshold === undefined ? 'No threshold was given: no surface views.' : `No voxel of the soft-masked map reaches the threshold ${threshold}: no surface views.`] : []),
    ];
    ctx.logger.info('timings', { totalSeconds: (performance.now() - started) / 1000, mapModelSeconds: fsc.modelRun.timings.boxesMs / 1000, halvesSeconds: fsc.halvesRun.timings.boxesMs / 1000 });
    const section: SectionResult = {
      ...BASE,
      method: `FSC-Q and FSC-Qr, Xmipp's definition (Ramírez-Aportela et al. 2021), computed by vrs with its BlocRes re-implementation${step === 1 ? '' : ` (every ${step} voxels, trilinear fill)`}`,
      status: warnings.length > 0 ? 'warnings' : 'ok',
      warnings,
      metrics: {
        meanFscQr: stats.mean,
        interval: [stats.p2_5, stats.p97_5],
        percentAbsAbove15: stats.percentAbsAbove15,
        clippedInterval: [stats.clippedP2_5, stats.clippedP97_5],
        meanFscQ: stats.meanFscQ,
        voxelsInsideAtoms: stats.values.length,
        unmeasuredInsideAtoms: stats.unmeasuredInside,
        modelMapLevel: FSCQ_MODEL_LEVEL,
        box: fsc.modelRun.config.box,
        step,
        boxesMeasuredPerRun: fsc.modelRun.boxes,
        cutoffs: { mapModel: FSCQ_MODEL_CUTOFF, halves: FSCQ_HALVES_CUTOFF },
        highResolutionLimit: fsc.modelRun.hiRes,
      },
      results: [
        `Over the ${stats.values.length} voxels inside the atoms (model map > ${FSCQ_MODEL_LEVEL}), the mean FSC-Qr is ${f(stats.mean, '%5.2f')} and 95% of the values lie in [${f(stats.p2_5, '%5.2f')}, ${f(stats.p97_5, '%5.2f')}]; ${f(stats.percentAbsAbove15, '%5.1f')}% have |FSC-Qr| > 1.5. The mean FSC-Q is ${f(stats.meanFscQ, '%5.2f')} Å.`,
        'FSC-Q uses the local resolutions only (map against model map at FSC 0.67, half maps at FSC 0.5); the reported resolution does not enter it.',
      ],
      plots: [histogramPlot(stats)],
      figures: views ? [views.figure] : [],
      notes,
      ...(outliers
        ? { abstract: 'FSC-Q finds a significant part of the atomic model not supported by the map (or fitted into its noise).' }
        : homogeneous
          ? { abstract: 'FSC-Q is suspiciously uniform over the atomic model: the model agrees with the map everywhere exactly as well as the half maps agree with each other, which can happen for a model made from the map itself.' }
          : {}),
    };
    ctx.progress(1);
    return {
      section: { kind: 'section', value: section, ...(views ? { files: views.files } : {}) },
      fscQr: { kind: 'volume', value: fscQrVolume },
    };
  },
});

function histogramPlot(stats: FscQStatistics): SectionPlot {
  const clipped = stats.values.map((v) => Math.min(1.5, Math.max(-1.5, v)));
  const { counts, edges } = histogram(clipped, 25);
  return {
    id: 'fscq_histogram',
    caption: 'Histogram of FSC-Qr inside the atoms, clipped to [−1.5, 1.5] (the end bins hold the values beyond).',
    kind: 'histogram',
    xLabel: 'FSC-Qr',
    yLabel: 'Voxels',
    series: [{ label: 'FSC-Qr', x: Array.from(counts, (_, k) => (edges[k]! + edges[k + 1]!) / 2), y: Array.from(counts), binEdges: Array.from(edges), style: 'bars' }],
    vLines: [{ x: -1.5, label: '−1.5' }, { x: 1.5, label: '1.5' }],
  };
}

/** The soft-masked map's surface from the three standard views, coloured by FSC-Qr (jet, [−3, 3]). */
function fscQrViews(map: Volume<Float32Array>, threshold: number, fscQr: Volume<Float32Array>): { figure: SectionFigure; files: Record<string, Uint8Array> } | null {
  const views = renderIsosurfaceViews(map, { threshold, colorBy: { volume: fscQr, range: VIEW_RANGE, palette: 'jet', skipZeros: true } });
  if (views.empty) return null;
  const files: Record<string, Uint8Array> = {};
  const panels = views.images.map((image, i) => {
    const file = `fscq_view${i + 1}.png`;
    files[file] = encodePng(image);
    return { file, caption: `View ${i + 1} (${views.angles[i]!.join(', ')})`, width: image.width, height: image.height };
  });
  return {
    figure: {
      id: 'fscq_views',
      caption: `Surface of the soft-masked map at threshold ${threshold} coloured by FSC-Qr, from ${VIEW_RANGE[0]} (blue) to ${VIEW_RANGE[1]} (red).`,
      panels,
      colorBar: { min: VIEW_RANGE[0], max: VIEW_RANGE[1], label: 'FSC-Qr', palette: 'jet' },
    },
    files,
  };
}

function f(value: number, format: string): string {
  return formatPrintf(value, format).trim();
}
