import { blocRes, defineProtocol, summarizeLocalResolution, type SectionResult } from '../../../core/index.js';
import { softMasked } from '../../level0/loc-bfactor/localMapSection.js';
import { firstNonFinite, halfMapsWithSoftMask, hasCubicVoxels, sectionEnds } from '../../shared/localResolutionChecks.js';
import { halfMapInputs, localResolutionOutputs, percentileCriterionParams, viewMapInput } from '../../shared/localResolutionDeclarations.js';
import { colouredViews, distributionMetrics, findUnmeasured, localResolutionBase, localResolutionReport, localResolutionValues } from '../../shared/localResolutionReport.js';
import { coverageInput, readCoverage, withPartialMask } from '../../shared/maskCoverageNotes.js';
import { CARDONE_2013 } from '../../shared/methodReferences.js';

export const BLOCRES_SECTION = { id: '1.c', level: '1', title: 'Local resolution (BlocRes)' } as const;
export const BLOCRES_LABEL = '1.c Local resolution (BlocRes)';

const METHOD_BASE =
  'BlocRes (Cardone, Heymann & Steven, J. Struct. Biol. 184:226, 2013), re-implemented after Bsoft blocres: FSC of the two half maps in a Hann-tapered box around each voxel of the soft mask (≥ 0.5), padded twice, linear shell split, local resolution where the FSC last falls below the cutoff';

export const BLOCRES_EXPLANATION =
  'BlocRes computes, around every voxel of the molecule, the Fourier shell correlation between the two half maps restricted to a small box centred on that voxel, '
  + 'and takes as local resolution the frequency where this local FSC falls below 0.5 (as in Bsoft\'s blocres, when the curve dips below the cutoff and recovers, the highest-frequency crossing is taken). The box is tapered smoothly to its edge, so the local FSC mixes neighbouring frequencies '
  + 'over about 2/box cycles per voxel: with strong signal the local resolution can come out somewhat finer than the band limit of the density. '
  + 'A reported resolution much better than most of the local resolutions suggests an over-estimated global resolution.';

/**
 * 1.c Local resolution by BlocRes (vrs-spec §7.3, algorithms §3.3): local FSC of the half maps in
 * 20-voxel boxes at the voxels of the soft mask, reported as the other local-resolution sections
 * (percentiles, percentile of the reported resolution with its 0.1 % warning, homogeneity guard,
 * histogram, views on the soft-masked map, median as estimate).
 */
export const blocResProtocol = defineProtocol({
  id: 'vrs.blocRes',
  version: '2',
  title: 'Local resolution (BlocRes)',
  description: 'Local-resolution map from the local FSC of the two half maps in sliding boxes (the BlocRes method of Bsoft) and its report section 1.c.',
  execution: 'worker',
  costHint: 30,
  section: BLOCRES_SECTION,
  params: {
    ...percentileCriterionParams,
    box: { type: 'integer', min: 4, max: 64, default: 20, description: 'Box edge in voxels (blocres -box).' },
    cutoff: { type: 'number', min: 0.01, max: 0.99, default: 0.5, description: 'FSC threshold of the local resolution (blocres -cutoff).' },
    maxResolution: { type: 'number', min: 0, default: 2, description: 'High-resolution limit in Å (blocres -maxresolution), raised to Nyquist.' },
    step: {
      type: 'integer', min: 0, default: 0,
      description: 'Distance in voxels between measured boxes; the voxels between are filled trilinearly. 1 measures every voxel as the original (blocres -step 1); 0 chooses the smallest step that measures at most maxBoxes boxes.',
    },
    maxBoxes: { type: 'integer', min: 1, default: 40000, description: 'With step 0: most boxes measured (about 1 ms of one core each for box 20).' },
  },
  inputs: {
    coverage: coverageInput,
    ...halfMapInputs,
    softMask: { kind: 'volume', description: 'The soft mask of the map (vrs.softMask): voxels ≥ 0.5 are measured.' },
    map: viewMapInput,
  },
  outputs: localResolutionOutputs('Local resolution (Å) at the measured voxels, 0 elsewhere (blocres -fill 0).'),
  async run(ctx) {
    const started = performance.now();
    const { resolution, threshold } = ctx.params;
    const { half1, half2, softMask, map } = await halfMapsWithSoftMask(ctx.inputs);
    const base = localResolutionBase(BLOCRES_SECTION, { summaryLabel: BLOCRES_LABEL, method: METHOD_BASE, explanation: BLOCRES_EXPLANATION });
    const { failed } = sectionEnds(base);
    for (const [name, volume] of [['half map 1', half1], ['half map 2', half2], ['soft mask', softMask]] as const) {
      const bad = firstNonFinite(volume);
      if (bad >= 0) return failed(`The ${name} has a NaN or infinite value (voxel ${bad}): the local FSC cannot be computed.`);
    }
    const vx = half1.voxelSize[0];
    if (!hasCubicVoxels(half1.voxelSize)) {
      return failed(`BlocRes needs cubic voxels; the half maps have ${half1.voxelSize.join(' × ')} Å.`);
    }
    const { box } = ctx.params;
    if (half1.dims.some((d) => d < box)) {
      return failed(`The half maps (${half1.dims.join(' × ')} voxels) are smaller than the ${box}-voxel BlocRes box.`);
    }

    let done = 0;
    const result = await blocRes(half1.data, half2.data, softMask.data, half1.dims, {
      voxelSize: vx,
      box,
      cutoff: ctx.params.cutoff,
      maxResolution: ctx.params.maxResolution,
      step: ctx.params.step === 0 ? 'auto' : ctx.params.step,
      maxBoxes: ctx.params.maxBoxes,
      signal: ctx.signal,
      onProgress: (count, total) => {
        if (count - done >= total / 50 || count === total) {
          done = count;
          ctx.progress(0.05 + (0.85 * count) / total, `${count}/${total} boxes`);
        }
      },
    });
    if (result.targetVoxels === 0) {
      return failed(`The soft mask has no voxel ≥ 0.5 at least ${Math.floor(box / 2)} voxels from the box edge: there is nothing for BlocRes to measure.`);
    }
    const summary = summarizeLocalResolution(result.resolution, { reportedResolution: resolution });
    if (summary === null) return failed('BlocRes assigned no local resolution inside the mask.');
    const values = localResolutionValues(result.resolution);
    const localResolution = half1.withData(result.resolution);

    ctx.progress(0.92, 'views');
    const range: [number, number] = [summary.percentiles.p2_5, summary.percentiles.p97_5];
    // Unmeasured: soft-mask voxels (≥ 0.5) BlocRes gave no resolution (e.g. too near the box edge for a box).
    const unmeasured = findUnmeasured(result.resolution, softMask.data);
    const views = threshold === undefined ? null : colouredViews(softMasked(map, softMask), threshold, localResolution, range, undefined, unmeasured);
    const report = localResolutionReport({ resolution, summary, values, views, threshold, estimateMethod: 'BlocRes median local resolution', unmeasured });
    const step = result.step;
    const method = step === 1 ? `${METHOD_BASE}.` : `${METHOD_BASE}; measured every ${step} voxels and filled trilinearly in between (Bsoft measures every voxel).`;
    ctx.logger.info('timings', {
      totalSeconds: (performance.now() - started) / 1000,
      boxesSeconds: result.timings.boxesMs / 1000,
      threads: result.threads,
      cpuSecondsPerBox: result.boxes > 0 ? (result.timings.boxesMs / 1000 / result.boxes) * result.threads : null,
    });
    const section: SectionResult = {
      ...base,
      references: [CARDONE_2013],
      method,
      status: report.status,
      warnings: report.warnings,
      metrics: {
        ...distributionMetrics(summary),
        box: result.config.box,
        step,
        boxesMeasured: result.boxes,
        paddedBox: result.padded,
        cutoff: result.config.cutoff,
        highResolutionLimit: result.hiRes,
        half2Rescale: result.rescale,
      },
      results: report.results,
      resolutionEstimates: report.resolutionEstimates,
      tables: report.tables,
      plots: report.plots,
      figures: report.figures,
      notes: [
        `Our re-implementation of Bsoft's blocres (box ${result.config.box}, padded to ${result.padded}, Hann taper, cutoff ${result.config.cutoff}, high-resolution limit ${result.hiRes.toFixed(2)} Å), not the Bsoft program. `
        + `${result.boxes} boxes measured at ${summary.voxels} voxels of the soft mask (≥ 0.5 and at least ${Math.floor(result.config.box / 2)} voxels from the box edge)${step > 1 ? `, every ${step} voxels along each axis; the voxels in between were interpolated trilinearly, a speed option the original does not have` : ''}.`,
        ...report.notes,
      ],
    };
    ctx.progress(1, 'done');
    return {
      section: { kind: 'section', value: withPartialMask(section, await readCoverage(ctx.inputs), () => false), ...(views ? { files: views.files } : {}) },
      localResolution: { kind: 'volume', value: localResolution },
    };
  },
});
