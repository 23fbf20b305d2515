import { defineProtocol, helixHandedness, sheetTwist, type SheetTwistResult } from '../../../core/index.js';
import {
  candidateViews,
  failedSection,
  HELIX_HAND_SECTION,
  helixHandNotApplicable,
  helixHandSection,
  notApplicableSection,
} from './helixHandSection.js';

/**
 * 0.h Hand (vrs-spec §6.8; algorithms §5.2): the non-neural α-helix handedness test standing in for
 * DeepHand. Score in [0, 1] (0 = right-handed helices, the correct hand); warnings above 0.4
 * (uncertain) and 0.5 (flipped). Does not apply without a resolution or above 5 Å. When the map has
 * no helix candidate the β-sheet twist test (our own) is tried instead; "could not be measured" when
 * it is undecided too.
 */
export const helixHandProtocol = defineProtocol({
  id: 'vrs.helixHand',
  version: '2',
  title: 'Hand (α-helix handedness test)',
  description: 'Fits right- and left-handed ideal α-helices to the tubular density of the map; report section 0.h.',
  execution: 'worker',
  costHint: 5,
  section: HELIX_HAND_SECTION,
  params: {
    threshold: { type: 'number', required: true, description: 'Contour level: helix candidates lie where the map reaches it (density units of the map).' },
    resolution: { type: 'number', min: 0, description: 'Reported resolution in Å (the test applies at ≤ 5 Å).' },
    minCorrelation: { type: 'number', min: 0, max: 1, default: 0.7, description: 'A tube is a helix candidate when it fits either template with at least this correlation.' },
    sampling: { type: 'number', min: 0.5, max: 2, default: 1, description: 'Working voxel size (Å).' },
  },
  inputs: {
    map: { kind: 'volume', description: 'The map (vrs.importMap).' },
  },
  outputs: {
    section: { kind: 'section' },
  },
  async run(ctx) {
    const { threshold, resolution, minCorrelation, sampling } = ctx.params;
    const map = await ctx.inputs.volume('map');
    const notApplicable = helixHandNotApplicable(resolution, map.voxelSize);
    if (notApplicable !== null || resolution === undefined) return { section: { kind: 'section', value: notApplicableSection(notApplicable ?? '') } };
    let nonFinite = 0;
    for (let i = 0; i < map.data.length; i++) if (!Number.isFinite(map.data[i]!)) nonFinite++;
    if (nonFinite > 0) {
      return { section: { kind: 'section', value: failedSection(`The map has ${nonFinite} voxel${nonFinite === 1 ? '' : 's'} that are not finite numbers (NaN or infinite); the hand test cannot filter it.`) } };
    }
    const notes: string[] = [];
    const coarsest = Math.max(...map.voxelSize);
    if (resolution < 2 * coarsest * (1 - 1e-6)) {
      notes.push(`The reported resolution (${resolution} Å) is finer than twice the voxel size (${coarsest.toPrecision(4)} Å); the test only uses detail down to 5 Å.`);
    }
    const result = await helixHandedness(map, {
      threshold,
      resolution,
      minCorrelation,
      sampling,
      signal: ctx.signal,
      progress: (fraction, message) => ctx.progress(0.8 * fraction, message),
    });
    // No α-helix: read the hand from the twist of β-sheets instead (core/kernels/hand/sheetTwist.ts).
    let sheet: SheetTwistResult | null = null;
    if (result.score === null && result.maskVoxels > 0) {
      sheet = await sheetTwist(map, { threshold, resolution, sampling, signal: ctx.signal, progress: (fraction, message) => ctx.progress(0.8 + 0.1 * fraction, `β-sheet twist: ${message}`) });
      ctx.logger.info('sheet twist', { verdict: sheet.verdict, meanTwist: sheet.meanTwist, zScore: sheet.zScore, agreement: sheet.agreement, patches: sheet.patches.length, pairs: sheet.pairs });
    }
    ctx.logger.info('helix hand', {
      score: result.score,
      candidates: result.candidates.length,
      accepted: result.acceptedCount,
      meanDifference: result.meanDifference,
      grid: result.grid.dims,
    });
    ctx.progress(0.92, 'views');
    const views = result.score === null ? null : candidateViews(map, threshold, result);
    const { section, files } = helixHandSection({ result, resolution, threshold, minCorrelation, views, notes, sheet });
    ctx.progress(1, 'done');
    return { section: { kind: 'section', value: section, ...(Object.keys(files).length > 0 ? { files } : {}) } };
  },
});
