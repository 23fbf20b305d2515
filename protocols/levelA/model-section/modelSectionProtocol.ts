import { defineProtocol, formatPrintf, type SectionResult } from '../../../core/index.js';
import type { MapInfo } from '../../preprocessing/import-map/MapInfo.js';
import { placedModel, type ModelPlacement } from '../../shared/placedModel.js';
import type { ModelInfo } from '../import-model/ModelInfo.js';
import { backboneTrace } from './backboneTrace.js';
import { modelTraceFigure } from './modelTraceFigure.js';
import { mapInfoInput, mapInput, modelInfoInput, modelInput, placementInput } from '../../shared/levelADeclarations.js';

const ID = 'model';
const TITLE = 'Atomic model';

/**
 * The "Atomic model" input section of level A (vrs-spec §12.0): what the model file holds (name,
 * SHA-256, format, chains, residues, atoms, elements, mean B, the reader's notes), where level A
 * puts it (the fit check's shift), and three views of its backbone trace over the map's surface
 * at the contour — in place of the original's cartoon views. It describes an input, so it has no
 * criteria; a model that does not fit is still described and drawn (alone, as given).
 */
export const modelSectionProtocol = defineProtocol({
  id: 'vrs.modelSection',
  version: '1',
  title: 'Atomic model',
  description: 'Describes the atomic model (file, SHA-256, chains, counts, mean B, placement) and draws its backbone trace coloured by chain over the map isosurface from the three standard views.',
  execution: 'worker',
  section: { id: ID, level: 'input', title: TITLE },
  params: {
    threshold: { type: 'number', required: true, description: 'Contour level of the map surface drawn under the trace (density units of the map).' },
  },
  inputs: {
    map: mapInput,
    mapInfo: mapInfoInput,
    model: modelInput,
    modelInfo: modelInfoInput,
    placement: placementInput,
  },
  outputs: {
    section: { kind: 'section' },
  },
  async run(ctx) {
    const placement = await ctx.inputs.json<ModelPlacement>('placement');
    const info = await ctx.inputs.json<ModelInfo>('modelInfo');
    const mapInfo = await ctx.inputs.json<MapInfo>('mapInfo');
    const threshold = ctx.params.threshold;
    const shift = placement.fitted ? placement.shiftA : ([0, 0, 0] as const);
    const shifted = shift.some((v) => v !== 0);
    const placed = await placedModel(ctx.inputs.path('model'), [...shift]);
    const pieces = backboneTrace(placed);
    ctx.progress(0.2, 'trace views');
    const map = placement.fitted ? { volume: await ctx.inputs.volume('map'), threshold } : undefined;
    const made = modelTraceFigure(pieces, { id: 'model_trace', chains: info.chains.map((c) => c.id), ...(map ? { map } : {}) });

    const fmtShift = (v: readonly number[]) => `(${v.map((x) => x.toFixed(2)).join(', ')}) Å`;
    const elements = Object.entries(info.elements)
      .sort((a, b) => b[1] - a[1])
      .map(([element, n]) => `${element[0]}${element.slice(1).toLowerCase()} ${n}`)
      .join(', ');
    const tracedResidues = pieces.reduce((n, p) => n + p.residues.length, 0);
    const results = [
      `Atomic model: ${info.fileName}.`,
      `SHA-256: ${info.sha256}${info.sha256Decompressed ? ` (gzip file; SHA-256 of the decompressed text: ${info.sha256Decompressed})` : ''}.`,
      `Format: ${info.format === 'pdb' ? 'PDB' : 'mmCIF'}${info.format === 'mmcif' ? ` (chain and residue ids: ${info.idScheme === 'auth' ? 'author' : info.idScheme} scheme)` : ''}.`,
      `${info.chains.length} chain${info.chains.length === 1 ? '' : 's'}, ${info.residues} residues, ${info.atoms} atoms (${info.hydrogens} hydrogens, ${info.heteroAtoms} hetero atoms, of which ${info.waters} in waters). Counts are of the first model and the first conformer at alternate locations, which level A uses.`,
      `Elements: ${elements}.`,
      `Mean B-factor: ${formatPrintf(info.meanB, '%.2f')} Å².`,
    ];
    if (!placement.fitted) {
      results.push(
        `The model does not fit the map (A.fit: ${placement.reason ?? `masked CC ${formatPrintf(placement.ccMask, '%.3f')}`}). It is drawn as given in the file, without the map; the level-A analyses are skipped.`,
      );
    } else if (shifted) {
      results.push(`Placement: level A uses the model translated by ${fmtShift(shift)} (the origin the fit check found best, masked CC ${formatPrintf(placement.ccMask, '%.3f')}); the file is not changed. The views show the model so placed.`);
    } else {
      results.push(`Placement: the model is used as given in the file (no shift; masked CC ${formatPrintf(placement.ccMask, '%.3f')} at ${formatPrintf(placement.resolutionA, '%.2f')} Å).`);
    }
    results.push(
      tracedResidues === 0
        ? 'The model has no CA (amino acid) or P (nucleotide) atoms: there is no backbone to trace, and the views show the map only.'
        : `Backbone trace: ${tracedResidues} residues in ${pieces.length} unbroken piece${pieces.length === 1 ? '' : 's'}.`,
    );
    if (map) results.push(`The views draw the trace over the isosurface of ${mapInfo.fileName} at threshold ${formatPrintf(threshold, '%f')}.`);
    if (map && made.surfaceEmpty) results.push(`No voxel of the map reaches the threshold ${formatPrintf(threshold, '%f')}: the views show the trace without a surface.`);

    const section: SectionResult = {
      id: ID,
      // A chapter of its own that opens level A, as "Half maps" opens level 1.
      level: 'input',
      title: TITLE,
      method: 'Model file description and backbone-trace views over the isosurface (ours, rendered in-process)',
      status: 'no-criteria',
      warnings: [],
      metrics: {
        fileName: info.fileName,
        sha256: info.sha256,
        ...(info.sha256Decompressed ? { sha256Decompressed: info.sha256Decompressed } : {}),
        format: info.format,
        chains: info.chains.length,
        residues: info.residues,
        atoms: info.atoms,
        hydrogens: info.hydrogens,
        heteroAtoms: info.heteroAtoms,
        waters: info.waters,
        elements: info.elements,
        meanB: info.meanB,
        fitted: placement.fitted,
        shiftA: [...shift],
        tracedResidues,
        tracePieces: pieces.length,
        threshold,
      },
      explanation:
        "The atomic model as level A uses it: the file's first model and, at alternate locations, the first conformer, translated by the shift the fit check chose (if any). The views show the backbone trace — a stick from each amino acid's CA atom to the next one's, and from each nucleotide's P atom to the next one's, broken at chain ends and wherever consecutive atoms are further apart than a bond of the trace (4.2 Å for CA–CA, 8 Å for P–P) — coloured by chain, over the map's isosurface at the contour, seen from the same three orientations as the map's isosurface views. The trace is drawn on top of the surface, so a stretch that sticks out beyond the surface's outline lies outside the density at this contour; stretches seen over the surface may lie in front of it or inside it.",
      results,
      tables: [
        {
          id: 'model_chains',
          caption: 'Chains of the model: residues and atoms (first model, first conformer).',
          columns: [
            { key: 'chain', label: 'Chain' },
            { key: 'residues', label: 'Residues' },
            { key: 'atoms', label: 'Atoms' },
          ],
          rows: info.chains.map((c) => ({ chain: c.id === '' ? '(blank)' : c.id, residues: c.residues, atoms: c.atoms })),
        },
        made.legend,
      ],
      figures: [made.figure],
      notes: [...info.notes],
    };
    ctx.progress(1);
    return { section: { kind: 'section', value: section, files: made.files } };
  },
});
