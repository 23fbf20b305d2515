import type { BinaryMask, Compatibility, SectionResult, Volume } from '../../core/index.js';
import { countNonFinite, locSpiralNotApplicable } from './locSpiralApplicability.js';

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
