import { formatPrintf, sliceFigure, threshold as thresholdMask, type BinaryMask, type Compatibility, type SectionResult, type Volume } from '../../../core/index.js';
import { expandComponentSizes, type HardMaskInfo } from '../../preprocessing/hard-mask/HardMaskInfo.js';
import { componentStatistics } from './componentStatistics.js';
import { massTable } from './massTable.js';
import { VRS_2022 } from '../../shared/methodReferences.js';

const MAX_COMPONENTS_95 = 5;
/** The original's bound on the average noise blob (vrs-spec §6.2 warning 2). */
export const MAX_AVERAGE_BLOB_A3 = 5;
/**
 * Corrected mode: the largest average blob, in voxels, that is still noise. Noise in a map is
 * correlated over about its resolution, which at the usual sampling (resolution 2–4 voxels,
 * Nyquist 2) spans about 3 voxels; a noise peak that rises above the threshold is at most one such
 * resolution element, a sphere 3 voxels across: π/6 · 3³ ≈ 14.14 voxels. Leftover components
 * larger than that on average are pieces of density (detached domains, a contour that splits
 * the molecule, artefacts), which is what the criterion is meant to catch. The original's 5 Å³
 * is less than one voxel once Ts > 1.71 Å, so it could never pass there (docs/differences.md).
 */
export const NOISE_SPECK_VOXELS = (Math.PI / 6) * 27;
const MIN_OVERLAP = 0.75;

/**
 * The average-blob bound in Å³: 5 Å³ in `original` mode; in corrected mode one noise speck
 * (NOISE_SPECK_VOXELS voxels) or 5 Å³, whichever is larger (5 Å³ only wins below Ts ≈ 0.71 Å).
 */
export function averageBlobLimitA3(voxelVolumeA3: number, compatibility: Compatibility): number {
  return compatibility === 'original' ? MAX_AVERAGE_BLOB_A3 : Math.max(MAX_AVERAGE_BLOB_A3, NOISE_SPECK_VOXELS * voxelVolumeA3);
}

const BASE = {
  id: '0.b',
  level: '0',
  title: 'Mask analysis',
  summaryLabel: '0.b Mask analysis',
  references: [VRS_2022],
  explanation:
    'At the suggested threshold most of the density should form one connected piece. A few thousand very small noise blobs are normal after thresholding, but together they should hold little of the mass (no more than about 10 %). The raw mask (threshold only) and the mask built for the analysis (threshold, largest connected component, about 2 Å of dilation) should agree: their overlap coefficient, size(raw AND constructed) / size(raw), runs from 0 to 1, and the closer to 1 the better.',
} as const;

/** The criteria sentence with the average-blob bound of the mode. */
function criteriaText(blobLimitA3: number, compatibility: Compatibility): string {
  const blob =
    compatibility === 'original'
      ? `an average volume below ${MAX_AVERAGE_BLOB_A3} Å³`
      : `an average volume below ${f(blobLimitA3, '%.2f')} Å³ (the larger of ${MAX_AVERAGE_BLOB_A3} Å³ and one noise speck, a sphere 3 voxels across: ${f(NOISE_SPECK_VOXELS, '%.2f')} voxels)`;
  return `OK when 1) at most ${MAX_COMPONENTS_95} connected components hold 95 % of the raw mask, 2) the blobs outside them have ${blob}, and 3) the overlap between the raw and the constructed mask is at least ${MIN_OVERLAP}.`;
}

export interface MaskAnalysisResult {
  section: SectionResult;
  files: Record<string, Uint8Array>;
}

/**
 * 0.b Mask analysis (vrs-spec §6.2): connectivity of the raw threshold mask (components from
 * vrs.hardMask's labelling, 26-connected), the 95 % walk, the remaining blobs, the constructed
 * mask and its overlap with the raw mask, and the mass enclosed at 24–25 gray levels. Corrected
 * statistics by default (§19 B2–B4); `original` reproduces the original's.
 */
export function maskAnalysisSection(
  map: Volume,
  hardMask: BinaryMask,
  info: HardMaskInfo,
  opts: { compatibility?: Compatibility } = {},
): MaskAnalysisResult {
  const compatibility = opts.compatibility ?? 'corrected';
  const method =
    compatibility === 'original'
      ? '26-connected components of the threshold mask, 95 % walk with the original statistics; mass enclosed at 24–25 gray levels'
      : '26-connected components of the threshold mask, 95 % walk; mass enclosed at 24–25 gray levels';
  const { threshold } = info;
  const [sx, sy, sz] = map.voxelSize;
  const ts3 = sx * sy * sz;
  const volume = (voxels: number) => f(voxels * ts3, '%5.2f');
  const blobLimitA3 = averageBlobLimitA3(ts3, compatibility);
  const criteria = criteriaText(blobLimitA3, compatibility);
  if (info.empty) {
    return {
      section: {
        ...BASE,
        criteria,
        method,
        status: 'failed',
        reason: `No voxel of the map reaches the threshold ${f(threshold, '%f')} (the map maximum is ${Number(info.mapMaximum.toPrecision(6))}): the mask is empty. Lower the threshold.`,
        warnings: [],
        metrics: { compatibility, rawVoxels: 0, rawComponents: 0 },
      },
      files: {},
    };
  }

  const raw = thresholdMask(map, threshold);
  const r = raw.data;
  const m = hardMask.data;
  let overlapVoxels = 0;
  for (let i = 0; i < r.length; i++) overlapVoxels += r[i]! & m[i]!;
  const overlap = overlapVoxels / info.rawVoxels;
  const stats = componentStatistics(expandComponentSizes(info.componentSizes), info.backgroundVoxels, ts3, compatibility);
  const rows = massTable(map, ts3);
  const rawFigure = sliceFigure(raw, { id: 'raw_mask', kind: 'maxVariance', caption: `Slices of maximum variance of the raw mask (the map thresholded at ${f(threshold, '%f')}).` });

  const warnings: string[] = [];
  if (stats.components95 > MAX_COMPONENTS_95) {
    warnings.push(
      `There might be a connectivity problem at this threshold: ${stats.components95} connected components (more than ${MAX_COMPONENTS_95}) are needed to reach 95 % of the mask. A lower threshold probably avoids it.`,
    );
  }
  if (stats.averageRemainingBlobVolumeA3 !== null && stats.averageRemainingBlobVolumeA3 > blobLimitA3) {
    const limit = compatibility === 'original' ? `${MAX_AVERAGE_BLOB_A3} Å³` : `${f(blobLimitA3, '%.2f')} Å³`;
    warnings.push(`There might be a problem with noise and artifacts: the average noise blob has a volume of ${f(stats.averageRemainingBlobVolumeA3, '%f')} Å³ (more than ${limit}).`);
  }
  if (overlap < MIN_OVERLAP) {
    warnings.push(
      `The mask built for the analysis may be unreliable: the threshold leaves too many disconnected components (overlap ${f(overlap, '%5.2f')}, below ${MIN_OVERLAP}).`,
    );
  }

  const results = [
    `Raw mask: at threshold ${f(threshold, '%f')} there are ${info.componentCount} connected components with ${info.rawVoxels} voxels in total, a volume of ${volume(info.rawVoxels)} Å³ (slices in the figure below).`,
    `Number of components needed to reach 95 % of the mask: ${stats.components95} (the table lists them, at most the first 100).`,
    stats.remainingComponents > 0
      ? `The average size of the remaining ${stats.remainingComponents} components is ${f(stats.averageRemainingVoxels ?? Number.NaN, '%5.2f')} voxels (${f(stats.averageRemainingBlobVolumeA3 ?? Number.NaN, '%5.2f')} Å³${compatibility === 'original' ? ', computed as the original service does' : ''}). Their size goes from ${stats.remainingFromVoxels} voxels (${volume(stats.remainingFromVoxels!)} Å³) to ${stats.remainingToVoxels} voxels (${volume(stats.remainingToVoxels!)} Å³).`
      : 'No component remains outside those needed for 95 % of the mask.',
    `Constructed mask: after keeping the largest component and dilating it by about 2 Å (${info.passes} pass${info.passes === 1 ? '' : 'es'}), there are ${info.maskVoxels} voxels, a volume of ${volume(info.maskVoxels)} Å³. The overlap between the raw and the constructed mask is ${f(overlap, '%5.2f')}.`,
    rows.length > 0
      ? 'The table and the plot below show the mass enclosed at different thresholds, as the volume protein would fill (1.207 Å³ per dalton, 110 Da per residue).'
      : 'The map has no positive density, so no mass-versus-threshold table is given.',
  ];
  const section: SectionResult = {
    ...BASE,
    criteria,
    method,
    status: warnings.length === 0 ? 'ok' : 'warnings',
    warnings,
    metrics: {
      compatibility,
      threshold,
      rawComponents: info.componentCount,
      rawVoxels: info.rawVoxels,
      rawVolumeA3: info.rawVoxels * ts3,
      components95: stats.components95,
      voxels95: stats.voxels95,
      remainingComponents: stats.remainingComponents,
      remainingVoxels: stats.remainingVoxels,
      averageRemainingVoxels: stats.averageRemainingVoxels,
      averageRemainingBlobVolumeA3: stats.averageRemainingBlobVolumeA3,
      averageBlobLimitA3: blobLimitA3,
      remainingSizeFromVoxels: stats.remainingFromVoxels,
      remainingSizeToVoxels: stats.remainingToVoxels,
      constructedMaskVoxels: info.maskVoxels,
      constructedMaskVolumeA3: info.maskVoxels * ts3,
      overlap,
      massTable: rows,
    },
    results,
    tables: [
      {
        id: 'components95',
        caption: 'Connected components of the raw mask, largest first, up to 95 % of its voxels (at most 100).',
        columns: [
          { key: 'voxels', label: 'Voxels', format: '%d' },
          { key: 'volume', label: 'Volume', unit: 'Å³', format: '%5.2f' },
          { key: 'percent', label: 'Percentage', unit: '%', format: '%5.2f' },
          { key: 'cumulative', label: 'Cumulated', unit: '%', format: '%5.2f' },
        ],
        rows: stats.listed.map((c) => ({ voxels: c.voxels, volume: c.voxels * ts3, percent: c.percent, cumulative: c.cumulativePercent })),
      },
      ...(rows.length > 0
        ? [
            {
              id: 'mass_table',
              caption: 'Mass enclosed at different thresholds (voxels strictly above each level).',
              columns: [
                { key: 'threshold', label: 'Threshold', format: '%5.4f' },
                { key: 'voxels', label: 'Voxel mass', format: '%5.2f' },
                { key: 'kDa', label: 'Molecular mass', unit: 'kDa', format: '%5.2f' },
                { key: 'residues', label: '# Amino acids', format: '%5.2f' },
              ],
              rows: rows.map((row) => ({ ...row })),
            },
          ]
        : []),
    ],
    plots:
      rows.length > 0
        ? [
            {
              id: 'mass_plot',
              caption: 'Voxel mass as a function of the gray level (threshold).',
              kind: 'line',
              xLabel: 'Gray level',
              yLabel: 'Voxels above it',
              yLog: true,
              series: [{ label: 'Voxel mass', x: rows.map((row) => row.threshold), y: rows.map((row) => row.voxels), style: 'line' }],
              vLines: [{ x: threshold, label: 'threshold' }],
            },
          ]
        : [],
    figures: [rawFigure.figure],
    abstract: warnings.length === 0 ? 'There seems to be no problem with the suggested threshold.' : 'There seems to be a problem with the suggested threshold.',
  };
  return { section, files: rawFigure.files };
}

function f(value: number, format: string): string {
  return formatPrintf(value, format).trim();
}
