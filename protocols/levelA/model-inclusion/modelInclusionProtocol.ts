import { defineProtocol, formatPrintf, type SectionResult, finiteOrNull } from '../../../core/index.js';
import { fittedModelOrStop, mapAndModelInputs } from '../../shared/levelADeclarations.js';
import { atomValues, inclusionAt, inclusionScan } from './atomInclusion.js';
import { EMDB_VA_2022 } from '../../shared/methodReferences.js';

const ID = 'A.inclusion';
const TITLE = 'Atom and residue inclusion';
/** Residues listed in the table of the least included. */
const LOW_RESIDUES_SHOWN = 20;

/**
 * Atom and residue inclusion as EMDB's validation analysis (VA) defines them (Wang, Patwardhan &
 * Kleywegt, Acta Cryst. D78, 542–552, 2022; the VA package's inclusion module): the fraction of the
 * model's non-hydrogen atoms (waters left out) at which the map, interpolated trilinearly, is above
 * the recommended contour; the same for the backbone atoms; and for each residue the fraction of
 * its atoms inside. VA gives no single residue number, so we summarise its per-residue values as
 * the fraction of residues with at least half of their atoms inside (and their mean). VA and the
 * wwPDB report show these numbers without a pass/fail limit, so neither do we: no criteria.
 */
export const modelInclusionProtocol = defineProtocol({
  id: 'vrs.modelInclusion',
  version: '1',
  title: TITLE,
  description: "Fraction of the model's atoms (all non-hydrogen, backbone) and residues inside the map's contour, EMDB validation-analysis definitions, with a scan over contour levels.",
  execution: 'worker',
  section: { id: ID, level: 'A', title: TITLE },
  params: {
    threshold: { type: 'number', required: true, description: 'The recommended contour level (density units of the map).' },
  },
  inputs: mapAndModelInputs,
  outputs: {
    section: { kind: 'section' },
  },
  async run(ctx) {
    const fitted = await fittedModelOrStop(ctx, ID, TITLE);
    if (fitted.stop) return fitted.stop;
    const { placement } = fitted;
    const threshold = ctx.params.threshold;
    const map = await ctx.inputs.volume('map');
    const placed = fitted.model;
    const av = atomValues(map, placed);
    if (av.values.length === 0) {
      const section: SectionResult = {
        id: ID,
        level: 'A',
        title: TITLE,
        method: 'Atom inclusion, EMDB validation-analysis definition (computed by vrs)',
        references: [EMDB_VA_2022],
        status: 'not-applicable',
        reason: 'the model has no non-hydrogen atoms outside waters',
        warnings: [],
        metrics: {},
      };
      return { section: { kind: 'section', value: section } };
    }
    const at = inclusionAt(av, threshold);
    let mapMin = Infinity;
    let mapMax = -Infinity;
    for (let i = 0; i < map.data.length; i++) {
      const v = map.data[i]!;
      if (v < mapMin) mapMin = v;
      if (v > mapMax) mapMax = v;
    }
    const scan = inclusionScan(av, mapMin, mapMax, threshold);
    const pct = (v: number) => (Number.isFinite(v) ? `${formatPrintf(100 * v, '%.1f')} %` : 'not defined');
    const low = at.perResidue
      .filter((r) => r.inclusion < 0.5)
      .sort((a, b) => a.inclusion - b.inclusion)
      .slice(0, LOW_RESIDUES_SHOWN);
    const residuesBelowHalf = at.perResidue.filter((r) => r.inclusion < 0.5).length;

    const results = [
      `At the contour ${formatPrintf(threshold, '%f')}: atom inclusion ${pct(at.atomInclusion)} of ${at.atoms} non-hydrogen atoms; backbone inclusion ${pct(at.backboneInclusion)} of ${at.backboneAtoms} backbone atoms; residue inclusion ${pct(at.residueInclusion)} of ${at.perResidue.length} residues have at least half of their atoms inside (mean per-residue inclusion ${pct(at.meanResidueInclusion)}). No resolution enters these numbers: only the map value at each atom and the contour.`,
    ];
    if (av.outsideBox > 0) results.push(`${av.outsideBox} atoms lie outside the map box; they count as outside the contour.`);
    if (residuesBelowHalf > 0) results.push(`${residuesBelowHalf} residues have less than half of their atoms inside the contour${low.length < residuesBelowHalf ? `; the ${low.length} least included are listed` : ''}.`);
    const notes: string[] = [];
    if (av.hydrogensSkipped > 0) notes.push(`${av.hydrogensSkipped} hydrogen atoms are not counted (as in EMDB's validation analysis).`);
    if (av.waterAtomsSkipped > 0) notes.push(`${av.waterAtomsSkipped} water atoms are not counted (as in EMDB's validation analysis).`);

    const section: SectionResult = {
      id: ID,
      level: 'A',
      title: TITLE,
      method: "Atom and residue inclusion, EMDB validation-analysis definitions (computed by vrs)",
      references: [EMDB_VA_2022],
      status: 'no-criteria',
      warnings: [],
      metrics: {
        atomInclusion: at.atomInclusion,
        residueInclusion: finiteOrNull(at.residueInclusion),
        backboneInclusion: finiteOrNull(at.backboneInclusion),
        meanResidueInclusion: finiteOrNull(at.meanResidueInclusion),
        threshold,
        atoms: at.atoms,
        backboneAtoms: at.backboneAtoms,
        residues: at.perResidue.length,
        atomsOutsideBox: av.outsideBox,
        perChain: at.perChain.map((c) => ({ ...c, atomInclusion: finiteOrNull(c.atomInclusion), backboneInclusion: finiteOrNull(c.backboneInclusion), residueInclusion: finiteOrNull(c.residueInclusion) })),
        shiftA: [...placement.shiftA],
      },
      explanation:
        "Atom inclusion is the fraction of the model's atoms that lie inside the map's surface at the recommended contour, as EMDB's validation analysis (VA) computes it: the map is interpolated trilinearly at each atom (Å to voxel through the map's origin and voxel size), and an atom is inside when that value is above the contour; atoms outside the box are outside. Hydrogens and waters are not counted. Backbone inclusion is the same over the backbone atoms (N, CA, C, O, OXT of amino acids; P, O5', C5', C4', C3', O3' of nucleotides — VA's list). VA's residue inclusion is, per residue, the fraction of its atoms inside; we summarise it as the fraction of residues with at least half of their atoms inside, and as its mean. A well-fitted model at a sensible contour has most atoms inside; low inclusion means atoms outside the density (misfit, or parts the map does not resolve), or a contour set too high. The plot shows how the fractions fall as the contour rises.",
      criteria:
        "None. EMDB's validation analysis and the wwPDB validation report show atom and residue inclusion without a pass/fail limit, so this section has no automatic criteria; read it with the contour in mind (inclusion depends on it directly).",
      results,
      tables: [
        {
          id: 'inclusion_chains',
          caption: 'Inclusion per chain at the recommended contour (non-hydrogen atoms, waters left out).',
          columns: [
            { key: 'chain', label: 'Chain' },
            { key: 'atoms', label: 'Atoms' },
            { key: 'atomInclusion', label: 'Atom inclusion', format: '%5.3f' },
            { key: 'backboneInclusion', label: 'Backbone inclusion', format: '%5.3f' },
            { key: 'residues', label: 'Residues' },
            { key: 'residueInclusion', label: 'Residues ≥ half inside', format: '%5.3f' },
          ],
          rows: at.perChain.map((c) => ({
            chain: c.chain === '' ? '(blank)' : c.chain,
            atoms: c.atoms,
            atomInclusion: finiteOrNull(c.atomInclusion),
            backboneInclusion: finiteOrNull(c.backboneInclusion),
            residues: c.residues,
            residueInclusion: finiteOrNull(c.residueInclusion),
          })),
        },
        ...(low.length > 0
          ? [
              {
                id: 'inclusion_low_residues',
                caption: `Residues with less than half of their atoms inside the contour (the ${low.length} least included).`,
                columns: [
                  { key: 'residue', label: 'Residue' },
                  { key: 'atoms', label: 'Atoms' },
                  { key: 'inclusion', label: 'Inclusion', format: '%5.3f' },
                ],
                rows: low.map((r) => ({ residue: `${r.chain === '' ? '' : `${r.chain}:`}${r.name} ${r.seq}${r.insertionCode}`, atoms: r.atoms, inclusion: r.inclusion })),
              },
            ]
          : []),
      ],
      plots: [
        {
          id: 'inclusion_scan',
          caption: `Inclusion against the contour level (129 levels from the map minimum to the maximum, as EMDB's validation analysis scans them); the recommended contour ${formatPrintf(threshold, '%f')} is marked.`,
          kind: 'line',
          xLabel: 'Contour level',
          yLabel: 'Fraction inside',
          series: [
            { label: 'All non-hydrogen atoms', x: scan.levels, y: scan.atoms, style: 'line' },
            ...(at.backboneAtoms > 0 ? [{ label: 'Backbone atoms', x: scan.levels, y: scan.backbone, style: 'dashed' as const }] : []),
            { label: 'Residues with ≥ half of their atoms inside', x: scan.levels, y: scan.residues, style: 'line' },
          ],
          vLines: [{ x: threshold, label: 'recommended contour' }],
        },
      ],
      notes,
    };
    ctx.progress(1);
    return { section: { kind: 'section', value: section } };
  },
});
