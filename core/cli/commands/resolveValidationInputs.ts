import { resolve } from 'node:path';
import { VrsInputError } from '../../errors/index.js';
import type { Compatibility } from '../../report/index.js';
import { readEmdbHeader, readMap, readMapHeader, type EmdbHeader } from '../../io/index.js';
import { suggestThreshold } from './suggestThreshold.js';

/** What `vrs validate` is given (numbers already parsed). */
export interface ValidationOptions {
  map: string;
  threshold?: number;
  resolution?: number;
  voxel?: number;
  /** EMDB header XML: contour level, resolution, pixel spacing, id and title. */
  emdbHeader?: string;
  compatibility?: Compatibility;
}

export interface ValidationInputs {
  /** Workflow parameters for workflows/level0.yaml. */
  params: Record<string, string | number>;
  /** Where each value came from and anything the user should know, one line each. */
  notes: string[];
}

/**
 * The level-0 workflow parameters from the command line and an optional EMDB header: command-line
 * values win over the header's, the header's pixel spacing over the map header's (the map reader
 * notes any override). Reads only the map header (geometry checks before anything runs), except
 * when no threshold is known: the map is then read to suggest one, in the error message.
 */
export async function resolveValidationInputs(options: ValidationOptions, cwd: string): Promise<ValidationInputs> {
  const map = resolve(cwd, options.map);
  const notes: string[] = [];
  let header: EmdbHeader | undefined;
  if (options.emdbHeader) {
    const file = resolve(cwd, options.emdbHeader);
    header = await readEmdbHeader(file);
    const found = [
      header.threshold !== undefined ? `contour level ${header.threshold}` : undefined,
      header.resolution !== undefined ? `resolution ${header.resolution} Å` : undefined,
      header.voxelSize !== undefined ? `pixel spacing ${header.voxelSize.join(' × ')} Å` : undefined,
    ].filter(Boolean);
    notes.push(`EMDB header ${options.emdbHeader}${header.emdbId ? ` (${header.emdbId})` : ''}: ${found.length > 0 ? found.join(', ') : 'no contour level, resolution or pixel spacing'}.`);
  }
  const threshold = options.threshold ?? header?.threshold;
  const resolution = options.resolution ?? header?.resolution;
  let voxel = options.voxel;
  if (voxel === undefined && header?.voxelSize) {
    const [x, y, z] = header.voxelSize;
    if (Math.abs(x - y) > 1e-6 * x || Math.abs(x - z) > 1e-6 * x) {
      notes.push(`The EMDB header's pixel spacing is anisotropic (${header.voxelSize.join(' × ')} Å); the map header's voxel size is used.`);
    } else voxel = x;
  }
  if (options.threshold !== undefined && header?.threshold !== undefined && options.threshold !== header.threshold) {
    notes.push(`--threshold ${options.threshold} replaces the header's contour level ${header.threshold}.`);
  }
  if (options.resolution !== undefined && header?.resolution !== undefined && options.resolution !== header.resolution) {
    notes.push(`--resolution ${options.resolution} replaces the header's ${header.resolution} Å.`);
  }

  const mapHeader = await readMapHeader(map, voxel !== undefined ? { voxelSize: voxel } : {});
  if (threshold === undefined) {
    const { volume } = await readMap(map, voxel !== undefined ? { voxelSize: voxel } : {});
    const suggestion = suggestThreshold(volume);
    const alternative = suggestion.alternative ? `; or ${fmt(suggestion.alternative.value)}, ${suggestion.alternative.rule}` : '';
    throw new VrsInputError(
      `no threshold: give the contour level recommended for this map with --threshold (or an EMDB header with --emdb-header). ` +
        `Suggested: --threshold ${fmt(suggestion.value)}, ${suggestion.rule}${alternative}.`,
      options.map,
      'threshold',
    );
  }
  if (!Number.isFinite(threshold)) throw new VrsInputError(`threshold must be a finite number, got ${threshold}`, options.map, 'threshold');
  if (resolution !== undefined) {
    if (!(resolution > 0) || !Number.isFinite(resolution)) throw new VrsInputError(`resolution must be a positive number of Å, got ${resolution}`, options.map, 'resolution');
    const nyquist = 2 * Math.max(...mapHeader.voxelSize);
    if (resolution < nyquist) {
      notes.push(
        `warning: the resolution ${resolution} Å is finer than twice the voxel size (${fmt(nyquist)} Å, the finest detail the map can hold); the analyses stop at ${fmt(nyquist)} Å and the report says so.`,
      );
    }
  } else notes.push('No resolution given: the checks that need it report that they do not apply.');

  const params: Record<string, string | number> = { map, threshold };
  if (resolution !== undefined) params['resolution'] = resolution;
  if (voxel !== undefined) params['voxel'] = voxel;
  if (options.compatibility) params['compatibility'] = options.compatibility;
  if (header?.emdbId) params['emdbId'] = header.emdbId;
  if (header?.title) params['title'] = header.title;
  return { params, notes };
}

function fmt(value: number): string {
  return Number(value.toPrecision(3)).toString();
}
