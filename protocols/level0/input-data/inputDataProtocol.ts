import {
  centralSliceIndex,
  defineProtocol,
  formatPrintf,
  isosurfaceFigure,
  sliceFigure,
  type SectionFigure,
  type SectionResult,
} from '../../../core/index.js';
import type { HardMaskInfo } from '../../preprocessing/hard-mask/HardMaskInfo.js';
import type { MapInfo } from '../../preprocessing/import-map/MapInfo.js';
import type { MaskCoverage } from '../../preprocessing/mask-coverage/MaskCoverage.js';
import type { ResizedMapInfo } from '../../preprocessing/resize-map/ResizedMapInfo.js';
import { coverageAbstract, coverageMetrics, coverageResults } from './coverageText.js';
import { VRS_2022 } from '../../shared/methodReferences.js';

/**
 * The "Input data" section (vrs-spec §5): the map as read (file, SHA-256, voxel size, threshold,
 * resolution, header notes) and the pictures a user looks at first — central and max-variance
 * slices, projections, isosurface views at the threshold, and the hard and soft masks. No automatic
 * criteria.
 */
export const inputDataProtocol = defineProtocol({
  id: 'vrs.inputData',
  version: '1',
  title: 'Input data',
  description: 'Input map, SHA-256, voxel size, threshold, resolution, header notes; slices, projections, isosurface views and masks.',
  execution: 'worker',
  section: { id: 'input', level: 'input', title: 'Input data' },
  params: {
    threshold: { type: 'number', required: true, description: 'Contour level (density units of the map).' },
    resolution: { type: 'number', min: 0, description: 'Reported resolution in Å.' },
  },
  inputs: {
    info: { kind: 'json', description: 'The info output of vrs.importMap.' },
    map: { kind: 'volume', description: 'The imported map.' },
    hardMask: { kind: 'mask', description: 'The mask with hard borders.' },
    hardMaskInfo: { kind: 'json', description: 'The info output of vrs.hardMask.' },
    softMask: { kind: 'volume', description: 'The mask with soft borders.' },
    resizeInfo: { kind: 'json', optional: true, description: 'The info output of vrs.resizeMap (how the local analyses see the map).' },
    coverage: { kind: 'json', optional: true, description: 'The info output of vrs.maskCoverage (share of the density above the contour inside the hard mask).' },
  },
  outputs: {
    section: { kind: 'section' },
  },
  async run(ctx) {
    const { threshold, resolution } = ctx.params;
    const info = await ctx.inputs.json<MapInfo>('info');
    const maskInfo = await ctx.inputs.json<HardMaskInfo>('hardMaskInfo');
    const resize = ctx.inputs.has('resizeInfo') ? await ctx.inputs.json<ResizedMapInfo>('resizeInfo') : undefined;
    const coverage = ctx.inputs.has('coverage') ? await ctx.inputs.json<MaskCoverage>('coverage') : undefined;
    const map = await ctx.inputs.volume('map');
    const files: Record<string, Uint8Array> = {};
    const figures: SectionFigure[] = [];
    const add = (made: { figure: SectionFigure; files: Record<string, Uint8Array> }) => {
      figures.push(made.figure);
      Object.assign(files, made.files);
    };

    ctx.progress(0.05, 'slices and projections');
    const central = sliceFigure(map, {
      id: 'central',
      kind: 'central',
      caption: 'Central slices of the input map. The noise outside the molecule should have no structure: no stripes going out, small blobs, or particularly high or low densities.',
    });
    add(central);
    const mapSlices = sliceFigure(map, { id: 'max_variance', kind: 'maxVariance', caption: 'Slices of maximum variance of the input map along each axis.' });
    add(mapSlices);
    add(
      sliceFigure(map, {
        id: 'projections',
        kind: 'projection',
        caption:
          'Projections of the input map along each axis. Stripes suggest directional over-weighting or angular attraction; a dark halo around or inside the molecule suggests an incorrect CTF correction or a biased reconstruction.',
      }),
    );
    ctx.progress(0.35, 'isosurface views');
    const iso = isosurfaceFigure(map, { id: 'isosurface', threshold });
    add(iso);
    ctx.progress(0.7, 'mask slices');
    const dilation = `${maskInfo.passes} pass${maskInfo.passes === 1 ? '' : 'es'} of 18-neighbour dilation, about 2 Å`;
    const hard = await ctx.inputs.mask('hardMask');
    const hardSlices = sliceFigure(hard, {
      id: 'hard_mask',
      kind: 'maxVariance',
      caption: `Slices of maximum variance of the mask with hard borders: the map thresholded at ${formatPrintf(threshold, '%f')}, its largest connected component kept and dilated (${dilation}).`,
    });
    add(hardSlices);
    const soft = await ctx.inputs.volume('softMask');
    let softMaskSum = 0;
    for (let i = 0; i < soft.data.length; i++) softMaskSum += soft.data[i]!;
    const softSlices = sliceFigure(soft, {
      id: 'soft_mask',
      kind: 'maxVariance',
      caption: 'Slices of maximum variance of the mask with soft borders: the hard mask smoothed by a Gaussian of σ = √2 voxels.',
    });
    add(softSlices);

    const [sx, sy, sz] = info.voxelSize;
    const isotropic = Math.abs(sx - sy) <= 1e-6 * sx && Math.abs(sx - sz) <= 1e-6 * sx;
    const voxelText = isotropic ? `${formatPrintf(sx, '%f')} Å` : `${info.voxelSize.map((s) => formatPrintf(s, '%f')).join(' × ')} Å (x, y, z)`;
    const results = [
      `Input map: ${info.fileName}.`,
      `SHA-256 hash: ${info.sha256}${info.sha256Decompressed ? ` (of the decompressed map: ${info.sha256Decompressed})` : ''}.`,
      `Voxel size: ${voxelText}. Box: ${info.dims.join(' × ')} voxels; origin (${info.origin.map((o) => formatPrintf(o, '%.2f')).join(', ')}) Å.`,
      `Visualization threshold: ${formatPrintf(threshold, '%f')}.`,
      resolution === undefined ? 'Resolution estimated by the user: not reported.' : `Resolution estimated by the user: ${resolution} Å.`,
      `Density from ${fmt(info.dataStats.min)} to ${fmt(info.dataStats.max)}, mean ${fmt(info.dataStats.mean)}, standard deviation ${fmt(info.dataStats.rms)}.`,
      maskInfo.empty
        ? `No voxel reaches the threshold ${formatPrintf(threshold, '%f')} (the map maximum is ${fmt(maskInfo.mapMaximum)}): the masks are empty. Lower the threshold.`
        : `Mask with hard borders: ${maskInfo.maskVoxels} voxels (${maskInfo.largestComponentVoxels} in the largest component at the threshold, then ${dilation}). Mask with soft borders: sum ${fmt(softMaskSum)}.`,
      ...(coverage && !maskInfo.empty ? coverageResults(coverage) : []),
      ...(resize ? [resize.note] : []),
    ];
    const maxVariance = { map: mapSlices.indices, hardMask: hardSlices.indices, softMask: softSlices.indices };
    const section: SectionResult = {
      id: 'input',
      level: 'input',
      title: 'Input data',
      method: 'Map header and data as read; masks with hard and soft borders (Xmipp recipe)',
      references: [VRS_2022],
      status: 'no-criteria',
      warnings: [],
      metrics: {
        fileName: info.fileName,
        sha256: info.sha256,
        ...(info.sha256Decompressed ? { sha256Decompressed: info.sha256Decompressed } : {}),
        voxelSize: info.voxelSize,
        dims: info.dims,
        origin: info.origin,
        threshold,
        resolution: resolution ?? null,
        dataStats: info.dataStats,
        headerNotes: info.notes,
        hardMaskVoxels: maskInfo.maskVoxels,
        hardMaskPasses: maskInfo.passes,
        softMaskSum,
        centralSlices: centralSliceIndex(map.dims),
        maxVarianceSlices: maxVariance,
        isosurfaceEmpty: iso.empty,
        ...(resize ? { resizedMap: { resized: resize.resized, voxelSize: resize.voxelSize, dims: resize.dims } } : {}),
        ...(coverage ? coverageMetrics(coverage) : {}),
      },
      explanation:
        'The map as the validation read it, with the pictures to look at first. The masks are used by the analyses that follow: the hard mask marks the molecule (threshold, largest connected component, about 2 Å of dilation), the soft mask is its smoothed version.',
      results,
      figures,
      notes: info.notes,
      ...(coverage?.poor ? { abstract: coverageAbstract(coverage) } : {}),
    };
    ctx.progress(1);
    return { section: { kind: 'section', value: section, files } };
  },
});

function fmt(value: number): string {
  return Number(value.toPrecision(6)).toString();
}
