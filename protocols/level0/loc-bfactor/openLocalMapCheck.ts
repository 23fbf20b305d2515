import type { BinaryMask, Compatibility, SectionResult, Volume } from '../../../core/index.js';
import { countNonFinite, locSpiralNotApplicable, SWEEP_LOW_RESOLUTION } from './locSpiralApplicability.js';
import { coverageInput } from '../../shared/maskCoverageNotes.js';

/** The fixed part of a LocSpiral-family section (id, titles, method, explanation). */
export type LocalMapSectionBase = Omit<SectionResult, 'status' | 'metrics' | 'reason'> & { warnings: string[] };

export type LocalMapCheckStart =
  /** The check ends here: it does not apply, or its input cannot be measured. */
  | { section: SectionResult }
  | {
      map: Volume<Float32Array>;
      mask: BinaryMask;
      resolution: number;
      maskVoxels: number;
      /** A "could not be measured" section with this reason. */
      failed: (reason: string, metrics?: Record<string, unknown>) => SectionResult;
    };

/**
 * The checks 0.f and 0.g start alike: applicability (locSpiralNotApplicable), then a resized map
 * with only finite voxels and a non-empty hard mask of the same size. Returns either the section
 * that ends the check or the inputs to measure.
 */
export async function openLocalMapCheck(
  protocolId: string,
  base: LocalMapSectionBase,
  params: { resolution?: number | undefined; compatibility: Compatibility },
  inputs: { volume(port: 'map'): Promise<Volume<Float32Array>>; mask(port: 'mask'): Promise<BinaryMask> },
): Promise<LocalMapCheckStart> {
  const map = await inputs.volume('map');
  const notApplicable = locSpiralNotApplicable(params.resolution, map, params.compatibility);
  if (notApplicable !== null || params.resolution === undefined) {
    return { section: { ...base, status: 'not-applicable', reason: notApplicable ?? '', metrics: {} } };
  }
  const mask = await inputs.mask('mask');
  if (mask.size !== map.size) throw new RangeError(`${protocolId}: the mask (${mask.dims.join('×')}) and the map (${map.dims.join('×')}) differ in size`);
  const failed = (reason: string, metrics: Record<string, unknown> = {}): SectionResult => ({ ...base, status: 'failed', reason, metrics });
  const nonFinite = countNonFinite(map.data);
  if (nonFinite > 0) return { section: failed(`The resized map has ${nonFinite} NaN or infinite voxels.`, { nonFiniteMapVoxels: nonFinite }) };
  let maskVoxels = 0;
  for (let i = 0; i < mask.data.length; i++) if (mask.data[i]! > 0.5) maskVoxels++;
  if (maskVoxels === 0) return { section: failed('The hard mask of the resized map is empty: no voxel of the resized map reaches the threshold.') };
  return { map, mask, resolution: params.resolution, maskVoxels, failed };
}

/** Parameters every LocSpiral-family protocol declares (besides `compatibility` and its own). */
export const localMapParams = {
  resolution: { type: 'number', min: 0, description: 'Reported resolution in Å (the sweep ends at 1/resolution).' },
  threshold: { type: 'number', description: 'Contour level of the surface views (density units of the map).' },
  minResolution: { type: 'number', min: 0, default: SWEEP_LOW_RESOLUTION, description: 'Low-resolution end of the sweep (Å).' },
  shellVoxels: { type: 'number', min: 0.1, max: 100, default: 4.8, description: 'Standard deviation of the frequency shell in Fourier voxels.' },
} as const;

/** Inputs of every LocSpiral-family protocol: the resized map and its masks. */
export const localMapInputs = {
  map: { kind: 'volume', description: "The map resized to Ts' = resolution/2 (vrs.resizeMap)." },
  mask: { kind: 'mask', description: 'The hard mask of the resized map (voxels > 0.5 are the molecule).' },
  softMask: { kind: 'volume', optional: true, description: 'The soft mask of the resized map; the views show map × soft mask.' },
  coverage: coverageInput,
} as const;
