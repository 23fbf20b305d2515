import { defineProtocol, type SectionResult, type Vec3 } from '../../../core/index.js';
import type { MapInfo } from '../../preprocessing/import-map/MapInfo.js';
import { placedModel, type ModelPlacement } from '../../shared/placedModel.js';
import type { ModelInfo } from '../import-model/ModelInfo.js';
import { fitCorrelation, translationSearch } from './fitCorrelation.js';
import { mapInfoInput, mapInput, modelInfoInput, modelInput } from '../../shared/levelADeclarations.js';
import { PENG_1996, VRS_2022 } from '../../shared/methodReferences.js';

/** Masked CC above which map and model are "properly aligned" (the original's Phenix rule, vrs-spec §12.0). */
export const ALIGNED_CC = 0.8;
/** Below this masked CC at every candidate placement the model is judged not to be in the map. */
export const FIT_FLOOR_CC = 0.5;

interface Candidate {
  label: string;
  shift: Vec3;
}

/**
 * The fit check of level A (vrs-spec §12.0 with B18 corrected): the masked correlation of the map
 * with the model map at max(resolution, 3 Å). When it is not above 0.8, the original's candidate
 * origins are tried (the model's geometric centre moved to the header origin, its negation, 0, the
 * box centre and its negation) plus our own (the centre of the box in the map's frame, and the model
 * translated by ± the header origin, the usual frame mix-up) and a translation search over the whole
 * box (cross-correlation by FFT from the model centred in the box); the best placement is kept —
 * the best, not the last tried. A model that correlates below 0.5 wherever it is put does not fit, and level A
 * stops: every later section says so and nothing is evaluated.
 */
export const modelFitProtocol = defineProtocol({
  id: 'vrs.modelFit',
  version: '2',
  title: 'Model fit check',
  description: 'Masked CC of the map with the model map; tries candidate origins when it is poor and decides where level A puts the model, or that it does not fit.',
  execution: 'worker',
  section: { id: 'A.fit', level: 'input', title: 'Fit of the model in the map' },
  params: {
    resolution: { type: 'number', min: 0, description: 'Reported resolution in Å; the fit is judged at max(resolution, 3 Å).' },
  },
  inputs: {
    map: mapInput,
    mapInfo: mapInfoInput,
    model: modelInput,
    modelInfo: modelInfoInput,
  },
  outputs: {
    section: { kind: 'section' },
    placement: { kind: 'json', description: 'ModelPlacement: fitted, shift in Å, masked CC and the resolution it was judged at.' },
  },
  async run(ctx) {
    const map = await ctx.inputs.volume('map');
    const mapInfo = await ctx.inputs.json<MapInfo>('mapInfo');
    const modelInfo = await ctx.inputs.json<ModelInfo>('modelInfo');
    const { atoms } = await placedModel(ctx.inputs.path('model'));
    const reported = ctx.params.resolution;
    const minVoxel = Math.min(...map.voxelSize);
    const resolutionA = reported !== undefined && reported > 0 ? Math.max(reported, 3) : Math.max(3, 2.5 * minVoxel);
    const notes: string[] = [];
    if (!(reported !== undefined && reported > 0)) notes.push(`No resolution was given: the fit is judged at ${resolutionA.toFixed(2)} Å (3 Å, or 2.5 voxels if larger).`);

    ctx.progress(0.05, 'model map');
    const given = await fitCorrelation(map, atoms, resolutionA);
    const tried: { label: string; shift: Vec3; ccMask: number }[] = [{ label: 'as given in the file', shift: [0, 0, 0], ccMask: given.ccMask }];
    if (!(given.ccMask > ALIGNED_CC)) {
      const candidates = candidatePlacements(mapInfo, modelInfo);
      for (const [n, candidate] of candidates.entries()) {
        ctx.progress(0.1 + (0.85 * n) / candidates.length, `candidate origin ${n + 1}/${candidates.length}`);
        // A placement that puts every atom outside the box measures nothing: no model map needed.
        const ccMask = reachesBox(modelInfo, mapInfo, candidate.shift) ? (await fitCorrelation(map, atoms, resolutionA, candidate.shift)).ccMask : Number.NaN;
        tried.push({ ...candidate, ccMask });
      }
      // Beyond the original: a whole-box translation search from the model centred in the box.
      ctx.progress(0.9, 'translation search');
      const centred = candidatePlacements(mapInfo, modelInfo, { mapCentreOnly: true })[0]!;
      const shift = await translationSearch(map, atoms, resolutionA, centred.shift);
      const { ccMask } = await fitCorrelation(map, atoms, resolutionA, shift);
      tried.push({ label: 'translation search (cross-correlation over the box)', shift, ccMask });
    }
    const finite = tried.filter((t) => Number.isFinite(t.ccMask));
    const best = finite.reduce<(typeof tried)[number] | undefined>((b, t) => (b === undefined || t.ccMask > b.ccMask ? t : b), undefined);
    const fitted = best !== undefined && best.ccMask >= FIT_FLOOR_CC;
    const chosen = fitted ? best! : tried[0]!;
    const moved = fitted && chosen !== tried[0];
    const fmt = (v: number) => (Number.isFinite(v) ? v.toFixed(3) : 'not measurable (no atom in the box)');
    const results: string[] = [`Masked correlation of the map with the model map at ${resolutionA.toFixed(2)} Å, model as given: ${fmt(given.ccMask)}.`];
    let reason: string | undefined;
    let abstract: string | undefined;
    if (!fitted) {
      reason = `masked CC ${fmt(given.ccMask)} as given and at most ${fmt(best?.ccMask ?? Number.NaN)} at ${tried.length - 1} other placements (candidate origins and the translation search), below ${FIT_FLOOR_CC}`;
      results.push(
        `The model does not fit the map: the masked correlation stays below ${FIT_FLOOR_CC} at every candidate origin tried (best ${fmt(best?.ccMask ?? Number.NaN)}). The level-A analyses are skipped; fit the model into the map (rigid-body fitting) and validate again.`,
      );
      abstract = 'The atomic model does not fit the map; the level-A analyses were skipped.';
    } else if (moved) {
      results.push(`A better origin was found: the model translated by (${chosen.shift.map((v) => v.toFixed(2)).join(', ')}) Å (${chosen.label}) correlates ${fmt(chosen.ccMask)}. Level A uses the model so placed from now on; the file is not changed.`);
      abstract = 'The atomic model fits the map only after a translation of its origin; check the frame in which it was deposited.';
    } else if (chosen.ccMask > ALIGNED_CC) {
      results.push('Map and model seem properly aligned.');
    } else {
      results.push(`The model is in the map (no candidate origin does better), but its masked correlation is below ${ALIGNED_CC}, the original service's limit for a proper alignment: a loose or partial fit. Level A goes on; read its numbers with this in mind.`);
    }
    const finiteOrNull = (v: number) => (Number.isFinite(v) ? v : null);
    const placement: ModelPlacement = { fitted, shiftA: moved ? chosen.shift : [0, 0, 0], ccMask: finiteOrNull(chosen.ccMask), resolutionA, ...(reason ? { reason } : {}) };
    const section: SectionResult = {
      id: 'A.fit',
      // A chapter of its own that opens level A (after the model section): the gate of the level, not one of its checks.
      level: 'input',
      title: 'Fit of the model in the map',
      method: 'Masked correlation with the 5-Gaussian model map (ours), candidate origins as the original service plus ours',
      references: [VRS_2022, PENG_1996],
      status: 'no-criteria',
      warnings: [],
      metrics: { ccMask: placement.ccMask, fitted, originShiftA: placement.shiftA, resolutionA, candidates: tried.map((t) => ({ ...t, ccMask: finiteOrNull(t.ccMask) })) },
      explanation:
        'Before the model is judged against the map it must be in the map. The model map (each atom a 5-Gaussian electron scattering factor blurred by its B-factor, Fourier-truncated at the resolution shown) is correlated with the map over the voxels within van der Waals radius + 0.2 Å of the model atoms. When the correlation is not above 0.8 the original service tries other origins for the model; we do the same, add a search over every translation of the model in the box (the peak of the cross-correlation of the map with the model map; rotations are not searched), keep the best placement, and stop level A when no placement reaches 0.5.',
      results,
      tables: [
        {
          id: 'fit_candidates',
          caption: 'Placements tried: translation of the model and masked correlation.',
          columns: [
            { key: 'label', label: 'Placement' },
            { key: 'shift', label: 'Translation', unit: 'Å' },
            { key: 'cc', label: 'CC mask', format: '%5.3f' },
          ],
          rows: tried.map((t) => ({ label: t.label, shift: t.shift.map((v) => v.toFixed(2)).join(', '), cc: Number.isFinite(t.ccMask) ? t.ccMask : null })),
        },
      ],
      ...(abstract ? { abstract } : {}),
      notes,
    };
    ctx.progress(1);
    return { section: { kind: 'section', value: section }, placement: { kind: 'json', value: placement } };
  },
});

/** Translations to try, as (label, shift), without duplicates or the null translation. */
export function candidatePlacements(mapInfo: MapInfo, modelInfo: ModelInfo, opts: { mapCentreOnly?: boolean } = {}): Candidate[] {
  const origin = mapInfo.origin;
  const boxCentre = mapInfo.dims.map((n, a) => (n * mapInfo.voxelSize[a]!) / 2) as Vec3;
  // Voxel i sits at origin + i·voxel: the middle of the grid is (N − 1)/2 voxels from the origin.
  const mapCentre = origin.map((o, a) => o + ((mapInfo.dims[a]! - 1) * mapInfo.voxelSize[a]!) / 2) as Vec3;
  const centre = modelInfo.centreA;
  const centreOn = (label: string, point: Vec3): Candidate => ({ label, shift: point.map((p, a) => p - centre[a]!) as Vec3 });
  if (opts.mapCentreOnly) return [centreOn("centre on the map's centre (origin + (N − 1)·voxel/2)", mapCentre)];
  const all: Candidate[] = [
    centreOn('centre on the header origin', origin),
    centreOn('centre on minus the header origin', origin.map((v) => -v) as Vec3),
    centreOn('centre on (0, 0, 0)', [0, 0, 0]),
    centreOn('centre on the box centre (N·voxel/2)', boxCentre),
    centreOn('centre on minus the box centre', boxCentre.map((v) => -v) as Vec3),
    centreOn("centre on the map's centre (origin + (N − 1)·voxel/2)", mapCentre),
    { label: 'translated by the header origin', shift: [...origin] },
    { label: 'translated by minus the header origin', shift: origin.map((v) => -v) as Vec3 },
  ];
  const kept: Candidate[] = [];
  for (const c of all) {
    if (c.shift.every((v) => Math.abs(v) < 0.01)) continue;
    if (kept.some((k) => k.shift.every((v, a) => Math.abs(v - c.shift[a]!) < 0.01))) continue;
    kept.push(c);
  }
  return kept;
}

/** Whether the model's bounding box, translated by `shift`, overlaps the map's box (padded by 5 Å, an atom's reach). */
function reachesBox(modelInfo: ModelInfo, mapInfo: MapInfo, shift: Vec3): boolean {
  return [0, 1, 2].every((a) => {
    const low = mapInfo.origin[a]! - 5;
    const high = mapInfo.origin[a]! + (mapInfo.dims[a]! - 1) * mapInfo.voxelSize[a]! + 5;
    return modelInfo.boundsA.max[a]! + shift[a]! >= low && modelInfo.boundsA.min[a]! + shift[a]! <= high;
  });
}
